import { tmpdir } from 'node:os';
import { MessageError } from '../../../shared/i18n/message-error.js';
import { message } from '../../../shared/i18n/message.js';
import type { CaptureHeader, CaptureHeaderFields, WireChunkJson } from '../../../shared/contract/capture.js';
import { CAPTURE_FORMAT_NAME, CAPTURE_FORMAT_VERSION } from '../../../shared/contract/capture.js';
import type { RecordRow } from '../../../shared/contract/record-row.js';
import { PREVIEW_MAX_BYTES } from '../../../shared/contract/record-row.js';
import type { EventRecordJson, HandshakeRecordJson, RecordJson, RelayLeg } from '../../../shared/contract/records.js';
import type { Direction } from '../../../shared/protocol/frame-record.js';
import type { Violation } from '../../../shared/protocol/violation.js';
import { AppendNotifier } from './append-notifier.js';
import { captureBudgetWarning, type CaptureBudget } from './capture-budgets.js';
import type { CapturedFrame, CapturedRecord, FrameInput } from './captured-record.js';
import { chunkShift } from './chunked-column.js';
import { uint16At, uint32At, uint8At } from './column-read.js';
import type { FrameScratch } from './frame-scratch.js';
import { pagePrefaulter } from './page-prefaulter.js';
import { PayloadArena, type SlabSpan } from './payload-arena.js';
import { RecordColumns } from './record-columns.js';
import { directionOf, fragmentBits, fragmentOf, kindBits, kindOf, RecordFlag, type RecordKind } from './record-flags.js';
import { canonicalHeaderLength, isCanonicalHeader, writeCanonicalHeader } from './record-header.js';
import { recordJson } from './record-json.js';
import { recordRows } from './record-rows.js';
import { SparseNumberColumn } from './sparse-number-column.js';
import { WireColumns } from './wire-columns.js';

/** How a capture log is set up; every budget has a default (docs/performance.md "Capture budgets"). */
export interface CaptureLogOptions {
  readonly header: CaptureHeaderFields;
  /** Payload bytes kept in memory before old slabs spill to a temp file; default 256 MiB. */
  readonly payloadMemoryBudgetBytes?: number;
  /** Payload bytes the spill file may hold; past it payloads are no longer kept; default 4 GiB. */
  readonly payloadSpillBudgetBytes?: number;
  /** Records kept; past it frames are counted, not kept; default 10,000,000. */
  readonly maxRecords?: number;
  /** The largest payload slab; default 4 MiB. */
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
  /** Typed-array columns, sparse columns and wire columns, as allocated (including growth slack). */
  readonly metadataBytes: number;
  /** Entries in the object side tables (handshakes, events, frames with violations, a close reason, odd header bytes). */
  readonly sideEntries: number;
  readonly payloadBytesInMemory: number;
  readonly payloadBytesSpilled: number;
  /** Why payloads stopped spilling to disk, or null. */
  readonly spillError: string | null;
  /** Records not kept because the record budget was reached. */
  readonly droppedRecords: number;
  /** Frames whose payload was not kept because the payload budgets were reached. */
  readonly droppedPayloads: number;
}

// Rare per-frame fields kept as objects because few frames have them. `redacted` only ever comes
// from an imported export; `headerBytes` only when they are not the canonical encoding of the
// fields; `payloadLength` only when a frame not marked truncated carries another number of bytes
// than it declares.
interface FrameSideEntry {
  readonly violations?: Violation[];
  readonly closeReason?: string;
  readonly redacted?: true;
  readonly headerBytes?: Uint8Array;
  readonly payloadLength?: number;
}

const mebibyte = 1024 * 1024;
const defaultMemoryBudgetBytes = 256 * mebibyte;
const defaultSpillBudgetBytes = 4096 * mebibyte;
const defaultMaxRecords = 10_000_000;
const defaultSlabBytes = 4 * mebibyte;
// Past the record budget, handshakes and events (the `closed` event above all) still get this many places.
const eventReserve = 64;
const noViolations: readonly Violation[] = Object.freeze([]);
/** A plain frame's flags but its direction: a whole message's one frame, FIN set, nothing else. */
const plainFrameFlags = kindBits('frame') | fragmentBits('whole') | RecordFlag.fin;

