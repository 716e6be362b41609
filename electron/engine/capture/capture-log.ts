import { tmpdir } from 'node:os';
import type { CaptureHeader, CaptureHeaderFields, WireChunkJson } from '../../../shared/contract/capture.js';
import { CAPTURE_FORMAT_NAME, CAPTURE_FORMAT_VERSION } from '../../../shared/contract/capture.js';
import type { FrameRow, RecordRow } from '../../../shared/contract/record-row.js';
import { PREVIEW_MAX_BYTES } from '../../../shared/contract/record-row.js';
import type {
  EventRecordJson,
  FrameRecordJson,
  HandshakeRecordJson,
  RecordJson,
  RelayLeg,
} from '../../../shared/contract/records.js';
import type { Direction, FrameRecord } from '../../../shared/protocol/frame-record.js';
import type { Violation } from '../../../shared/protocol/violation.js';
import { fromBase64, maskingKeyToHex, maskingKeyToNumber, toBase64 } from './byte-text.js';
import { GrowableBytes } from './growable-bytes.js';
import { PayloadArena } from './payload-arena.js';
import { previewPayload } from './payload-preview.js';
import { RecordColumns } from './record-columns.js';
import { directionOf, fragmentBits, fragmentOf, kindBits, kindOf, RecordFlag } from './record-flags.js';
import { eventRow, handshakeRow } from './record-rows.js';
import { SparseNumberColumn } from './sparse-number-column.js';
import { WireColumns } from './wire-columns.js';

/** How a capture log is set up. */
export interface CaptureLogOptions {
  readonly header: CaptureHeaderFields;
  /** Payload bytes kept in memory before old slabs spill to a temp file; default 256 MiB. */
  readonly payloadMemoryBudgetBytes?: number;
  /** Payload slab size; default 4 MiB. */
  readonly slabBytes?: number;
  /** Where spill files go; default the OS temp folder. */
  readonly spillDirectory?: string;
}

/** A handshake record before the log numbers it. */
export type HandshakeRecordInit = Omit<HandshakeRecordJson, 'kind' | 'seq'>;

/** An event record before the log numbers it; detail fields are kept as given. */
export type EventRecordInit = Pick<
  EventRecordJson,
  'atMicros' | 'name' | 'stage' | 'message' | 'hint' | 'by' | 'how' | 'closeCode' | 'closeReason'
> & { readonly [detail: string]: unknown };

/** A relay frame's leg and, for a frame the relay wrote, the seq of the frame it came from. */
export interface FrameLegTags {
  readonly leg: RelayLeg;
  readonly link?: number;
}

/** What a log holds and what it costs, from the log's own accounting of its allocations. */
export interface CaptureMemoryUsage {
  readonly records: number;
  readonly wireChunks: number;
  /** Typed-array columns, header bytes, sparse columns and wire columns, as allocated (including growth slack). */
  readonly metadataBytes: number;
  /** Entries in the object side tables (handshakes, events, frames with violations, a close reason or the redacted mark). */
  readonly sideEntries: number;
  readonly payloadBytesInMemory: number;
  readonly payloadBytesSpilled: number;
  /** Why payloads stopped spilling to disk, or null. */
  readonly spillError: string | null;
}

// Rare per-frame fields that are not numbers; kept as objects because few frames have them.
// `redacted` only ever comes from an imported export, so it costs ordinary frames nothing.
interface FrameSideEntry {
  readonly violations?: Violation[];
  readonly closeReason?: string;
  readonly redacted?: true;
}

// The frame fields both FrameRecord and FrameRecordJson carry in the same form.
type FrameScalars = Pick<
  FrameRecord,
  | 'atMicros' | 'fin' | 'rsv1' | 'rsv2' | 'rsv3' | 'opcode' | 'masked' | 'payloadLength' | 'payloadTruncated'
  | 'messageId' | 'fragment' | 'closeCode' | 'closeReason' | 'violations'
>;

