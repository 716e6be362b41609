import { parseClosePayload } from './close-payload.js';
import { copyBytes, ownedBytes } from './copy-bytes.js';
import type { DecodedItem } from './decoded-item.js';
import {
  CONTROL_PAYLOAD_RETENTION_BYTES,
  resolveDecoderOptions,
  type FrameDecoderOptions,
  type ResolvedDecoderOptions,
} from './frame-decoder-options.js';
import { checkHeaderRules, type HeaderRuleContext } from './frame-header-rules.js';
import { headerLengthFromSecondByte, parseFrameHeader, readFrameHeaderInto, type FrameHeader, type MutableFrameHeader } from './frame-header.js';
import type { FragmentPosition, FrameRecord } from './frame-record.js';
import type { InflateEnd, InflateFailure, InflateJob } from './message-codec.js';
import { applyMask } from './masking.js';
import { restartMessage, startMessage, type MessageInProgress } from './message-in-progress.js';
import { isControlOpcode, Opcode } from './opcode.js';
import { PLAIN_HEADER_BYTES, PLAIN_MAX_PAYLOAD_BYTES, type PlainFrameSink } from './plain-frame-sink.js';
import { isValidUtf8, Utf8Validator } from './utf8-validator.js';
import type { Violation } from './violation.js';
import { violationOf } from './violation-catalog.js';

/**
 * What the decoding loop does with the next byte: collect header bytes (§5.2), take payload bytes
 * into the current frame, skip the payload of a frame already recorded at its header because it is
 * over `maxPayloadBytes`, or nothing once framing stopped.
 */
export type DecoderState = 'header' | 'payload' | 'discard' | 'failed';

/**
 * The frame whose header is complete and whose payload is arriving. One object per decoder,
 * refilled at each header: only one frame is in progress at a time (also while a message is
 * inflated in steps, since input waits then), and its record is a new object.
 */
interface FrameInProgress {
  /** Refilled with the frame, like the rest of this object. */
  readonly header: MutableFrameHeader;
  /** The timestamp of the chunk that completed the header: a frame's time is when it became known. */
  atMicros: number;
  messageId: number;
  fragment: FragmentPosition;
  /** The data message this frame belongs to; null for control frames. */
  message: MessageInProgress | null;
  /** The shared empty list until a rule is broken, so clean frames allocate no array. */
  violations: Violation[];
  retainLimit: number;
  received: number;
  retainedCount: number;
  /**
   * The record's bytes: the one piece that held all of them, or the buffer of `retainLimit` bytes
   * that pieces arriving over several chunks are copied (and unmasked) into as they come.
   */
  retained: Uint8Array | null;
}

/** A compressed message whose last frame is complete and whose inflation goes on in steps. */
interface InflateInProgress {
  readonly frame: FrameInProgress;
  readonly message: MessageInProgress;
  /** The last frame's retained payload. */
  readonly payload: Uint8Array;
  readonly job: InflateJob;
  /** Copies of the first `payloadRetentionBytes` of the inflated message. */
  readonly kept: Uint8Array[];
  keptCount: number;
}

/** Input that arrived (or was left over) while an inflation was in progress. */
interface QueuedInput {
  readonly bytes: Uint8Array;
  readonly atMicros: number;
}

const noBytes = new Uint8Array(0);
const noViolations: readonly Violation[] = Object.freeze([]);
/** What a call that made no item returns, and `items` between calls (frozen: an item added then would throw, not vanish). */
const noItems = Object.freeze([]) as unknown as DecodedItem[];
const noExtras: Pick<FrameRecord, 'closeCode'> = {};
const maxHeaderLength = 14;
// Below this our validator's four-bytes-at-a-time ASCII loop costs less than the call into the
// runtime's (measured on 64-byte JSON: about 90 ns against 110-200 ns per message).
const runtimeUtf8MinBytes = 256;

/** The first byte of a plain frame's header: FIN, no RSV bit, and the opcode. */
const plainTextByte = 0x80 | Opcode.text;
const plainBinaryByte = 0x80 | Opcode.binary;

/**
 * The sans-io RFC 6455 frame decoder for one direction of a connection: fed chunks with their
 * timestamps, it returns one record per frame, with violations as values. Any split of the same
 * byte stream gives the same records, because every decision waits for the byte it depends on.
 */
