import type { CaptureHeader, WireChunkJson } from '../../../../shared/contract/capture.js';
import type { RecordJson } from '../../../../shared/contract/records.js';

/**
 * What an exporter reads: a header and the records and wire chunks in slices, each call a fresh
 * pass from the start. A CaptureLog is one; so is a redacted view of one, which never copies it.
 */
export interface CaptureStream {
  readonly header: CaptureHeader;
  records(): AsyncIterable<RecordJson[]>;
  wireChunks(): AsyncIterable<WireChunkJson[]>;
}
