import type { RecordFilter } from '../../../shared/contract/api-session.js';
import { PREVIEW_MAX_BYTES, type FrameRow, type RecordRow } from '../../../shared/contract/record-row.js';
import { isControlOpcode } from '../../../shared/protocol/opcode.js';
import type { CaptureLog } from '../capture/capture-log.js';
import { previewPayload } from '../capture/payload-preview.js';
import { hasProtocolFilter, rowPredicate } from './filtered-view.js';

/** Rows scanned per step while indexing, so one query never holds the event loop for long. */
const scanSliceRows = 4096;

/** A data message whose last fragment has not arrived yet. */
interface OpenMessage {
  readonly firstSeq: number;
  /** The message's opcode: its first frame's (the rest are continuations, §5.4). */
  readonly opcode: number;
  frameCount: number;
  length: number;
  /** The start of its payload, up to a preview's worth. */
  head: Uint8Array;
}

/** Growable parallel columns: one entry per row of the view. */
class MessageColumns {
  seqs = new Uint32Array(1024);
  firstSeqs = new Uint32Array(1024);
  opcodes = new Uint8Array(1024);
  frameCounts = new Uint32Array(1024);
  lengths = new Float64Array(1024);
  count = 0;

  push(seq: number, firstSeq: number, opcode: number, frameCount: number, length: number): void {
    if (this.count === this.seqs.length) this.grow();
    this.seqs[this.count] = seq;
    this.firstSeqs[this.count] = firstSeq;
    this.opcodes[this.count] = opcode;
    this.frameCounts[this.count] = frameCount;
    this.lengths[this.count] = length;
    this.count += 1;
  }

  private grow(): void {
    const size = this.seqs.length * 2;
    const grown = <T extends Uint8Array | Uint32Array | Float64Array>(from: T, make: (size: number) => T): T => {
      const next = make(size);
      next.set(from);
      return next;
    };
    this.seqs = grown(this.seqs, (n) => new Uint32Array(n));
    this.firstSeqs = grown(this.firstSeqs, (n) => new Uint32Array(n));
    this.opcodes = grown(this.opcodes, (n) => new Uint8Array(n));
    this.frameCounts = grown(this.frameCounts, (n) => new Uint32Array(n));
    this.lengths = grown(this.lengths, (n) => new Float64Array(n));
  }
}

/**
 * The timeline's messages view (§5.4): one row per message at its last fragment, with the summed
 * length and a preview of the whole message, control frames and events as they are. Built
 * incrementally like `FilteredView`: each query scans only what was appended since the last one.
 */
export class MessageView {
  private readonly columns = new MessageColumns();
  private readonly open = new Map<string, OpenMessage>();
  private scannedUpTo = 0;
  private readonly test: (row: RecordRow) => boolean;
  private readonly hasSearch: boolean;

  /** `completesProtocolMessage` answers the filter's protocol part for a message's last frame (the session's protocol layer). */
  constructor(readonly key: string, filter: RecordFilter, completesProtocolMessage?: (seq: number) => boolean) {
    const test = rowPredicate(filter);
    // A protocol message completes with the WebSocket message that carries it, so its last frame answers for the row.
    this.test = hasProtocolFilter(filter) ? (row) => row.kind === 'frame' && (completesProtocolMessage?.(row.seq) ?? false) && test(row) : test;
    this.hasSearch = filter.search !== '';
  }