export class FrameDecoder {
  private readonly options: ResolvedDecoderOptions;
  private stateValue: DecoderState = 'header';
  private readonly headerBuffer = new Uint8Array(maxHeaderLength);
  private headerFilled = 0;
  private headerLength = 2;
  private frame: FrameInProgress | null = null;
  private readonly inProgress: FrameInProgress = {
    header: parseFrameHeader(new Uint8Array(2), 2),
    atMicros: 0,
    messageId: 0,
    fragment: 'whole',
    message: null,
    violations: noViolations as Violation[],
    retainLimit: 0,
    received: 0,
    retainedCount: 0,
    retained: null,
  };
  private message: MessageInProgress | null = null;
  /** Refilled for each message of one frame (FIN on its first frame), which ends with that frame. */
  private readonly wholeMessage: MessageInProgress = startMessage(0, Opcode.binary, false, null);
  private nextMessageId = 1;
  private hasSeenClose = false;
  private isFinished = false;
  /** Observe mode: why the bytes after the failure point come back undecoded. */
  private failure: Violation | null = null;
  /** Payload bytes still to skip in the `discard` state. */
  private discardRemaining = 0;
  /**
   * The items of the call in progress, made at its first item (most pushes of a large frame make
   * none). Let go of when the call returns: a decoder that outlives a few collections sits in V8's
   * old generation, and what it still points at survives every scavenge (bench (c): the last 1 MiB
   * payload of each run was promoted and left only at the next full collection).
   */
  private items: DecodedItem[] = noItems;
  private pushedBytesValue = 0;
  /** The `maxItems` of the push being decoded; no limit for anything else (`resume`, `finish`). */
  private itemLimit = Number.POSITIVE_INFINITY;
  /** One validator serves every text message: only one data message is open at a time (§5.4). */
  private readonly utf8 = new Utf8Validator();
  /** Collects a header's violations before its frame exists; emptied into each frame. */
  private readonly scratch: Violation[] = [];
  /** Refilled for each header, like the frame in progress. */
  private readonly ruleContext: { -readonly [K in keyof HeaderRuleContext]: HeaderRuleContext[K] };
  /** The message being inflated in steps; while set, input waits in `queued`. */
  private inflating: InflateInProgress | null = null;
  private readonly queued: QueuedInput[] = [];
  /** The inflate budget is exhausted: nothing more is decoded until the owner refills it. */
  private isHeld = false;
  /** The budget became exhausted while inflating the message whose record is emitted next. */
  private hasReachedBudget = false;
  /** `finish` decodes what is left whatever the budget: the stream is over. */
  private isDraining = false;
  /** Takes plain frames without a record (`takePlainFramesWith`). */
  private plainFrames: PlainFrameSink | null = null;
  /** The longest payload a plain frame may have: one its 2-byte header declares, kept whole, within every limit. */
  private readonly plainMaxBytes: number;

  constructor(options: FrameDecoderOptions) {
    this.options = resolveDecoderOptions(options);
    this.plainMaxBytes = Math.min(PLAIN_MAX_PAYLOAD_BYTES, this.options.payloadRetentionBytes, this.options.maxPayloadBytes);
    this.ruleContext = { role: this.options.role, isDeflateNegotiated: this.options.isDeflateNegotiated, hasSeenClose: false };
  }

  /** Which part of a frame is expected next. */
  get state(): DecoderState {
    return this.stateValue;
  }

  /** Bytes the decoder holds between calls, for memory accounting (retention and compressed messages). */
  get bufferedBytes(): number {
    const frame = this.frame;
    const retained = frame?.retainedCount ?? 0;
    const queued = this.queued.reduce((sum, input) => sum + input.bytes.length, 0);
    return this.headerFilled + retained + (this.message?.compressed?.capacity ?? 0) + queued;
  }

  /**
   * Strict mode: true while the payload of a frame whose header broke a rule is being read, so its
   * record can show it; the failure follows once the retained part (or the frame) is complete, the
   * stream ends, or the owner stops waiting with `failHeldFrame`.
   */
  get isHoldingFailedFrame(): boolean {
    const frame = this.frame;
    return this.options.mode === 'strict' && this.stateValue === 'payload' && frame !== null && frame.violations.length > 0;
  }

  /** Strict mode: stops waiting for the rest of a held failed frame: its record with the payload read so far, then the failure. */
  failHeldFrame(): readonly DecodedItem[] {
    if (this.isHoldingFailedFrame) this.failStrict(this.frame as FrameInProgress);
    return this.takeItems();
  }

  /**
   * True while a message is being inflated in steps, while input waits for one, or while the
   * inflate budget is exhausted: input is queued until `resume` works through it.
   */
  get isSuspended(): boolean {
    return this.inflating !== null || this.queued.length > 0 || this.isHeld;
  }