// The fields that differ between the two forms, in the log's terms: bytes as bytes, the key as a number.
interface FrameBytes {
  readonly maskingKey: number | null;
  readonly headerBytes: Uint8Array;
  readonly payload: Uint8Array;
  readonly inflatedPayload: Uint8Array | undefined;
  /** Only imports set it: the file said an export replaced the payload with filler. */
  readonly isRedacted?: boolean;
}

const defaultBudgetBytes = 256 * 1024 * 1024;
const defaultSlabBytes = 4 * 1024 * 1024;
// About 2 ms of serialising per slice, so an export never holds the event loop for long.
const defaultSliceSize = 256;
const emptyViolations: readonly Violation[] = Object.freeze([]);

/**
 * The append-only record log of one session (DESIGN.md "The record model"): fixed fields in
 * typed-array columns, header and payload bytes in arenas, rare fields in side tables. It numbers
 * records in append order (`seq` from 0), serves pages of rows with previews, full records on
 * demand, and slices of records for streaming exports.
 */
export class CaptureLog {
  private headerFields: CaptureHeaderFields;
  private readonly columns = new RecordColumns();
  private readonly headers = new GrowableBytes();
  private readonly payloads: PayloadArena;
  private readonly inflatedLength = new SparseNumberColumn();
  private readonly closeCode = new SparseNumberColumn();
  private readonly rttMicros = new SparseNumberColumn();
  // Relay captures: 0 for the client leg, 1 for the server leg; links both ways (a frame and its counterpart).
  private readonly legs = new SparseNumberColumn();
  private readonly links = new Map<number, number>();
  private readonly side = new Map<number, FrameSideEntry | HandshakeRecordJson | EventRecordJson>();
  private readonly wire = new WireColumns();
  private readonly listeners = new Set<(seq: number) => void>();
  private sealed = false;

  constructor(options: CaptureLogOptions) {
    this.headerFields = options.header;
    this.payloads = new PayloadArena({
      slabBytes: options.slabBytes ?? defaultSlabBytes,
      memoryBudgetBytes: options.payloadMemoryBudgetBytes ?? defaultBudgetBytes,
      spillDirectory: options.spillDirectory ?? tmpdir(),
    });
  }

  /** Records appended so far; the next record gets this `seq`. */
  get count(): number {
    return this.columns.length;
  }

  /** Raw socket chunks recorded so far. */
  get wireChunkCount(): number {
    return this.wire.length;
  }

  /** True for imported captures and ended sessions: appends and header updates throw. */
  get isSealed(): boolean {
    return this.sealed;
  }

  /** The header in file order (format and version first). */
  get header(): CaptureHeader {
    const h = this.headerFields;
    return {
      format: CAPTURE_FORMAT_NAME,
      version: CAPTURE_FORMAT_VERSION,
      created: h.created,
      targetUrl: h.targetUrl,
      options: h.options,
      endpoints: h.endpoints,
      tls: h.tls,
      handshake: h.handshake,
      extensions: h.extensions,
      subprotocol: h.subprotocol,
      redactions: h.redactions,
      ...(h.appProtocol !== undefined ? { appProtocol: h.appProtocol } : {}),
      ...(h.relay ? { relay: h.relay } : {}),
    };
  }

  /** Fills in header fields learnt during the session (endpoints, TLS, extensions, …). */
  updateHeader(patch: Partial<CaptureHeaderFields>): void {
    this.assertWritable();
    this.headerFields = { ...this.headerFields, ...patch };
  }

  /** Stops all further appends; used for imports and ended sessions. */
  seal(): void {
    this.sealed = true;
  }

