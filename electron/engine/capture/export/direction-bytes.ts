import type { Direction } from '../../../../shared/protocol/frame-record.js';
import { applyMask } from '../../../../shared/protocol/masking.js';
import { fromBase64 } from '../byte-text.js';
import type { CapturedRecord } from '../captured-record.js';

/** Where a segment's bytes come from: a handshake half, one frame, or past the end of every record. */
export type SegmentSource = 'handshake' | 'frame' | 'unrecorded';

/**
 * Bytes taken from one direction for one packet: known bytes, then zero bytes Frameline did not
 * keep. The object is refilled by the next `take`: a packet copies it at once.
 */
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

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

// One handshake half or one frame: header bytes (or the raw head), then the payload masked again
// when it was masked on the wire; then the payload bytes the capture did not keep. Refilled per unit.
interface Unit {
  source: 'handshake' | 'frame';
  head: Uint8Array;
  body: Uint8Array | null;
  knownBytes: number;
  gapBytes: number;
  seq: number | null;
}

/**
 * The exact byte stream of one direction, rebuilt from the records in seq order: the raw
 * handshake request (out) or response (in), then each frame's header bytes and payload. A segment
 * never crosses from one frame to the next, so a packet holds bytes of at most one frame. Units are
 * built from one slice of records at a time; `loadMore` is awaited only when a slice is used up.
 * One unit and one segment object are refilled, so a million packets allocate none per packet (a
 * pcapng export profile had a third of its time in the garbage collector before).
 */
export class DirectionBytes {
  private readonly slices: AsyncIterator<CapturedRecord[]>;
  private slice: readonly CapturedRecord[] = [];
  private next = 0;
  private readonly unit: Unit = { source: 'frame', head: new Uint8Array(0), body: null, knownBytes: 0, gapBytes: 0, seq: null };
  private hasCurrent = false;
  private offset = 0;
  private isDone = false;
  private readonly parts: Uint8Array[] = [];
  private readonly segment: Mutable<Segment> = { source: 'unrecorded', parts: this.parts, zeroBytes: 0, byteLength: 0, seq: null };

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
    if (!this.hasUnit()) return this.fill('unrecorded', 0, 0, maxBytes, null);
    const unit = this.unit;
    const end = Math.min(this.offset + maxBytes, unit.knownBytes + unit.gapBytes);
    const zeroBytes = Math.max(0, end - Math.max(this.offset, unit.knownBytes));
    return this.fill(unit.source, this.offset, Math.min(end, unit.knownBytes), zeroBytes, unit.seq);
  }

  /** Up to `maxBytes` known bytes the records hold beyond what was taken (gaps skipped), or null when none are left. */
  async takeKnown(maxBytes: number): Promise<Segment | null> {
    for (;;) {
      if (this.needsRecords) await this.loadMore();
      if (!this.hasUnit()) return null;
      const unit = this.unit;
      if (this.offset >= unit.knownBytes) {
        this.offset = unit.knownBytes + unit.gapBytes;
        continue;
      }
      return this.fill(unit.source, this.offset, Math.min(this.offset + maxBytes, unit.knownBytes), 0, unit.seq);
    }
  }

  // The segment of unit bytes [from, to) and `zeroBytes` after them; the offset moves past both.
  private fill(source: SegmentSource, from: number, to: number, zeroBytes: number, seq: number | null): Segment {
    const parts = this.parts;
    parts.length = 0;
    if (to > from) {
      const { head, body } = this.unit;
      addPart(parts, head, 0, from, to);
      if (body !== null) addPart(parts, body, head.byteLength, from, to);
    }
    const segment = this.segment;
    segment.source = source;
    segment.zeroBytes = zeroBytes;
    segment.byteLength = Math.max(0, to - from) + zeroBytes;
    segment.seq = seq;
    if (source !== 'unrecorded') this.offset = Math.max(to, from) + zeroBytes;
    return segment;
  }

  // Moves to the next unit with bytes left, building it from the records read so far.
  private hasUnit(): boolean {
    if (this.hasCurrent && this.offset < this.unit.knownBytes + this.unit.gapBytes) return true;
    this.hasCurrent = false;
    while (this.next < this.slice.length) {
      if (this.fillUnit(this.slice[this.next++] as CapturedRecord) && this.unit.knownBytes + this.unit.gapBytes > 0) {
        this.hasCurrent = true;
        this.offset = 0;
        return true;
      }
    }
    return false;
  }

  private fillUnit(record: CapturedRecord): boolean {
    const unit = this.unit;
    if (record.kind === 'handshake') {
      const raw = this.direction === 'out' ? record.request.raw : record.response?.raw;
      if (raw === undefined) return false;
      const bytes = fromBase64(raw);
      unit.source = 'handshake';
      unit.head = bytes;
      unit.body = null;
      unit.knownBytes = bytes.byteLength;
      unit.gapBytes = 0;
      unit.seq = null;
      return true;
    }
    if (record.kind !== 'frame' || record.direction !== this.direction) return false;
    let payload = record.payload;
    if (record.maskingKey !== null && payload.byteLength > 0) {
      // A copy: the record's payload is a view into the capture, which must not change.
      payload = Uint8Array.from(payload);
      applyMask(payload, record.maskingKey);
    }
    unit.source = 'frame';
    unit.head = record.headerBytes;
    unit.body = payload.byteLength > 0 ? payload : null;
    unit.knownBytes = record.headerBytes.byteLength + payload.byteLength;
    unit.gapBytes = Math.max(0, record.payloadLength - payload.byteLength);
    unit.seq = record.seq;
    return true;
  }
}

// The part of `part` (which starts at unit byte `start`) inside unit bytes [from, to), as a view.
function addPart(parts: Uint8Array[], part: Uint8Array, start: number, from: number, to: number): void {
  const end = start + part.byteLength;
  if (end <= from || start >= to) return;
  const first = Math.max(from, start) - start;
  const last = Math.min(to, end) - start;
  parts.push(first === 0 && last === part.byteLength ? part : part.subarray(first, last));
}