  /**
   * Decodes the next chunk of the stream; `atMicros` is when it arrived. Input that waits while a
   * message inflates in steps is held as it came, and with `payloadViews` a record's bytes may be a
   * view of it, so a chunk must not be modified after it was pushed (socket buffers never are);
   * records own their bytes unless `payloadViews` is set.
   * With `maxItems`, decoding stops once that many items were made, at the end of a frame (never
   * inside one), and before a plain frame that follows an item when plain frames go to a sink:
   * `pushedBytes` says how much of `input` was taken, and the caller pushes the rest next. The
   * records are the same however the input is divided.
   */
  push(input: Uint8Array, atMicros: number, maxItems = Number.POSITIVE_INFINITY): readonly DecodedItem[] {
    if (this.isFinished) throw new Error('FrameDecoder.push after finish: the stream already ended.');
    // Buffer's subarray is slow and its slice is a view, so the decoder works on a plain Uint8Array
    // view; except for a chunk that is all payload bytes to be copied into the record's buffer: on
    // 1 MiB frames a typed array per 64 KiB took V8 from about 170 to about 200 full collections
    // per 200 runs of bench (c).
    const chunk = input.constructor === Uint8Array || this.isPlainPayload(input.length) ? input : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    this.followBudget();
    this.pushedBytesValue = chunk.length;
    this.itemLimit = maxItems;
    if (this.isSuspended) this.queued.push({ bytes: chunk, atMicros });
    else this.decode(chunk, atMicros);
    this.itemLimit = Number.POSITIVE_INFINITY;
    return this.takeItems();
  }

  /**
   * From now on plain frames (see PlainFrameSink) go to `sink` as they are read, in stream order:
   * only while no record made before them in the same push is still waiting to be returned. Only
   * a server's frames are unmasked, so a decoder of a client's frames never has any.
   */
  takePlainFramesWith(sink: PlainFrameSink | null): void {
    this.plainFrames = this.options.role === 'server' ? sink : null;
  }

  private addItem(item: DecodedItem): void {
    if (this.items === noItems) this.items = [];
    this.items.push(item);
  }

  private takeItems(): readonly DecodedItem[] {
    const items = this.items;
    this.items = noItems;
    return items;
  }

  /**
   * True when the next `length` input bytes all belong to the payload of the current frame and
   * are only copied into its record's buffer: not inspected as text or inflated, no violation yet.
   */
  private isPlainPayload(length: number): boolean {
    const frame = this.frame;
    if (this.stateValue !== 'payload' || frame === null || this.isSuspended) return false;
    const message = frame.message;
    const isInspected = message !== null && (message.checksUtf8 || message.compressed !== null);
    return !isInspected && frame.violations.length === 0 && frame.header.payloadLength - frame.received > length;
  }

  /** How many bytes of the last `push` input were taken: all of them unless its `maxItems` stopped it. */
  get pushedBytes(): number {
    return this.pushedBytesValue;
  }

  /**
   * Goes on with a message being inflated in steps (one more step), then with the input that
   * waited for it, until the next suspension or the end of what was queued. Does nothing while
   * the inflate budget is exhausted.
   */
  resume(): readonly DecodedItem[] {
    this.followBudget();
    if (!this.isHeld && this.inflating !== null) this.stepInflate();
    while (this.inflating === null && !this.isHeld && this.queued.length > 0) {
      const next = this.queued.shift() as QueuedInput;
      this.decode(next.bytes, next.atMicros);
    }
    return this.takeItems();
  }

  private decode(chunk: Uint8Array, atMicros: number): void {
    let offset = 0;
    while (offset < chunk.length) {
      const state = this.stateValue;
      if (state === 'payload') offset = this.readPayload(chunk, offset);
      else if (state === 'header') offset = this.readHeaders(chunk, offset, atMicros);
      else if (state === 'discard') offset = this.discardPayload(chunk, offset);
      else break;
      if (this.inflating !== null || this.isHeld) {
        // The rest of this chunk comes before anything queued after it.
        if (offset < chunk.length) this.queued.unshift({ bytes: chunk.subarray(offset), atMicros });
        return;
      }
      // Checked after a step, not before: a stop is only ever at the end of a frame (a header not begun).
      if (this.stateValue === 'header' && this.headerFilled === 0 && offset < chunk.length && this.isStopBefore(chunk, offset)) {
        this.pushedBytesValue = offset;
        return;
      }
    }
    if (offset < chunk.length && this.failure !== null) {
      this.addItem({ kind: 'undecoded', atMicros, bytes: copyBytes(chunk, offset), violation: this.failure });
    }
  }

  /**
   * Ends the stream: a frame cut short becomes a record with a `truncated-frame` violation. A frame
   * being discarded was recorded at its header already, with its payload marked truncated.
   */
  finish(atMicros: number): DecodedItem[] {
    if (this.isFinished) return [];
    // What is still being inflated or queued is decoded first, at once: the stream is over.
    this.isDraining = true;
    const drained: DecodedItem[] = [];
    while (this.inflating !== null || this.queued.length > 0) drained.push(...this.resume());
    this.isFinished = true;
    const items: DecodedItem[] = drained;
    if (this.stateValue === 'failed' || this.stateValue === 'discard') return items;
    const truncated = violationOf('truncated-frame');
    const frame = this.frame;
    // Strict mode: a frame whose header broke a rule fails on that rule, even when the stream cut its payload short.
    let cause = truncated;
    if (frame !== null) {
      cause = frame.violations[0] ?? truncated;
      flag(frame, truncated);
      items.push(this.toRecord(frame, this.takeRetainedBytes(frame), noExtras));
    } else if (this.headerFilled > 0) {
      // Too few bytes to say what the frame was; hand them back rather than invent header fields.
      items.push({ kind: 'undecoded', atMicros, bytes: this.headerBuffer.slice(0, this.headerFilled), violation: truncated });
    } else {
      return items;
    }
    if (this.options.mode === 'strict') items.push({ kind: 'failure', atMicros, closeCode: cause.closeCode, violation: cause });
    this.stateValue = 'failed';
    return items;
  }