  /** Calls `listener` with the `seq` of every record appended from now on; returns the unsubscribe. */
  onDidAppend(listener: (seq: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Appends a decoded frame; `rttMicros` on a pong that answers a ping; `tags` in relay captures
   * (a link also becomes the counterpart's link back, unless it has one). Returns its `seq`.
   */
  appendFrame(frame: FrameRecord, direction: Direction, rttMicros?: number, tags?: FrameLegTags): number {
    const maskingKey = frame.maskingKey ? maskingKeyToNumber(frame.maskingKey) : null;
    const bytes = { maskingKey, headerBytes: frame.headerBytes, payload: frame.payload, inflatedPayload: frame.inflatedPayload };
    return this.storeFrame(frame, direction, bytes, rttMicros, tags);
  }

  /** Appends the Upgrade exchange; the first one also becomes the header's `handshake`. Returns its `seq`. */
  appendHandshake(record: HandshakeRecordInit): number {
    this.assertWritable();
    const seq = this.startRecord(record.atMicros, kindBits('handshake'));
    const { atMicros, request, response, unreadableResponse, checks, leg } = record;
    const unreadable = unreadableResponse ? { unreadableResponse } : {};
    this.side.set(seq, { kind: 'handshake', seq, atMicros, request, response, ...unreadable, checks, ...(leg ? { leg } : {}) });
    if (this.headerFields.handshake === null) this.headerFields = { ...this.headerFields, handshake: { request, response, ...unreadable, checks } };
    return this.finishRecord(seq);
  }

  /** Appends a connection event. Returns its `seq`. */
  appendEvent(record: EventRecordInit): number {
    this.assertWritable();
    const seq = this.startRecord(record.atMicros, kindBits('event'));
    const { atMicros, name, ...details } = record;
    delete (details as { kind?: unknown }).kind;
    delete (details as { seq?: unknown }).seq;
    this.side.set(seq, { kind: 'event', seq, atMicros, name, ...details });
    return this.finishRecord(seq);
  }

  /** Appends a record in its file form (imports); its `seq` is replaced by the log's own. */
  appendRecordJson(record: RecordJson): number {
    switch (record.kind) {
      case 'handshake':
        return this.appendHandshake(record);
      case 'event':
        return this.appendEvent(record);
      case 'frame':
        return this.storeFrame(
          record,
          record.direction,
          {
            maskingKey: record.maskingKey === null ? null : Number.parseInt(record.maskingKey, 16),
            headerBytes: fromBase64(record.headerBytes),
            payload: fromBase64(record.payload),
            inflatedPayload: record.inflatedPayload === undefined ? undefined : fromBase64(record.inflatedPayload),
            isRedacted: record.redacted === true,
          },
          record.rttMicros,
          record.leg ? { leg: record.leg, ...(record.link !== undefined ? { link: record.link } : {}) } : undefined,
        );
    }
  }

  /** Frames received and sent, counted from the flags column (an imported capture has no session that counted them). */
  countFrames(): { framesIn: number; framesOut: number } {
    let framesIn = 0;
    let framesOut = 0;
    for (let seq = 0; seq < this.count; seq += 1) {
      const flags = this.columns.flags[seq] as number;
      if (kindOf(flags) !== 'frame') continue;
      if (directionOf(flags) === 'in') framesIn += 1;
      else framesOut += 1;
    }
    return { framesIn, framesOut };
  }

  /** Records where the socket was read or written, for exports that need packet boundaries. */
  appendWireChunk(direction: Direction, atMicros: number, byteLength: number): void {
    this.assertWritable();
    this.wire.append(direction, atMicros, byteLength);
  }

  /** Up to `count` rows from `from`, payloads as previews of at most `previewBytes` bytes. */
  getRecords(from: number, count: number, previewBytes = PREVIEW_MAX_BYTES): RecordRow[] {
    const end = Math.min(this.count, from + count);
    const rows: RecordRow[] = [];
    for (let seq = Math.max(0, from); seq < end; seq += 1) rows.push(this.row(seq, previewBytes));
    return rows;
  }

  /** The full record with all its bytes. */
  getRecordJson(seq: number): RecordJson {
    this.assertSeq(seq);
    const kind = kindOf(this.columns.flags[seq] as number);
    if (kind === 'frame') return this.frameJson(seq);
    return this.side.get(seq) as HandshakeRecordJson | EventRecordJson;
  }

  /** The retained payload bytes of a frame (empty for other records). */
  getPayload(seq: number): Uint8Array {
    this.assertSeq(seq);
    const [offset, length] = this.payloadSpan(seq);
    return this.payloads.read(offset, length);
  }

  /** The inflated message of a compressed frame, or null. */
  getInflatedPayload(seq: number): Uint8Array | null {
    this.assertSeq(seq);
    const inflated = this.inflatedLength.get(seq);
    if (inflated === undefined) return null;
    const [offset, length] = this.payloadSpan(seq);
    return this.payloads.read(offset + length, inflated);
  }

  /** The raw socket chunk at `index`. */
  getWireChunk(index: number): WireChunkJson {
    if (!Number.isInteger(index) || index < 0 || index >= this.wire.length) throw new RangeError(`no wire chunk ${index}`);
    return this.wire.get(index);
  }

  /**
   * Every record present when called, in slices of `sliceSize`, yielding to the event loop between
   * slices so an export of a million records keeps main responsive and holds one slice at a time.
   */
  async *records(sliceSize = defaultSliceSize): AsyncGenerator<RecordJson[]> {
    const end = this.count;
    for (let from = 0; from < end; from += sliceSize) {
      const slice: RecordJson[] = [];
      for (let seq = from; seq < Math.min(end, from + sliceSize); seq += 1) slice.push(this.getRecordJson(seq));
      yield slice;
      await nextTurn();
    }
  }

  /** Every wire chunk present when called, in slices, like `records`. */
  async *wireChunks(sliceSize = defaultSliceSize * 10): AsyncGenerator<WireChunkJson[]> {
    const end = this.wire.length;
    for (let from = 0; from < end; from += sliceSize) {
      const slice: WireChunkJson[] = [];
      for (let index = from; index < Math.min(end, from + sliceSize); index += 1) slice.push(this.wire.get(index));
      yield slice;
      await nextTurn();
    }
  }

  /** What the log holds and its allocated bytes. */
  memoryUsage(): CaptureMemoryUsage {
    return {
      records: this.count,
      wireChunks: this.wire.length,
      metadataBytes:
        this.columns.capacityBytes +
        this.headers.capacity +
        this.inflatedLength.capacityBytes +
        this.closeCode.capacityBytes +
        this.rttMicros.capacityBytes +
        this.legs.capacityBytes +
        this.wire.capacityBytes,
      sideEntries: this.side.size + this.links.size,
      payloadBytesInMemory: this.payloads.bytesInMemory,
      payloadBytesSpilled: this.payloads.bytesSpilled,
      spillError: this.payloads.spillError,
    };
  }

  /** Releases the spill file; the log must not be used afterwards. */
  dispose(): void {
    this.sealed = true;
    this.listeners.clear();
    this.payloads.dispose();
  }

  private storeFrame(frame: FrameScalars, direction: Direction, bytes: FrameBytes, rttMicros: number | undefined, tags: FrameLegTags | undefined): number {
    this.assertWritable();
    let flags =
      kindBits('frame') |
      fragmentBits(frame.fragment) |
      (frame.fin ? RecordFlag.fin : 0) |
      (frame.rsv1 ? RecordFlag.rsv1 : 0) |
      (frame.rsv2 ? RecordFlag.rsv2 : 0) |
      (frame.rsv3 ? RecordFlag.rsv3 : 0) |
      (frame.masked ? RecordFlag.masked : 0) |
      (bytes.maskingKey !== null ? RecordFlag.hasMaskingKey : 0) |
      (direction === 'in' ? RecordFlag.directionIn : 0) |
      (frame.payloadTruncated ? RecordFlag.payloadTruncated : 0);
    const seq = this.startRecord(frame.atMicros, 0);
    const c = this.columns;
    c.opcode[seq] = frame.opcode;
    c.payloadLength[seq] = frame.payloadLength;
    c.messageId[seq] = frame.messageId;
    c.maskingKey[seq] = bytes.maskingKey ?? 0;
    this.headers.append(bytes.headerBytes);
    this.payloads.append(bytes.payload);
    if (bytes.inflatedPayload !== undefined) {
      this.payloads.append(bytes.inflatedPayload);
      this.inflatedLength.add(seq, bytes.inflatedPayload.byteLength);
      flags |= RecordFlag.hasInflated;
    }
    if (frame.closeCode !== undefined) {
      this.closeCode.add(seq, frame.closeCode);
      flags |= RecordFlag.hasCloseCode;
    }
    if (rttMicros !== undefined) {
      this.rttMicros.add(seq, rttMicros);
      flags |= RecordFlag.hasRtt;
    }
    if (frame.violations.length > 0 || frame.closeReason !== undefined || bytes.isRedacted === true) {
      const entry: FrameSideEntry = {
        ...(frame.violations.length > 0 ? { violations: [...frame.violations] } : {}),
        ...(frame.closeReason !== undefined ? { closeReason: frame.closeReason } : {}),
        ...(bytes.isRedacted === true ? { redacted: true } : {}),
      };
      this.side.set(seq, entry);
      flags |= RecordFlag.hasSideEntry;
    }
    c.flags[seq] = flags;
    if (tags) this.storeLegTags(seq, tags);
    return this.finishRecord(seq);
  }

  private storeLegTags(seq: number, tags: FrameLegTags): void {
    this.legs.add(seq, tags.leg === 'server' ? 1 : 0);
    if (tags.link === undefined) return;
    this.links.set(seq, tags.link);
    if (!this.links.has(tags.link)) this.links.set(tags.link, seq);
  }

  private legTags(seq: number): { leg?: RelayLeg; link?: number } {
    const leg = this.legs.get(seq);
    if (leg === undefined) return {};
    const link = this.links.get(seq);
    return { leg: leg === 1 ? 'server' : 'client', ...(link !== undefined ? { link } : {}) };
  }

  // Reserves the next seq with the arenas' current ends as its offsets; a record without bytes thus has empty spans.
  private startRecord(atMicros: number, flags: number): number {
    const seq = this.columns.add();
    this.columns.atMicros[seq] = atMicros;
    this.columns.flags[seq] = flags;
    this.columns.payloadOffset[seq] = this.payloads.length;
    this.columns.headerOffset[seq] = this.headers.length;
    return seq;
  }

  private finishRecord(seq: number): number {
    for (const listener of this.listeners) listener(seq);
    return seq;
  }

  // [offset, length] of the retained payload; an inflated payload follows it directly.
  private payloadSpan(seq: number): [number, number] {
    const offset = this.columns.payloadOffset[seq] as number;
    const next = seq + 1 < this.count ? (this.columns.payloadOffset[seq + 1] as number) : this.payloads.length;
    return [offset, next - offset - (this.inflatedLength.get(seq) ?? 0)];
  }

  private headerBytes(seq: number): Uint8Array {
    const offset = this.columns.headerOffset[seq] as number;
    const next = seq + 1 < this.count ? (this.columns.headerOffset[seq + 1] as number) : this.headers.length;
    return this.headers.slice(offset, next - offset);
  }

  // Every frame field except the bytes, in FrameRecordJson order.
  private frameFields(seq: number): Omit<FrameRecordJson, 'payload' | 'inflatedPayload' | 'rttMicros' | 'closeCode' | 'closeReason' | 'violations'> {
    const c = this.columns;
    const flags = c.flags[seq] as number;
    return {
      kind: 'frame',
      seq,
      atMicros: c.atMicros[seq] as number,
      direction: directionOf(flags),
      fin: (flags & RecordFlag.fin) !== 0,
      rsv1: (flags & RecordFlag.rsv1) !== 0,
      rsv2: (flags & RecordFlag.rsv2) !== 0,
      rsv3: (flags & RecordFlag.rsv3) !== 0,
      opcode: c.opcode[seq] as number,
      masked: (flags & RecordFlag.masked) !== 0,
      maskingKey: (flags & RecordFlag.hasMaskingKey) !== 0 ? maskingKeyToHex(c.maskingKey[seq] as number) : null,
      payloadLength: c.payloadLength[seq] as number,
      headerBytes: toBase64(this.headerBytes(seq)),
      payloadTruncated: (flags & RecordFlag.payloadTruncated) !== 0,
      messageId: c.messageId[seq] as number,
      fragment: fragmentOf(flags),
    };
  }

  private frameJson(seq: number): FrameRecordJson {
    const flags = this.columns.flags[seq] as number;
    const fields = this.frameFields(seq);
    const side = (flags & RecordFlag.hasSideEntry) !== 0 ? (this.side.get(seq) as FrameSideEntry) : undefined;
    const inflated = this.getInflatedPayload(seq);
    const closeCode = (flags & RecordFlag.hasCloseCode) !== 0 ? this.closeCode.get(seq) : undefined;
    const rttMicros = (flags & RecordFlag.hasRtt) !== 0 ? this.rttMicros.get(seq) : undefined;
    return {
      kind: fields.kind,
      seq: fields.seq,
      atMicros: fields.atMicros,
      direction: fields.direction,
      fin: fields.fin,
      rsv1: fields.rsv1,
      rsv2: fields.rsv2,
      rsv3: fields.rsv3,
      opcode: fields.opcode,
      masked: fields.masked,
      maskingKey: fields.maskingKey,
      payloadLength: fields.payloadLength,
      headerBytes: fields.headerBytes,
      payload: toBase64(this.getPayload(seq)),
      payloadTruncated: fields.payloadTruncated,
      messageId: fields.messageId,
      fragment: fields.fragment,
      ...(inflated !== null ? { inflatedPayload: toBase64(inflated) } : {}),
      ...(closeCode !== undefined ? { closeCode } : {}),
      ...(side?.closeReason !== undefined ? { closeReason: side.closeReason } : {}),
      ...(rttMicros !== undefined ? { rttMicros } : {}),
      violations: side?.violations ? [...side.violations] : [...emptyViolations],
      ...(side?.redacted ? { redacted: true } : {}),
      ...this.legTags(seq),
    };
  }

  private row(seq: number, previewBytes: number): RecordRow {
    const flags = this.columns.flags[seq] as number;
    const kind = kindOf(flags);
    if (kind === 'handshake') return handshakeRow(this.side.get(seq) as HandshakeRecordJson);
    if (kind === 'event') return eventRow(this.side.get(seq) as EventRecordJson);
    return this.frameRow(seq, flags, previewBytes);
  }

  private frameRow(seq: number, flags: number, previewBytes: number): FrameRow {
    const { headerBytes: _headerBytes, ...fields } = this.frameFields(seq);
    const side = (flags & RecordFlag.hasSideEntry) !== 0 ? (this.side.get(seq) as FrameSideEntry) : undefined;
    const [offset, length] = this.payloadSpan(seq);
    const inflated = this.inflatedLength.get(seq);
    // A compressed message is previewed inflated: the compressed bytes mean nothing to a reader.
    const [start, available, isTruncated] =
      inflated !== undefined ? [offset + length, inflated, false] : [offset, length, (flags & RecordFlag.payloadTruncated) !== 0];
    const shown = Math.min(available, previewBytes);
    const preview = previewPayload(this.payloads.read(start, shown), shown < available || isTruncated);
    const closeCode = (flags & RecordFlag.hasCloseCode) !== 0 ? this.closeCode.get(seq) : undefined;
    const rttMicros = (flags & RecordFlag.hasRtt) !== 0 ? this.rttMicros.get(seq) : undefined;
    return {
      ...fields,
      isCompressed: inflated !== undefined,
      ...(closeCode !== undefined ? { closeCode } : {}),
      ...(side?.closeReason !== undefined ? { closeReason: side.closeReason } : {}),
      ...(rttMicros !== undefined ? { rttMicros } : {}),
      violations: side?.violations ? [...side.violations] : [],
      ...(side?.redacted ? { redacted: true } : {}),
      ...this.legTags(seq),
      ...preview,
    };
  }

  private assertSeq(seq: number): void {
    if (!Number.isInteger(seq) || seq < 0 || seq >= this.count) throw new RangeError(`no record ${seq} (the log has ${this.count})`);
  }

  private assertWritable(): void {
    if (this.sealed) throw new Error('this capture is read-only');
  }
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
