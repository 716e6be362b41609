import type { CaptureHeader, WireChunkJson } from '../../../../shared/contract/capture.js';
import type { Direction } from '../../../../shared/protocol/frame-record.js';
import type { CapturedRecord } from '../captured-record.js';

/**
 * What an exporter reads: a header and the records (bytes as bytes) and wire chunks in slices,
 * each call a fresh pass from the start. A log's stream (log-stream.ts) is one; so is a redacted
 * view of one, which never copies it.
 */
export interface CaptureStream {
  readonly header: CaptureHeader;
  /**
   * Every record; with `direction`, frames of the other direction are left out (handshakes and
   * events stay). A slice and its frames are valid until the next slice is asked for: a log's
   * stream refills them in place, so a reader that keeps a frame longer keeps `heldFrame(frame)`.
   */
  records(direction?: Direction): AsyncIterable<CapturedRecord[]>;
  wireChunks(): AsyncIterable<WireChunkJson[]>;
}