  /**
   * A push with `maxItems` stops at a frame boundary once that many items were made, or once an
   * item was made and a plain frame follows: the owner takes the items, pushes the rest, and the
   * plain frames go to the sink again (a frame cut by the read would otherwise put every frame of
   * that push's slice through a record).
   */
  private isStopBefore(chunk: Uint8Array, offset: number): boolean {
    const count = this.items.length;
    if (count >= this.itemLimit) return true;
    if (count === 0 || this.plainFrames === null || this.itemLimit === Number.POSITIVE_INFINITY || offset + 1 >= chunk.length) return false;
    const first = chunk[offset] as number;
    return (first === plainTextByte || first === plainBinaryByte) && (chunk[offset + 1] as number) <= this.plainMaxBytes;
  }

  // Plain frames first, when they may be taken; then the header of the first one that was not.
  private readHeaders(chunk: Uint8Array, offset: number, atMicros: number): number {
    const next = this.headerFilled === 0 && this.plainFrames !== null ? this.takePlainFrames(chunk, offset, atMicros) : offset;
    return next < chunk.length ? this.readHeader(chunk, next, atMicros) : next;
  }

  /**
   * Hands the plain frames from `offset` on to the sink while it takes them; returns where the
   * first one it did not take begins. A frame that is not plain, or only partly in this chunk, is
   * decoded as usual, and so is everything while a message is in progress, a close was seen (data
   * after it breaks §5.5.1), or records made before it in this push wait in `items`.
   */
  private takePlainFrames(chunk: Uint8Array, offset: number, atMicros: number): number {
    if (this.items.length > 0 || this.message !== null || this.hasSeenClose) return offset;
    const sink = this.plainFrames as PlainFrameSink;
    const maxBytes = this.plainMaxBytes;
    const length = chunk.length;
    while (offset + PLAIN_HEADER_BYTES <= length) {
      const first = chunk[offset] as number;
      // The second byte is the length when the mask bit is clear; a set one reads as 128 or more.
      const payloadLength = chunk[offset + 1] as number;
      const start = offset + PLAIN_HEADER_BYTES;
      const end = start + payloadLength;
      if ((first !== plainTextByte && first !== plainBinaryByte) || payloadLength > maxBytes || end > length) break;
      if (first === plainTextByte && !this.isValidText(chunk, start, end)) break;
      if (!sink(chunk, start, payloadLength, first & 0x0f, this.nextMessageId, atMicros)) break;
      this.nextMessageId++;
      offset = end;
    }
    return offset;
  }

  /** §8.1 for a text message of one frame: valid UTF-8 on its own (the validator starts afresh, as for any new message). */
  private isValidText(chunk: Uint8Array, start: number, end: number): boolean {
    const utf8 = this.utf8;
    utf8.reset();
    return utf8.feed(chunk, start, end) && utf8.isComplete;
  }

  private readHeader(chunk: Uint8Array, offset: number, atMicros: number): number {
    const headerBuffer = this.headerBuffer;
    let filled = this.headerFilled;
    const end = Math.min(chunk.length, offset + this.headerLength - filled);
    while (offset < end) headerBuffer[filled++] = chunk[offset++] as number;
    if (filled === 2 && this.headerLength === 2) this.headerLength = headerLengthFromSecondByte(headerBuffer[1] as number);
    this.headerFilled = filled;
    if (filled === this.headerLength) this.completeHeader(atMicros);
    return offset;
  }

  private completeHeader(atMicros: number): void {
    const header = readFrameHeaderInto(this.inProgress.header, this.headerBuffer, this.headerLength);
    this.headerFilled = 0;
    this.headerLength = 2;
    const options = this.options;
    const violations = this.scratch;
    const context = this.ruleContext;
    context.hasSeenClose = this.hasSeenClose;
    checkHeaderRules(violations, header, context);
    const frame = this.inProgress;
    const isControl = isControlOpcode(header.opcode);
    if (isControl) this.placeControlFrame(frame, header, violations);
    else this.placeDataFrame(frame, header, violations);
    const retention = isControl ? Math.max(options.payloadRetentionBytes, CONTROL_PAYLOAD_RETENTION_BYTES) : options.payloadRetentionBytes;
    frame.atMicros = atMicros;
    frame.violations = violations.length === 0 ? (noViolations as Violation[]) : violations.splice(0);
    frame.retainLimit = Math.min(header.payloadLength, retention);
    frame.received = 0;
    frame.retainedCount = 0;
    frame.retained = null;
    this.frame = frame;
    const failsStrictly = options.mode === 'strict' && frame.violations.length > 0;
    if (header.isLengthMsbSet) {
      this.failFraming(frame);
    } else if (failsStrictly && frame.retainLimit === 0) {
      this.failStrict(frame);
    } else if (header.payloadLength === 0) {
      this.completeFrame();
    } else if (failsStrictly) {
      // §7.1.7 fails the connection at this header, but the record shows the payload it carried: read up to the retention, then fail.
      this.stateValue = 'payload';
    } else if (header.payloadLength > options.maxPayloadBytes) {
      this.recordAtHeader(frame);
    } else {
      this.stateValue = 'payload';
    }
  }

