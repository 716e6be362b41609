import type { Direction } from '../../../../shared/protocol/frame-record.js';
import { applyMask } from '../../../../shared/protocol/masking.js';
import { fromBase64 } from '../byte-text.js';
import type { CapturedRecord } from '../captured-record.js';

/** Where a segment's bytes come from: a handshake half, one frame, or past the end of every record. */
export type SegmentSource = 'handshake' | 'frame' | 'unrecorded';

/** Bytes taken from one direction for one packet: known bytes, then zero bytes Frameline did not keep. */
export interface Segment {
  readonly source: SegmentSource;
  /** The known bytes, in order, as views. */
  readonly parts: readonly Uint8Array[];
  /** Zero bytes after the parts: payload cut by the retention limit (a frame), or bytes no record holds (unrecorded). */
  readonly zeroBytes: number;
  readonly byteLength: number;
  /** The frame's seq, for a comment naming it. */
  readonly seq: number | null;
}

// One handshake half or one frame: header bytes, then the payload masked again when it was masked
// on the wire; then the payload bytes the capture did not keep.
interface Unit {
  readonly source: 'handshake' | 'frame';
  readonly parts: Uint8Array[];
  readonly knownBytes: number;
  readonly gapBytes: number;
  readonly seq: number | null;
}

/**
 * The exact byte stream of one direction, rebuilt from the records in seq order: the raw
 * handshake request (out) or response (in), then each frame's header bytes and payload. A segment
 * never crosses from one frame to the next, so a packet holds bytes of at most one frame. Units are
 * built from one slice of records at a time; `loadMore` is awaited only when a slice is used up.
 */
export class DirectionBytes {
  private readonly slices: AsyncIterator<CapturedRecord[]>;
  private slice: readonly CapturedRecord[] = [];
  private next = 0;
  private unit: Unit | null = null;
  private offset = 0;
  private isDone = false;

  constructor(records: AsyncIterable<CapturedRecord[]>, private readonly direction: Direction) {
    this.slices = records[Symbol.asyncIterator]();
  }

  /** True when `take` needs `loadMore` first: the records read so far are used up. */
  get needsRecords(): boolean {
    return !this.isDone && !this.hasUnit();
  }

  /** Reads the next slice of records. */
  async loadMore(): Promise<void> {
    while (!this.isDone && !this.hasUnit()) {
      const result = await this.slices.next();
      if (result.done) this.isDone = true;
      else {
        this.slice = result.value;
        this.next = 0;
      }
    }
  }

  /**
   * Up to `maxBytes` bytes of the current unit; once every record is used up, `maxBytes` zero
   * bytes no record holds. Call `loadMore` first when `needsRecords` says so.
   */
  take(maxBytes: number): Segment {
    const unit = this.hasUnit() ? this.unit : null;
    if (unit === null) return { source: 'unrecorded', parts: [], zeroBytes: maxBytes, byteLength: maxBytes, seq: null };
    const end = Math.min(this.offset + maxBytes, unit.knownBytes + unit.gapBytes);
    const parts = slice(unit.parts, this.offset, Math.min(end, unit.knownBytes));
    const zeroBytes = Math.max(0, end - Math.max(this.offset, unit.knownBytes));
    const byteLength = end - this.offset;
    this.offset = end;
    return { source: unit.source, parts, zeroBytes, byteLength, seq: unit.seq };
  }

  /** Up to `maxBytes` known bytes the records hold beyond what was taken (gaps skipped), or null when none are left. */
  async takeKnown(maxBytes: number): Promise<Segment | null> {
    for (;;) {
      if (this.needsRecords) await this.loadMore();
      const unit = this.hasUnit() ? this.unit : null;
      if (unit === null) return null;
      if (this.offset >= unit.knownBytes) {
        this.offset = unit.knownBytes + unit.gapBytes;
        continue;
      }
      const end = Math.min(this.offset + maxBytes, unit.knownBytes);
      const parts = slice(unit.parts, this.offset, end);
      const byteLength = end - this.offset;
      this.offset = end;
      return { source: unit.source, parts, zeroBytes: 0, byteLength, seq: unit.seq };
    }
  }

  // Moves to the next unit with bytes left, building it from the records read so far.
  private hasUnit(): boolean {
    if (this.unit !== null && this.offset < this.unit.knownBytes + this.unit.gapBytes) return true;
    this.unit = null;
    while (this.next < this.slice.length) {
      const unit = this.unitOf(this.slice[this.next++] as CapturedRecord);
      if (unit !== null && unit.knownBytes + unit.gapBytes > 0) {
        this.unit = unit;
        this.offset = 0;
        return true;
      }
    }
    return false;
  }

  private unitOf(record: CapturedRecord): Unit | null {
    if (record.kind === 'handshake') {
      const raw = this.direction === 'out' ? record.request.raw : record.response?.raw;
      if (raw === undefined) return null;
      const bytes = fromBase64(raw);
      return { source: 'handshake', parts: [bytes], knownBytes: bytes.byteLength, gapBytes: 0, seq: null };
    }
    if (record.kind !== 'frame' || record.direction !== this.direction) return null;
    let payload = record.payload;
    if (record.maskingKey !== null && payload.byteLength > 0) {
      // A copy: the record's payload is a view into the capture, which must not change.
      payload = Uint8Array.from(payload);
      applyMask(payload, record.maskingKey);
    }
    const parts = payload.byteLength > 0 ? [record.headerBytes, payload] : [record.headerBytes];
    const knownBytes = record.headerBytes.byteLength + payload.byteLength;
    return { source: 'frame', parts, knownBytes, gapBytes: Math.max(0, record.payloadLength - payload.byteLength), seq: record.seq };
  }
}

// The parts covering unit bytes [from, to), as views.
function slice(parts: readonly Uint8Array[], from: number, to: number): Uint8Array[] {
  const result: Uint8Array[] = [];
  let start = 0;
  for (const part of parts) {
    const end = start + part.byteLength;
    if (end > from && start < to) {
      const first = Math.max(from, start) - start;
      const last = Math.min(to, end) - start;
      result.push(first === 0 && last === part.byteLength ? part : part.subarray(first, last));
    }
    start = end;
  }
  return result;
}