/**
 * The append-only record log of one session (DESIGN.md "The record model"): fixed fields in
 * chunked typed-array columns, payload bytes in an arena that spills to disk, rare fields in side
 * tables. It numbers records in append order (`seq` from 0) and hands them out with their bytes
 * as bytes; the file-JSON projection (record-json.ts), timeline rows (record-rows.ts), export
 * slices (log-stream.ts) and the import adapter (capture-import.ts) live in files of their own.
 * Every budget reached is an event in the log, never unbounded growth.
 */
export class CaptureLog {
  private headerFields: CaptureHeaderFields;
  // Made ahead for this log's full slabs and chunks; given up when the log stops growing.
  private readonly prefaults = pagePrefaulter.lease();
  private readonly columns = new RecordColumns(this.prefaults);
  private readonly payloads: PayloadArena;
  private readonly inflatedLength = new SparseNumberColumn();
  // Declared payload lengths only where they are not the retained length (a payload cut short, or
  // one followed by its inflated message); for every other frame the span in the arena is the length.
  private readonly declaredLength = new SparseNumberColumn();
  private readonly closeCode = new SparseNumberColumn();
  private readonly rttMicros = new SparseNumberColumn();
  // Relay captures: 0 for the client leg, 1 for the server leg; links both ways (a frame and its counterpart).
  private readonly legs = new SparseNumberColumn();
  private readonly links = new Map<number, number>();
  private readonly side = new Map<number, FrameSideEntry | HandshakeRecordJson | EventRecordJson>();
  private readonly wire = new WireColumns();
  private readonly notifier = new AppendNotifier(() => this.columns.length);
  private readonly maxRecords: number;
  private readonly memoryBudgetBytes: number;
  private readonly payloadBudgetBytes: number;
  private readonly budgetsReached = new Set<CaptureBudget>();
  private dropped = 0;
  private payloadsDropped = 0;
  private sealed = false;
  // Records before `letGo` were let go by their owner (the budget no longer counts them); those
  // before `released` are gone from memory too (whole column chunks), so reading them throws.
  private letGo = 0;
  private released = 0;
  private readonly range = { start: 0, end: 0, isCut: false };