  /**
   * §10.4: a frame over maxPayloadBytes is never held, so nothing its record could carry is still
   * to come. It is recorded now, with no payload bytes, and its payload is skipped: a header that
   * declares 2^63−1 bytes shows at once instead of when the stream ends.
   */
  private recordAtHeader(frame: FrameInProgress): void {
    this.frame = null;
    const message = frame.message;
    // The skipped bytes never reach the validator, so this message's text can no longer be checked.
    if (message !== null) message.checksUtf8 = false;
    if (frame.header.opcode === Opcode.close) this.hasSeenClose = true;
    this.addItem(this.toRecord(frame, noBytes, noExtras));
    this.discardRemaining = frame.header.payloadLength;
    this.stateValue = 'discard';
  }

  private discardPayload(chunk: Uint8Array, offset: number): number {
    const count = Math.min(chunk.length - offset, this.discardRemaining);
    this.discardRemaining -= count;
    if (this.discardRemaining === 0) this.stateValue = 'header';
    return offset + count;
  }

  /** §5.5: every control frame is a message of its own, allowed between fragments of a data message. */
  private placeControlFrame(frame: FrameInProgress, header: FrameHeader, violations: Violation[]): void {
    if (header.payloadLength > this.options.maxPayloadBytes && !header.isLengthMsbSet) violations.push(violationOf('payload-too-big'));
    frame.messageId = this.nextMessageId++;
    frame.fragment = 'whole';
    frame.message = null;
  }

  /** §5.4: a message is a first frame with an opcode, then continuations, the last with FIN set. */
  private placeDataFrame(frame: FrameInProgress, header: FrameHeader, violations: Violation[]): void {
    let message = this.message;
    let fragment: FragmentPosition;
    if (header.opcode === Opcode.continuation) {
      if (message === null) {
        violations.push(violationOf('unexpected-continuation'));
        message = this.beginMessage(header);
      }
      fragment = header.fin ? 'last' : 'middle';
    } else {
      if (message !== null) violations.push(violationOf('expected-continuation'));
      message = this.beginMessage(header);
      fragment = header.fin ? 'whole' : 'first';
    }
    message.fragmentCount++;
    message.totalLength += header.payloadLength;
    this.checkMessageLimits(header, message, violations);
    this.message = header.fin ? null : message;
    frame.messageId = message.messageId;
    frame.fragment = fragment;
    frame.message = message;
  }

  private beginMessage(header: FrameHeader): MessageInProgress {
    const options = this.options;
    const compressedLimit = options.inflater === null ? null : options.maxPayloadBytes;
    const messageId = this.nextMessageId++;
    const message = header.fin ? restartMessage(this.wholeMessage, messageId, header.opcode, header.rsv1, compressedLimit) : startMessage(messageId, header.opcode, header.rsv1, compressedLimit);
    if (message.checksUtf8) this.utf8.reset();
    return message;
  }

  private checkMessageLimits(header: FrameHeader, message: MessageInProgress, violations: Violation[]): void {
    const { maxPayloadBytes, maxFragments } = this.options;
    if (!message.hasFlaggedTooBig && !header.isLengthMsbSet && (header.payloadLength > maxPayloadBytes || message.totalLength > maxPayloadBytes)) {
      // Observe mode streams the rest through: records keep their retained prefix, inflation is skipped.
      message.hasFlaggedTooBig = true;
      message.compressed = null;
      violations.push(violationOf('payload-too-big'));
    }
    if (maxFragments > 0 && message.fragmentCount > maxFragments && !message.hasFlaggedFragments) {
      message.hasFlaggedFragments = true;
      violations.push(violationOf('too-many-fragments'));
    }
  }

  private readPayload(chunk: Uint8Array, offset: number): number {
    const frame = this.frame as FrameInProgress;
    // A strict failure is read only up to the retention, whatever the chunking, so any split ends the same way.
    const failsStrictly = this.options.mode === 'strict' && frame.violations.length > 0;
    const readable = (failsStrictly ? frame.retainLimit : frame.header.payloadLength) - frame.received;
    const count = Math.min(chunk.length - offset, readable);
    const end = offset + count;
    this.consumePayload(frame, chunk, offset, end);
    frame.received += count;
    if (frame.received === frame.header.payloadLength) {
      this.completeFrame();
    } else if (failsStrictly && frame.received === frame.retainLimit) {
      this.failStrict(frame);
    }
    return end;
  }