  /** Extends the index to the log's end, yielding between slices, and returns `count` rows from `from`. */
  async page(log: CaptureLog, from: number, count: number): Promise<{ total: number; rows: RecordRow[] }> {
    while (this.scannedUpTo < log.count) {
      if (!this.scanSlice(log)) break;
      if (this.scannedUpTo < log.count) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return this.rowsFrom(log, from, count);
  }

  /**
   * The view's last `count` rows with its total, when one scan slice brings the index to the log's
   * end (a records batch's worth); null when more is left to scan, so a batch never waits on it.
   */
  tailInOneStep(log: CaptureLog, count: number): { from: number; total: number; rows: RecordRow[] } | null {
    if (this.scannedUpTo < log.count) this.scanSlice(log);
    if (this.scannedUpTo < log.count) return null;
    const from = Math.max(0, this.columns.count - count);
    return { from, ...this.rowsFrom(log, from, count) };
  }

  /** Indexes the next slice of records; false when the log gave none. */
  private scanSlice(log: CaptureLog): boolean {
    const rows = log.getRecords(this.scannedUpTo, Math.min(scanSliceRows, log.count - this.scannedUpTo));
    for (const row of rows) this.scan(log, row);
    this.scannedUpTo += rows.length;
    return rows.length > 0;
  }

  private rowsFrom(log: CaptureLog, from: number, count: number): { total: number; rows: RecordRow[] } {
    const { columns } = this;
    const end = Math.min(columns.count, from + count);
    const rows: RecordRow[] = [];
    for (let index = from; index < end; index += 1) {
      const row = log.getRecords(columns.seqs[index]!, 1)[0]!;
      const frameCount = columns.frameCounts[index]!;
      rows.push(row.kind === 'frame' && frameCount > 1 ? messageRow(log, row, { firstSeq: columns.firstSeqs[index]!, opcode: columns.opcodes[index]!, frameCount, length: columns.lengths[index]! }) : row);
    }
    return { total: columns.count, rows };
  }

  private scan(log: CaptureLog, row: RecordRow): void {
    if (row.kind !== 'frame' || isControlOpcode(row.opcode) || row.fragment === 'whole') {
      if (this.test(row)) this.columns.push(row.seq, row.seq, row.kind === 'frame' ? row.opcode : 0, 1, row.kind === 'frame' ? row.payloadLength : 0);
      return;
    }
    const key = `${row.direction}:${row.messageId}`;
    const message = this.open.get(key) ?? { firstSeq: row.seq, opcode: row.opcode, frameCount: 0, length: 0, head: new Uint8Array(0) };
    message.frameCount += 1;
    message.length += row.payloadLength;
    if (message.head.byteLength < PREVIEW_MAX_BYTES) message.head = appendHead(message.head, log.getPayload(row.seq));
    if (row.fragment !== 'last') {
      this.open.set(key, message);
      return;
    }
    this.open.delete(key);
    // Without a search the row's own fields decide; with one, the whole message's preview is searched.
    const candidate = this.hasSearch ? withMessage(row, message, message.head) : row;
    if (this.test(candidate)) this.columns.push(row.seq, message.firstSeq, message.opcode, message.frameCount, message.length);
  }
}

function appendHead(head: Uint8Array, payload: Uint8Array): Uint8Array {
  const take = Math.min(payload.byteLength, PREVIEW_MAX_BYTES - head.byteLength);
  const next = new Uint8Array(head.byteLength + take);
  next.set(head);
  next.set(payload.subarray(0, take), head.byteLength);
  return next;
}

/** What a message row says of its message besides its last frame's fields. */
interface MessageFacts {
  readonly firstSeq: number;
  readonly opcode: number;
  readonly frameCount: number;
  readonly length: number;
}

/** The last frame's row standing for the whole message: the message's opcode, summed length, preview of its start. */
function withMessage(last: FrameRow, message: MessageFacts, head: Uint8Array): FrameRow {
  // A compressed message's last frame already previews the inflated message.
  const preview = last.isCompressed ? { payloadPreview: last.payloadPreview, previewEncoding: last.previewEncoding } : previewPayload(head, head.byteLength < message.length);
  return { ...last, opcode: message.opcode, payloadLength: message.length, messageFrameCount: message.frameCount, ...preview };
}

/** Rebuilds a message row at page time from the fragments' retained bytes. */
function messageRow(log: CaptureLog, last: FrameRow, message: MessageFacts): FrameRow {
  let head: Uint8Array = new Uint8Array(0);
  if (!last.isCompressed) {
    for (let seq = message.firstSeq; seq <= last.seq && head.byteLength < PREVIEW_MAX_BYTES; seq += 1) {
      const row = log.getRecords(seq, 1, 0)[0];
      if (row?.kind === 'frame' && row.direction === last.direction && row.messageId === last.messageId) head = appendHead(head, log.getPayload(seq));
    }
  }
  return withMessage(last, message, head);
}