  constructor(options: CaptureLogOptions) {
    this.headerFields = options.header;
    this.maxRecords = options.maxRecords ?? defaultMaxRecords;
    this.memoryBudgetBytes = options.payloadMemoryBudgetBytes ?? defaultMemoryBudgetBytes;
    const spillBudgetBytes = options.payloadSpillBudgetBytes ?? defaultSpillBudgetBytes;
    this.payloadBudgetBytes = this.memoryBudgetBytes + spillBudgetBytes;
    this.payloads = new PayloadArena({
      slabBytes: options.slabBytes ?? defaultSlabBytes,
      memoryBudgetBytes: this.memoryBudgetBytes,
      spillBudgetBytes,
      spillDirectory: options.spillDirectory ?? tmpdir(),
      prefaults: this.prefaults,
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
    if (this.sealed) return;
    this.sealed = true;
    this.prefaults.close();
    this.payloads.trim();
  }

  /** Calls `listener` with the `seq` of every record appended from now on; returns the unsubscribe. */
  onDidAppend(listener: (seq: number) => void): () => void {
    return this.notifier.add(listener);
  }

  /**
   * Holds `onDidAppend` notices until `releaseNotices` (calls nest): for an owner that appends
   * while something must not be re-entered by a listener (a connection in the middle of a read).
   */
  holdNotices(): void {
    this.notifier.hold();
  }

  /** Ends one `holdNotices`; the last one tells listeners about every record appended meanwhile, in seq order. */
  releaseNotices(): void {
    this.notifier.release();
  }

  /**
   * Appends a frame (decoded, imported or copied); `rttMicros` on a pong that answers a ping.
   * Returns its `seq`, or -1 when the record budget was reached and the frame is only counted.
   */
  appendFrame(frame: FrameInput, direction: Direction, rttMicros?: number, tags?: FrameLegTags): number {
    this.assertWritable();
    if (this.isOverBudget(frame.atMicros, this.maxRecords)) return -1;
    const inflated = frame.inflatedPayload;
    const keptBytes = frame.payload.byteLength + (inflated?.byteLength ?? 0);
    const isKept = keptBytes === 0 || this.payloads.canKeep(keptBytes);
    if (!isKept) this.notePayloadBudget(frame.atMicros);
    const maskingKey = frame.maskingKey === null ? 0 : keyNumber(frame.maskingKey);
    const seq = this.startFrame(frame.atMicros, frame.opcode, frame.messageId, maskingKey);
    const c = this.columns;
    const firstByte = (frame.fin ? 0x80 : 0) | (frame.rsv1 ? 0x40 : 0) | (frame.rsv2 ? 0x20 : 0) | (frame.rsv3 ? 0x10 : 0) | frame.opcode;
    const { payloadLength } = frame;
    let flags =
      kindBits('frame') |
      fragmentBits(frame.fragment) |
      (frame.fin ? RecordFlag.fin : 0) |
      (frame.rsv1 ? RecordFlag.rsv1 : 0) |
      (frame.rsv2 ? RecordFlag.rsv2 : 0) |
      (frame.rsv3 ? RecordFlag.rsv3 : 0) |
      (frame.masked ? RecordFlag.masked : 0) |
      (frame.maskingKey !== null ? RecordFlag.hasMaskingKey : 0) |
      (direction === 'in' ? RecordFlag.directionIn : 0);
    let isTruncated = frame.payloadTruncated;
    if (isKept) {
      this.payloads.append(frame.payload);
      if (inflated !== undefined) {
        this.payloads.append(inflated);
        // The inflated length is the span past the payload, known when the payload is whole.
        if (isTruncated) this.inflatedLength.add(seq, inflated.byteLength);
        flags |= RecordFlag.hasInflated;
      }
    } else {
      this.payloadsDropped += 1;
      isTruncated = payloadLength > 0;
    }
    if (isTruncated) flags |= RecordFlag.payloadTruncated;
    const isSpanLength = (flags & (RecordFlag.payloadTruncated | RecordFlag.hasInflated)) === 0;
    if (!isSpanLength) this.declaredLength.add(seq, payloadLength);
    // A frame that claims a whole payload of another length than it carries keeps its own (imports).
    const hasOwnLength = isSpanLength && frame.payload.byteLength !== payloadLength;
    if (frame.closeCode !== undefined) {
      this.closeCode.add(seq, frame.closeCode);
      flags |= RecordFlag.hasCloseCode;
    }
    if (rttMicros !== undefined) {
      this.rttMicros.add(seq, rttMicros);
      flags |= RecordFlag.hasRtt;
    }
    const isCanonical = isCanonicalHeader(frame.headerBytes, firstByte, frame.masked && frame.maskingKey !== null, payloadLength, maskingKey) && frame.masked === (frame.maskingKey !== null);
    if (frame.violations.length > 0 || frame.closeReason !== undefined || frame.redacted === true || !isCanonical || hasOwnLength) {
      const entry: FrameSideEntry = {
        ...(frame.violations.length > 0 ? { violations: [...frame.violations] } : {}),
        ...(frame.closeReason !== undefined ? { closeReason: frame.closeReason } : {}),
        ...(frame.redacted === true ? { redacted: true } : {}),
        ...(isCanonical ? {} : { headerBytes: frame.headerBytes.slice() }),
        ...(hasOwnLength ? { payloadLength } : {}),
      };
      this.side.set(seq, entry);
      flags |= RecordFlag.hasSideEntry;
    }
    c.flags.set(seq, flags);
    if (tags) this.storeLegTags(seq, tags);
    return this.finishRecord(seq);
  }

  /**
   * Appends a plain frame (shared/protocol/plain-frame-sink.ts) from the chunk it was read in: the
   * record `appendFrame` makes of the same frame, without a record object or a payload view. Such a
   * frame is a whole message with a canonical 2-byte header and no violation, so it never needs a
   * side entry. Returns its `seq` (-1 past the record budget).
   */
  appendPlainFrame(direction: Direction, chunk: Uint8Array, payloadStart: number, payloadLength: number, opcode: number, messageId: number, atMicros: number): number {
    this.assertWritable();
    if (this.isOverBudget(atMicros, this.maxRecords)) return -1;
    const isKept = payloadLength === 0 || this.payloads.canKeep(payloadLength);
    if (!isKept) this.notePayloadBudget(atMicros);
    const seq = this.startFrame(atMicros, opcode, messageId, 0);
    let flags = plainFrameFlags | (direction === 'in' ? RecordFlag.directionIn : 0);
    if (isKept) {
      this.payloads.append(chunk, payloadStart, payloadLength);
    } else {
      this.payloadsDropped += 1;
      flags |= RecordFlag.payloadTruncated;
      this.declaredLength.add(seq, payloadLength);
    }
    this.columns.flags.set(seq, flags);
    return this.finishRecord(seq);
  }

  /** Appends the Upgrade exchange; the first one also becomes the header's `handshake`. Returns its `seq` (-1 past the record budget). */
  appendHandshake(record: HandshakeRecordInit): number {
    this.assertWritable();
    if (this.isOverBudget(record.atMicros, this.maxRecords + eventReserve)) return -1;
    const seq = this.startRecord(record.atMicros, kindBits('handshake'));
    const { atMicros, request, response, unreadableResponse, checks, leg } = record;
    const unreadable = unreadableResponse ? { unreadableResponse } : {};
    this.side.set(seq, { kind: 'handshake', seq, atMicros, request, response, ...unreadable, checks, ...(leg ? { leg } : {}) });
    if (this.headerFields.handshake === null) this.headerFields = { ...this.headerFields, handshake: { request, response, ...unreadable, checks } };
    return this.finishRecord(seq);
  }

  /** Appends a connection event. Returns its `seq` (-1 past the record budget). */
  appendEvent(record: EventRecordInit): number {
    this.assertWritable();
    if (this.isOverBudget(record.atMicros, this.maxRecords + eventReserve)) return -1;
    return this.storeEvent(record);
  }

  /** Records where the socket was read or written, for exports that need packet boundaries. */
  appendWireChunk(direction: Direction, atMicros: number, byteLength: number): void {
    this.assertWritable();
    this.wire.append(direction, atMicros, byteLength);
  }

  /** The record kind at `seq`. */
  kindAt(seq: number): RecordKind {
    return kindOf(this.columns.flags.get(seq));
  }

  /** The record with its bytes; a frame's byte fields are views into the log where possible. */
  getRecord(seq: number): CapturedRecord {
    this.assertSeq(seq);
    const flags = this.columns.flags.get(seq);
    if (kindOf(flags) !== 'frame') return this.side.get(seq) as HandshakeRecordJson | EventRecordJson;
    return this.frameAt(seq, flags);
  }

  /**
   * The record at `seq` like `getRecord`, but a frame is `scratch`'s one frame refilled, valid
   * until the next read with that scratch: for readers that go through many records in turn.
   */
  readRecord(seq: number, scratch: FrameScratch): CapturedRecord {
    this.assertSeq(seq);
    const flags = uint16At(this.columns.flags, seq);
    if (kindOf(flags) !== 'frame') return this.side.get(seq) as HandshakeRecordJson | EventRecordJson;
    return this.frameAt(seq, flags, scratch);
  }

  /** The full record in its file form (base64 bytes, hex key), as the contract and `--json` carry it. */
  getRecordJson(seq: number): RecordJson {
    return recordJson(this.getRecord(seq));
  }

  /** Up to `count` timeline rows from `from`, payloads as previews of at most `previewBytes` bytes. */
  getRecords(from: number, count: number, previewBytes = PREVIEW_MAX_BYTES): RecordRow[] {
    return recordRows(this, from, count, previewBytes);
  }

  /** A fresh copy of the retained payload bytes of a frame (empty for other records). */
  getPayload(seq: number): Uint8Array {
    this.assertSeq(seq);
    const [offset, length] = this.payloadSpan(seq, this.columns.flags.get(seq));
    return this.payloads.read(offset, length);
  }

  /** A fresh copy of the inflated message of a compressed frame, or null. */
  getInflatedPayload(seq: number): Uint8Array | null {
    this.assertSeq(seq);
    const flags = this.columns.flags.get(seq);
    if ((flags & RecordFlag.hasInflated) === 0) return null;
    const [offset, length, inflated] = this.payloadSpan(seq, flags);
    return this.payloads.read(offset + length, inflated);
  }

  /**
   * The first `maxBytes` bytes a preview of the frame shows (the inflated message of a compressed
   * frame), as a view where possible, and whether they stop before the payload does.
   */
  previewBytes(seq: number, maxBytes: number): { readonly bytes: Uint8Array; readonly isCut: boolean } {
    const span = this.previewRange(seq, maxBytes);
    return { bytes: this.payloads.view(span.start, span.end - span.start), isCut: span.isCut };
  }

  /**
   * The bytes `previewBytes` gives, located in place for a scan over every record: fills `span`
   * with their slab and range and returns true when they lie in one slab in memory (no object or
   * view is made), else returns false (use `previewBytes`). `span.isCut` is set either way.
   */
  locatePreview(seq: number, maxBytes: number, span: PreviewSpan): boolean {
    const range = this.previewRange(seq, maxBytes);
    span.isCut = range.isCut;
    return this.payloads.locate(range.start, range.end - range.start, span);
  }

  // Stream offsets of a frame's preview bytes, in one reused object (read at once by the two callers above).
  private previewRange(seq: number, maxBytes: number): { start: number; end: number; isCut: boolean } {
    const flags = this.columns.flags.get(seq);
    const c = this.columns;
    // payloadSpan's arithmetic without its tuple: the inflated message is the end of the span.
    const offset = c.payloadOffset.get(seq);
    const end = seq + 1 < this.count ? c.payloadOffset.get(seq + 1) : this.payloads.length;
    const isInflated = (flags & RecordFlag.hasInflated) !== 0;
    const inflated = !isInflated ? 0 : (flags & RecordFlag.payloadTruncated) !== 0 ? (this.inflatedLength.get(seq) as number) : end - offset - (this.declaredLength.get(seq) as number);
    const start = isInflated ? end - inflated : offset;
    const available = isInflated ? inflated : end - offset;
    const shown = Math.min(available, maxBytes);
    const range = this.range;
    range.start = start;
    range.end = start + shown;
    range.isCut = shown < available || (!isInflated && (flags & RecordFlag.payloadTruncated) !== 0);
    return range;
  }

  /** The flags column value at `seq` (record-flags.ts), for scans that decide on bits alone. */
  flagsAt(seq: number): number {
    return this.columns.flags.get(seq);
  }

  /** The opcode at `seq` (0 for records that are not frames). */
  opcodeAt(seq: number): number {
    return this.columns.opcode.get(seq);
  }

  /** The raw socket chunk at `index`. */
  getWireChunk(index: number): WireChunkJson {
    if (!Number.isInteger(index) || index < 0 || index >= this.wire.length) throw new RangeError(`no wire chunk ${index}`);
    return this.wire.get(index);
  }

  /** Frames received and sent, counted from the flags column (an imported capture has no session that counted them). */
  countFrames(): { framesIn: number; framesOut: number } {
    let framesIn = 0;
    let framesOut = 0;
    for (let seq = 0; seq < this.count; seq += 1) {
      const flags = this.columns.flags.get(seq);
      if (kindOf(flags) !== 'frame') continue;
      if (directionOf(flags) === 'in') framesIn += 1;
      else framesOut += 1;
    }
    return { framesIn, framesOut };
  }

  /** What the log holds and its allocated bytes. */
  memoryUsage(): CaptureMemoryUsage {
    return {
      records: this.count,
      wireChunks: this.wire.length,
      metadataBytes:
        this.columns.capacityBytes +
        this.inflatedLength.capacityBytes +
        this.declaredLength.capacityBytes +
        this.closeCode.capacityBytes +
        this.rttMicros.capacityBytes +
        this.legs.capacityBytes +
        this.wire.capacityBytes,
      sideEntries: this.side.size + this.links.size,
      payloadBytesInMemory: this.payloads.bytesInMemory,
      payloadBytesSpilled: this.payloads.bytesSpilled,
      spillError: this.payloads.spillError,
      droppedRecords: this.dropped,
      droppedPayloads: this.payloadsDropped,
    };
  }

  /** Resolves once every spill write started so far has completed. */
  whenSpilled(): Promise<void> {
    return this.payloads.whenSpilled();
  }

  /**
   * Lets go of the records before `seq`, for an owner that has read them for the last time (the
   * CLI printing with no capture file to write): their payload bytes at once; their fields, side
   * entries, rare fields and the socket boundaries recorded before them 65,536 records at a time.
   * The record budget then counts only the records from `seq` on, so a printer that keeps up
   * never reaches it and a session can run for days. Reading a released record throws.
   */
  releaseBefore(seq: number): void {
    const printed = Math.min(seq, this.count);
    this.payloads.releaseBefore(printed < this.count ? this.columns.payloadOffset.get(printed) : this.payloads.length);
    this.letGo = Math.max(this.letGo, printed);
    // The fields go a whole column chunk at a time, as their memory does: a reader a little behind
    // (a protocol layer reading a frame it saw a moment ago) still finds the record.
    const end = (printed >>> chunkShift) << chunkShift;
    if (end <= this.released) return;
    this.wire.releaseRecordedBefore(this.columns.atMicros.get(end));
    this.columns.releaseBefore(end);
    for (const column of [this.inflatedLength, this.declaredLength, this.closeCode, this.rttMicros, this.legs]) column.releaseBefore(end);
    // Side entries are set when their record is appended, so the map is in seq order.
    for (const key of this.side.keys()) {
      if (key >= end) break;
      this.side.delete(key);
    }
    // A relay's links are set in pairs when the later frame of the two is appended, so in that frame's order.
    for (const [key, counterpart] of this.links) {
      if (Math.max(key, counterpart) >= end) break;
      this.links.delete(key);
    }
    this.released = end;
  }

  /** Records before this `seq` were released (`releaseBefore`) and can no longer be read. */
  get releasedBefore(): number {
    return this.released;
  }

  /** Releases memory and deletes the spill file; the log must not be used afterwards. */
  dispose(): void {
    this.sealed = true;
    this.prefaults.close();
    this.notifier.clear();
    this.payloads.dispose();
  }

  private storeEvent(record: EventRecordInit): number {
    const seq = this.startRecord(record.atMicros, kindBits('event'));
    const { atMicros, name, ...details } = record;
    delete (details as { kind?: unknown }).kind;
    delete (details as { seq?: unknown }).seq;
    this.side.set(seq, { kind: 'event', seq, atMicros, name, ...details });
    return this.finishRecord(seq);
  }

  // The record budget: the record that reaches it becomes a warning event; later ones are counted only.
  private isOverBudget(atMicros: number, limit: number): boolean {
    const kept = this.columns.length - this.letGo;
    if (kept < limit - 1) return false;
    if (!this.budgetsReached.has('records')) {
      this.budgetsReached.add('records');
      this.storeEvent(captureBudgetWarning('records', this.maxRecords, atMicros));
    }
    // Counted again: the warning itself is a record.
    if (this.columns.length - this.letGo < limit) return false;
    this.dropped += 1;
    return true;
  }

  // The first frame whose payload the budgets cannot hold is preceded by one warning event.
  private notePayloadBudget(atMicros: number): void {
    if (this.budgetsReached.has('payload-bytes')) return;
    this.budgetsReached.add('payload-bytes');
    const error = this.payloads.spillError;
    this.storeEvent(captureBudgetWarning('payload-bytes', error === null ? this.payloadBudgetBytes : this.memoryBudgetBytes, atMicros, error));
  }

  private storeLegTags(seq: number, tags: FrameLegTags): void {
    this.legs.add(seq, tags.leg === 'server' ? 1 : 0);
    if (tags.link === undefined) return;
    this.links.set(seq, tags.link);
    if (!this.links.has(tags.link)) this.links.set(tags.link, seq);
  }

  // Reserves the next seq with the arena's current end as its offset; a record without bytes thus has an empty span.
  private startRecord(atMicros: number, flags: number): number {
    const seq = this.columns.add();
    this.columns.atMicros.set(seq, atMicros);
    this.columns.flags.set(seq, flags);
    this.columns.payloadOffset.set(seq, this.payloads.length);
    return seq;
  }

  // A frame's seq with its fixed columns written; its flags are set once its payload is placed.
  private startFrame(atMicros: number, opcode: number, messageId: number, maskingKey: number): number {
    const c = this.columns;
    const seq = c.add();
    c.atMicros.set(seq, atMicros);
    c.opcode.set(seq, opcode);
    c.messageId.set(seq, messageId);
    c.maskingKey.set(seq, maskingKey);
    c.payloadOffset.set(seq, this.payloads.length);
    return seq;
  }

  private finishRecord(seq: number): number {
    this.notifier.notify();
    return seq;
  }

  // [offset, retained payload length, inflated length]; an inflated payload follows the payload directly.
  private payloadSpan(seq: number, flags: number): [number, number, number] {
    const c = this.columns;
    const offset = c.payloadOffset.get(seq);
    const end = seq + 1 < this.count ? c.payloadOffset.get(seq + 1) : this.payloads.length;
    if ((flags & RecordFlag.hasInflated) === 0) return [offset, end - offset, 0];
    const inflated = (flags & RecordFlag.payloadTruncated) !== 0 ? (this.inflatedLength.get(seq) as number) : end - offset - (this.declaredLength.get(seq) as number);
    return [offset, end - offset - inflated, inflated];
  }

  // One home for a frame's fields: a fresh frame (`getRecord`), or the reader's scratch refilled.
  private frameAt(seq: number, flags: number, scratch: FrameScratch | null = null): CapturedFrame {
    const c = this.columns;
    const side = (flags & RecordFlag.hasSideEntry) !== 0 ? (this.side.get(seq) as FrameSideEntry) : undefined;
    // payloadSpan's arithmetic without its tuple, through the per-kind column readers (column-read.ts).
    const offset = c.payloadOffset.get(seq);
    const end = seq + 1 < this.count ? c.payloadOffset.get(seq + 1) : this.payloads.length;
    const hasInflated = (flags & RecordFlag.hasInflated) !== 0;
    const isSpanLength = (flags & (RecordFlag.payloadTruncated | RecordFlag.hasInflated)) === 0;
    const declaredLength = isSpanLength ? 0 : (this.declaredLength.get(seq) as number);
    const inflated = !hasInflated ? 0 : (flags & RecordFlag.payloadTruncated) !== 0 ? (this.inflatedLength.get(seq) as number) : end - offset - declaredLength;
    const length = end - offset - inflated;
    const masked = (flags & RecordFlag.masked) !== 0;
    const hasKey = (flags & RecordFlag.hasMaskingKey) !== 0;
    const key = uint32At(c.maskingKey, seq);
    const opcode = uint8At(c.opcode, seq);
    const payloadLength = side?.payloadLength ?? (isSpanLength ? length : declaredLength);
    let headerBytes = side?.headerBytes;
    if (headerBytes === undefined) {
      const headerLength = canonicalHeaderLength(payloadLength, masked);
      headerBytes = scratch === null ? new Uint8Array(headerLength) : scratch.headerOf(headerLength);
      writeCanonicalHeader(headerBytes, 0, firstByteOf(flags, opcode), masked, payloadLength, key);
    }
    const frame = (scratch?.frame ?? { kind: 'frame' }) as Mutable<CapturedFrame>;
    frame.seq = seq;
    frame.atMicros = c.atMicros.get(seq);
    frame.direction = directionOf(flags);
    frame.fin = (flags & RecordFlag.fin) !== 0;
    frame.rsv1 = (flags & RecordFlag.rsv1) !== 0;
    frame.rsv2 = (flags & RecordFlag.rsv2) !== 0;
    frame.rsv3 = (flags & RecordFlag.rsv3) !== 0;
    frame.opcode = opcode;
    frame.masked = masked;
    frame.maskingKey = hasKey ? (scratch === null ? keyBytes(key) : scratch.keyOf(key)) : null;
    frame.payloadLength = payloadLength;
    frame.headerBytes = headerBytes;
    if (scratch === null || !this.payloads.locate(offset, length, scratch.payloadSpan)) frame.payload = this.payloads.view(offset, length);
    else scratch.pointPayloadAtSpan();
    frame.payloadTruncated = (flags & RecordFlag.payloadTruncated) !== 0;
    frame.messageId = uint32At(c.messageId, seq);
    frame.fragment = fragmentOf(flags);
    frame.violations = side?.violations ?? noViolations;
    // Rare fields are added only when present, as the file form leaves them out (the scratch clears them).
    scratch?.clearRareFields();
    if (hasInflated) frame.inflatedPayload = this.payloads.view(offset + length, inflated);
    if ((flags & RecordFlag.hasCloseCode) !== 0) frame.closeCode = this.closeCode.get(seq);
    if (side?.closeReason !== undefined) frame.closeReason = side.closeReason;
    if ((flags & RecordFlag.hasRtt) !== 0) frame.rttMicros = this.rttMicros.get(seq);
    if (side?.redacted) frame.redacted = true;
    const leg = this.legs.get(seq);
    if (leg !== undefined) {
      frame.leg = leg === 1 ? 'server' : 'client';
      const link = this.links.get(seq);
      if (link !== undefined) frame.link = link;
    }
    return frame;
  }

  private assertSeq(seq: number): void {
    if (!Number.isInteger(seq) || seq < 0 || seq >= this.count) throw new RangeError(`no record ${seq} (the log has ${this.count})`);
    if (seq < this.released) throw new RangeError(`record ${seq} was released (records before ${this.released} were)`);
  }

  private assertWritable(): void {
    if (this.sealed) throw new MessageError(message('errors:readOnly.capture'));
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Where a frame's preview bytes lie (`CaptureLog.locatePreview`); one object refilled by a scan. */
export interface PreviewSpan extends SlabSpan {
  isCut: boolean;
}

function firstByteOf(flags: number, opcode: number): number {
  return ((flags & RecordFlag.fin) !== 0 ? 0x80 : 0) | ((flags & RecordFlag.rsv1) !== 0 ? 0x40 : 0) | ((flags & RecordFlag.rsv2) !== 0 ? 0x20 : 0) | ((flags & RecordFlag.rsv3) !== 0 ? 0x10 : 0) | opcode;
}

// A masking key as the big-endian number the column holds, and back.
function keyNumber(key: Uint8Array): number {
  return (((key[0] ?? 0) << 24) | ((key[1] ?? 0) << 16) | ((key[2] ?? 0) << 8) | (key[3] ?? 0)) >>> 0;
}

function keyBytes(key: number): Uint8Array {
  return Uint8Array.of(key >>> 24, (key >>> 16) & 0xff, (key >>> 8) & 0xff, key & 0xff);
}