  /**
   * Unmasks (§5.3) only the bytes that are kept or checked, and copies each byte at most once; with
   * `payloadViews`, an unmasked payload in one chunk is not copied at all (its owner copies it).
   */
  private consumePayload(frame: FrameInProgress, chunk: Uint8Array, start: number, end: number): void {
    const message = frame.message;
    const checksUtf8 = message !== null && message.checksUtf8 && !this.utf8.hasFailed;
    const compressed = message?.compressed ?? null;
    const needsAll = checksUtf8 || compressed !== null;
    const count = end - start;
    const retainCount = Math.min(count, frame.retainLimit - frame.retainedCount);
    let inspected: Uint8Array | null = null;
    if (retainCount > 0 && (frame.retainedCount > 0 || retainCount < frame.retainLimit)) {
      const piece = this.copyIntoRetained(frame, chunk, start, retainCount, needsAll && retainCount === count);
      if (piece !== null) inspected = piece;
    } else if (retainCount > 0) {
      inspected = this.retainWhole(frame, chunk, start, needsAll ? end : start + retainCount);
    }
    if (!needsAll) return;
    inspected ??= this.unmaskedRange(frame, chunk, start, end);
    if (checksUtf8) this.feedUtf8(frame, inspected);
    compressed?.append(inspected);
  }

  /**
   * Copies a piece of a payload that spans chunks into the record's buffer, allocated whole at the
   * first piece and unmasked in place, and returns the piece there. A masked payload is copied once
   * instead of twice (a copy per piece to unmask, then the join): bench (b), 64 KiB masked frames,
   * went from a median of 3.9× to 4.6× against ws, quiet. An unmasked one is copied once either way
   * ((c) did not move). The buffer is `retainLimit` long, so the retention bounds it; the runtimes
   * map its pages as bytes are written. The piece is viewed there only to unmask it or when
   * `isInspected`, so a kept unmasked chunk allocates nothing (docs/performance.md, "(c): what the
   * decoder left for the collector").
   */
  private copyIntoRetained(frame: FrameInProgress, chunk: Uint8Array, start: number, count: number, isInspected: boolean): Uint8Array | null {
    const retained = (frame.retained ??= ownedBytes(frame.retainLimit, this.options.allocateBytes));
    const at = frame.retainedCount;
    // A whole chunk is copied as it came (it may be a Buffer: see `push`); a part through a plain view.
    retained.set(start === 0 && count === chunk.length ? chunk : new Uint8Array(chunk.buffer, chunk.byteOffset + start, count), at);
    frame.retainedCount = at + count;
    const maskingKey = frame.header.maskingKey;
    if (maskingKey === null && !isInspected) return null;
    // A plain constructor call: Uint8Array#subarray looks up the species constructor every time.
    const piece = new Uint8Array(retained.buffer, retained.byteOffset + at, count);
    if (maskingKey !== null) applyMask(piece, maskingKey, frame.received & 3);
    return isInspected ? piece : null;
  }

  /**
   * Keeps a payload whose retained bytes are all in this chunk from `start`: an owned copy, or a
   * view the owner asked for. Returns the unmasked bytes from `start` to `end`, which go on past
   * the retention when they are inspected.
   */
  private retainWhole(frame: FrameInProgress, chunk: Uint8Array, start: number, end: number): Uint8Array {
    const count = frame.retainLimit;
    const allocate = this.options.allocateBytes;
    const maskingKey = frame.header.maskingKey;
    frame.retainedCount = count;
    if (maskingKey !== null) {
      // Unmasked once over every byte that is inspected; the record copies its part of a longer range.
      const bytes = copyBytes(chunk, start, end, allocate);
      applyMask(bytes, maskingKey, frame.received & 3);
      frame.retained = bytes.length === count ? bytes : copyBytes(bytes, 0, count, allocate);
      return bytes;
    }
    // A plain constructor call: Uint8Array#subarray looks up the species constructor every time.
    const retained = this.options.payloadViews ? new Uint8Array(chunk.buffer, chunk.byteOffset + start, count) : copyBytes(chunk, start, start + count, allocate);
    frame.retained = retained;
    return end - start === count ? retained : new Uint8Array(chunk.buffer, chunk.byteOffset + start, end - start);
  }

  /** The unmasked bytes of `start` to `end` for inspection only: a view, or a copy for a masked frame. */
  private unmaskedRange(frame: FrameInProgress, chunk: Uint8Array, start: number, end: number): Uint8Array {
    const maskingKey = frame.header.maskingKey;
    if (maskingKey === null) return new Uint8Array(chunk.buffer, chunk.byteOffset + start, end - start);
    const bytes = copyBytes(chunk, start, end);
    applyMask(bytes, maskingKey, frame.received & 3);
    return bytes;
  }

  /**
   * A text message of one frame whose payload is all in `bytes` starts the validator afresh, so
   * the runtime's validator (much faster than a byte loop on a flood of small messages) may vouch
   * for it; what it refuses goes through ours, which finds where and why.
   */
  private feedUtf8(frame: FrameInProgress, bytes: Uint8Array): void {
    const isUtf8 = this.options.isUtf8;
    if (isUtf8 !== null && frame.fragment === 'whole' && bytes.length === frame.header.payloadLength && bytes.length >= runtimeUtf8MinBytes && isUtf8(bytes)) return;
    this.utf8.feed(bytes);
  }

  /**
   * The record's bytes: exactly what was retained, which is less than `retainLimit` when the frame
   * ended early. The frame in progress lets go of them: it is refilled for the next frame, and
   * until then it would hold the last payload (see `items`).
   */
  private takeRetainedBytes(frame: FrameInProgress): Uint8Array {
    const retained = frame.retained;
    if (retained === null) return noBytes;
    frame.retained = null;
    return retained.length === frame.retainedCount ? retained : copyBytes(retained, 0, frame.retainedCount, this.options.allocateBytes);
  }

  private completeFrame(): void {
    const frame = this.frame as FrameInProgress;
    this.frame = null;
    this.stateValue = 'header';
    const payload = this.takeRetainedBytes(frame);
    let extra: RecordExtras = noExtras;
    const message = frame.message;
    if (message !== null) {
      this.checkUtf8(frame, message);
      if (frame.header.fin && message.compressed !== null) {
        const compressed = message.compressed.toBytes();
        const { inflater, inflateSliceBytes } = this.options;
        if (inflateSliceBytes > 0 && inflater?.begin !== undefined) return this.startInflate(frame, message, payload, inflater.begin(compressed, this.options.maxInflatedBytes));
        extra = this.inflate(frame, message, compressed);
      }
    } else if (frame.header.opcode === Opcode.close) {
      const parsed = parseClosePayload(payload);
      for (const violation of parsed.violations) flag(frame, violation);
      extra = { closeCode: parsed.closeCode, closeReason: parsed.closeReason };
      this.hasSeenClose = true;
    }
    this.emit(frame, payload, extra);
  }

  private emit(frame: FrameInProgress, payload: Uint8Array, extra: RecordExtras): void {
    this.addItem(this.toRecord(frame, payload, extra));
    if (this.hasReachedBudget) {
      this.hasReachedBudget = false;
      this.addItem({ kind: 'inflate-budget-reached', atMicros: frame.atMicros });
    }
    if (this.options.mode === 'strict' && frame.violations.length > 0) this.fail(frame.violations[0] as Violation, frame.atMicros);
  }

  private spendInflated(bytes: number): void {
    const budget = this.options.inflateBudget;
    if (budget === null) return;
    const wasExhausted = budget.isExhausted;
    budget.spend(bytes);
    if (!wasExhausted && budget.isExhausted) this.hasReachedBudget = true;
    this.followBudget();
  }

  private followBudget(): void {
    this.isHeld = !this.isDraining && this.options.inflateBudget?.isExhausted === true;
  }

  /** §8.1: a text message must be valid UTF-8; flagged on the frame where that becomes certain. */
  private checkUtf8(frame: FrameInProgress, message: MessageInProgress): void {
    const utf8 = this.utf8;
    if (message.checksUtf8 && !message.hasFlaggedUtf8 && (utf8.hasFailed || (frame.header.fin && !utf8.isComplete))) {
      message.hasFlaggedUtf8 = true;
      flag(frame, violationOf('invalid-utf8'));
    }
  }

  /**
   * RFC 7692 §7.2.2 in steps: the last frame's record waits until its message is inflated, and so
   * does everything after it, so records stay in stream order. The validator of uncompressed text
   * is free meanwhile (no other message can start), so it checks the inflated text.
   */
  private startInflate(frame: FrameInProgress, message: MessageInProgress, payload: Uint8Array, job: InflateJob): void {
    this.utf8.reset();
    this.inflating = { frame, message, payload, job, kept: [], keptCount: 0 };
    this.stepInflate();
  }

  private stepInflate(): void {
    const inflating = this.inflating as InflateInProgress;
    const isText = inflating.message.opcode === Opcode.text;
    const retention = this.options.payloadRetentionBytes;
    const end = inflating.job.step(this.options.inflateSliceBytes, (bytes) => {
      this.spendInflated(bytes.length);
      if (isText) this.utf8.feed(bytes);
      const room = retention - inflating.keptCount;
      if (room <= 0) return;
      // The codec's bytes are a view it reuses: keep an owned copy of the retained part.
      const piece = copyBytes(bytes, 0, Math.min(room, bytes.length));
      inflating.kept.push(piece);
      inflating.keptCount += piece.length;
    });
    if (end === null) return;
    this.inflating = null;
    this.emit(inflating.frame, inflating.payload, this.inflatedExtras(inflating, end, isText));
  }

  private inflatedExtras(inflating: InflateInProgress, end: InflateEnd, isText: boolean): RecordExtras {
    const { frame } = inflating;
    if (!end.ok) {
      flag(frame, this.inflateViolation(end));
      return noExtras;
    }
    if (isText && (this.utf8.hasFailed || !this.utf8.isComplete)) flag(frame, violationOf('invalid-utf8'));
    return { inflatedPayload: joinPieces(inflating.kept, inflating.keptCount), inflatedLength: end.length };
  }

  /** Why a message did not inflate, naming the limit or the codec's words when there are any. */
  private inflateViolation(failure: InflateFailure): Violation {
    if (failure.reason === 'too-big') return violationOf('inflated-too-big', { maxBytes: this.options.maxInflatedBytes });
    return failure.detail === '' ? violationOf('inflate-failed') : violationOf('inflate-failed', { detail: failure.detail });
  }

  /** RFC 7692 §7.2.2: the last frame of a compressed message carries the inflated message. */
  private inflate(frame: FrameInProgress, message: MessageInProgress, compressed: Uint8Array): RecordExtras {
    const { inflater, maxInflatedBytes, payloadRetentionBytes } = this.options;
    if (inflater === null) return noExtras;
    const result = inflater.inflate(compressed, maxInflatedBytes);
    // A bomb cost the inflation up to the limit; a corrupt stream stopped early, at an unknown point.
    this.spendInflated(result.ok ? result.data.length : result.reason === 'too-big' ? maxInflatedBytes : 0);
    if (!result.ok) {
      flag(frame, this.inflateViolation(result));
      return noExtras;
    }
    const data = result.data;
    if (message.opcode === Opcode.text && !isValidUtf8(data)) flag(frame, violationOf('invalid-utf8'));
    // The codec's output may be a view into a larger buffer; keep an owned copy of the retained part.
    const inflatedPayload = copyBytes(data, 0, Math.min(data.length, payloadRetentionBytes));
    return { inflatedPayload, inflatedLength: data.length };
  }

  private toRecord(frame: FrameInProgress, payload: Uint8Array, extra: RecordExtras): FrameRecord {
    const header = frame.header;
    return {
      kind: 'frame',
      atMicros: frame.atMicros,
      fin: header.fin,
      rsv1: header.rsv1,
      rsv2: header.rsv2,
      rsv3: header.rsv3,
      opcode: header.opcode,
      masked: header.masked,
      maskingKey: header.maskingKey,
      payloadLength: header.payloadLength,
      headerBytes: header.headerBytes,
      payload,
      payloadTruncated: payload.length < header.payloadLength,
      messageId: frame.messageId,
      fragment: frame.fragment,
      inflatedPayload: extra.inflatedPayload,
      inflatedLength: extra.inflatedLength,
      closeCode: extra.closeCode,
      closeReason: extra.closeReason,
      violations: frame.violations,
    };
  }

  /** §5.2: with the 64-bit length's top bit set no frame boundary can be trusted any more. */
  private failFraming(frame: FrameInProgress): void {
    this.frame = null;
    this.addItem(this.toRecord(frame, noBytes, noExtras));
    const cause = frame.violations.find((violation) => violation.rule === 'length-msb-set') as Violation;
    if (this.options.mode === 'strict') {
      this.fail(frame.violations[0] as Violation, frame.atMicros);
    } else {
      this.stateValue = 'failed';
      this.failure = cause;
    }
  }

  /** Strict mode stops at the first violation, with the record so far and then the failure. */
  private failStrict(frame: FrameInProgress): void {
    this.frame = null;
    this.addItem(this.toRecord(frame, this.takeRetainedBytes(frame), noExtras));
    this.fail(frame.violations[0] as Violation, frame.atMicros);
  }

  private fail(violation: Violation, atMicros: number): void {
    this.stateValue = 'failed';
    this.addItem({ kind: 'failure', atMicros, closeCode: violation.closeCode, violation });
  }
}

function joinPieces(pieces: readonly Uint8Array[], length: number): Uint8Array {
  if (pieces.length === 1) return pieces[0] as Uint8Array;
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const piece of pieces) {
    joined.set(piece, offset);
    offset += piece.length;
  }
  return joined;
}

function flag(frame: FrameInProgress, violation: Violation): void {
  if (frame.violations === noViolations) frame.violations = [violation];
  else frame.violations.push(violation);
}

type RecordExtras = Pick<FrameRecord, 'inflatedPayload' | 'inflatedLength' | 'closeCode' | 'closeReason'>;
