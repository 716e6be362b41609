import { notedText, recordedText } from '../i18n/event-text.js';
import { englishText } from '../i18n/english-text.js';
import { message, type Message } from '../i18n/message.js';
import { isValidWireCloseCode } from '../protocol/close-code.js';
import type { DecodedItem } from '../protocol/decoded-item.js';
import { FrameDecoder } from '../protocol/frame-decoder.js';
import type { SenderRole } from '../protocol/frame-decoder-options.js';
import type { Direction, FrameRecord } from '../protocol/frame-record.js';
import { encodeUtf8 } from '../protocol/utf8-text.js';
import { Opcode } from '../protocol/opcode.js';
import type { Violation } from '../protocol/violation.js';
import { violationMessage } from '../protocol/violation-catalog.js';
import type { ClosedDetails, SocketEnd, StrictFailure } from './closed-details.js';
import { ClosingHandshake } from './closing-handshake.js';
import type { ConnectionCommand, ConnectionRecord, PlainFrameRecordSink, RecordSink, Source, TimerName } from './connection-command.js';
import { FAILED_FRAME_WAIT_MS, seqCounterFrom, type SeqCounter, type WebSocketConnectionOptions } from './connection-options.js';
import { MessageAssembler } from './message-assembler.js';
import { encodeOutgoing, type EncoderContext } from './outgoing-encoder.js';
import type { Outgoing } from './outgoing.js';
import { InflatePauseTally, type InflatePauseFigures } from './inflate-pause-tally.js';
import { InflateRateBudget } from './inflate-rate-budget.js';
import { PingTracker } from './ping-tracker.js';
import { sendRefused } from './send-refused-error.js';
import { strictFailureText } from './strict-failure-text.js';
import { undecodedText } from './undecoded-text.js';

/**
 * The decoder hands over a read's records this many at a time (it stops at the end of a frame, so
 * nothing is cut; any division decodes the same). A 64 KiB read of 64-byte frames makes about
 * 1,000 records; with the records streamed to the owner, about this many are alive at once, so
 * they die young instead of surviving the scavenges of that read and growing the young
 * generation (issue 12: byte slices of 16, 8 and 4 KiB, about 250, 125 and 60 records, let it grow
 * in some runs or all; 1 KiB did not, but cut frames at every slice).
 */
export const RECEIVE_BATCH_ITEMS = 16;

/** Where a connection is in its life: open, in the closing handshake (§7.1.3), or over. */
export type ConnectionState = 'open' | 'closing' | 'closed';

/**
 * One WebSocket endpoint in either role, after the opening handshake, with no I/O of its own
 * (sans-io, like wsproto's Connection): every input — bytes received, the socket ending, a send,
 * a timer — returns the commands its owner carries out in order. It decodes both directions
 * (what we send is recorded from the exact bytes written), answers pings and closes, runs the
 * closing handshake and its wait, pairs pongs with pings, and in strict mode fails the
 * connection at the peer's first violation (§7.1.7).
 */
export class WebSocketConnection {
  private readonly role: SenderRole;
  private readonly received: FrameDecoder;
  private readonly sent: FrameDecoder;
  private readonly receivedDirection: Direction;
  private readonly sentDirection: Direction;
  private readonly closing: ClosingHandshake;
  private readonly pings = new PingTracker();
  private readonly encoder: EncoderContext;
  private readonly seqs: SeqCounter;
  private readonly assemblers: Record<Source, MessageAssembler> | null;
  private readonly inflateRate: InflateRateBudget | null;
  private hasRecordedInflateRate = false;
  private readonly pauseTally = new InflatePauseTally();
  private commands: ConnectionCommand[] = [];
  private recordSink: RecordSink | null = null;
  private isInRecordSink = false;
  /** Replies decided while reading one chunk, written once all its frames are recorded. */
  private replies: Outgoing[] = [];
  private isCloseQueued = false;
  private isEnding = false;
  private hasEndedSocket = false;
  private closedValue: ClosedDetails | null = null;
  private failedViolation: Violation | null = null;
  private strictFailure: StrictFailure | null = null;
  /** The seq of the last record made from the peer's bytes: the one a strict failure names. */
  private lastReceivedSeq = -1;
  private readonly armed = new Set<TimerName>();
  private closeWaitFromMicros = 0;
  private lastReadAtMicros = 0;
  private pingCount = 0;
  private undecodedBudgetBytes: number;
  private readonly counts = { framesIn: 0, framesOut: 0 };
  /** The peer's socket end, held while received bytes are still being decoded (they come first). */
  private pendingEnd: { readonly end: Exclude<SocketEnd, 'local' | 'timeout'>; readonly atMicros: number; readonly message?: string } | null = null;

  constructor(private readonly options: WebSocketConnectionOptions) {
    const { role, mode, limits } = options;
    const deflate = options.deflate ?? null;
    this.role = role;
    this.receivedDirection = role === 'client' ? 'in' : 'out';
    this.sentDirection = role === 'client' ? 'out' : 'in';
    const bytesPerSecond = limits.maxInflatedBytesPerSecond ?? 0;
    this.inflateRate = deflate && bytesPerSecond > 0 ? new InflateRateBudget(bytesPerSecond) : null;
    const common = {
      maxPayloadBytes: limits.maxPayloadBytes,
      maxFragments: limits.maxFragments,
      maxInflatedBytes: limits.maxInflatedBytes,
      negotiatedExtensions: deflate ? ['permessage-deflate'] : [],
      ...(options.allocateBytes ? { allocateBytes: options.allocateBytes } : {}),
      ...(options.isUtf8 ? { isUtf8: options.isUtf8 } : {}),
    };
    this.received = new FrameDecoder({
      ...common,
      role: role === 'client' ? 'server' : 'client',
      mode,
      payloadRetentionBytes: limits.payloadRetentionBytes,
      payloadViews: options.payloadViews === true,
      ...(deflate ? { inflater: deflate.inflater, inflateSliceBytes: deflate.inflateSliceBytes ?? 0 } : {}),
      ...(this.inflateRate ? { inflateBudget: this.inflateRate } : {}),
    });
    // Our own frames are decoded only to be recorded: observe mode, because a crafted frame is meant to break rules.
    this.sent = new FrameDecoder({ ...common, role, mode: 'observe', payloadRetentionBytes: limits.sentPayloadRetentionBytes ?? limits.payloadRetentionBytes, ...(deflate ? { inflater: deflate.sentInflater } : {}) });
    this.closing = new ClosingHandshake(role);
    this.encoder = { role, nextMaskingKey: options.nextMaskingKey, deflater: deflate?.deflater ?? null };
    this.seqs = options.seqs ?? seqCounterFrom(0);
    this.undecodedBudgetBytes = limits.payloadRetentionBytes;
    const assembly = { maxFragments: limits.maxFragments, maxPayloadBytes: limits.maxPayloadBytes };
    const isWanted = options.isMessageWanted;
    this.assemblers = options.reportsMessages
      ? {
          received: new MessageAssembler(this.receivedDirection, 'received', assembly, options.payloadViews !== true, isWanted),
          sent: new MessageAssembler(this.sentDirection, 'sent', assembly, true, isWanted),
        }
      : null;
  }

  /** Open until a close frame crosses or strict mode fails; closed once the socket is done. */
  get state(): ConnectionState {
    if (this.closedValue !== null) return 'closed';
    return this.closing.isStarted || this.failedViolation !== null ? 'closing' : 'open';
  }

  /** How the connection ended, once it has. */
  get closed(): ClosedDetails | null {
    return this.closedValue;
  }

  /** True once we have written a close frame (§5.5.1: no data may follow it). */
  get hasSentClose(): boolean {
    return this.closing.hasSentClose;
  }

  /** Strict mode: the violation that made us fail the connection, or null. */
  get failure(): Violation | null {
    return this.failedViolation;
  }

  /**
   * True while received bytes wait for a message being inflated in steps or for the inflate
   * budget; the owner should not read more until `resume` (or the `inflate-wait` timer) clears it.
   */
  get hasPendingWork(): boolean {
    return this.received.isSuspended;
  }

  /**
   * The inflate budget's pauses so far, a running one counted up to `atMicros`, for figures shown
   * while the connection is open (the `pauses` warning before `closed` ends and counts them all);
   * null without a budget or before reading first waited.
   */
  inflatePausesAt(atMicros: number): InflatePauseFigures | null {
    const rate = this.inflateRate;
    const pauses = this.pauseTally.soFar(atMicros);
    return rate === null || pauses === null ? null : { limit: rate.bytesPerSecond, ...pauses, waitingMs: this.pauseTally.runningMs(atMicros) };
  }

  /** Frames by direction: `in` is server→client, `out` client→server, whatever our role. */
  get frameCounts(): { framesIn: number; framesOut: number } {
    return { ...this.counts };
  }

  /**
   * From now on each record goes to `sink` as it is made, in the same order, instead of into the
   * commands an input returns; every other command still comes back in the list, after the
   * records of that input. Giving the connection an input from inside `sink` throws.
   */
  streamRecordsTo(sink: RecordSink): void {
    this.recordSink = sink;
  }

  /**
   * After `streamRecordsTo`: each received plain frame (shared/protocol/plain-frame-sink.ts) goes
   * to `sink` with its seq and no record object, in the same order as the records, when nothing
   * needs its record: no message is assembled from it (see MessageAssembler.skipsWholeMessage) and
   * listen mode's echo is off. It is counted and numbered like any frame, and needs no reply.
   */
  streamPlainFramesTo(sink: PlainFrameRecordSink): void {
    if (this.recordSink === null) throw new Error('WebSocketConnection.streamPlainFramesTo before streamRecordsTo: plain frames would overtake the records.');
    if (this.options.autoEcho) return;
    const direction = this.receivedDirection;
    const assembler = this.assemblers?.received ?? null;
    this.received.takePlainFramesWith((chunk, payloadStart, payloadLength, opcode, messageId, atMicros) => {
      if (assembler !== null && !assembler.skipsWholeMessage()) return false;
      this.count(direction);
      const seq = this.seqs.next();
      this.lastReceivedSeq = seq;
      this.isInRecordSink = true;
      try {
        sink(seq, direction, chunk, payloadStart, payloadLength, opcode, messageId, atMicros);
      } finally {
        this.isInRecordSink = false;
      }
      return true;
    });
  }

  /**
   * The opening handshake is done: starts the auto-ping timer and decodes `head`, the frame bytes
   * that arrived in the same read as the handshake (§4.2.2 lets a server send frames right behind
   * its 101). Their socket read was recorded with the handshake, so no wire chunk is made for them.
   */
  start(atMicros: number, head: Uint8Array = new Uint8Array(0)): ConnectionCommand[] {
    this.begin();
    this.lastReadAtMicros = atMicros;
    if (this.options.autoPingIntervalMs > 0) this.arm('auto-ping', this.options.autoPingIntervalMs);
    if (head.length > 0) this.read(head, atMicros);
    return this.end();
  }

  /** Bytes read from the socket at `atMicros`: recorded first, then answered (pongs, a close reply). */
  receive(bytes: Uint8Array, atMicros: number): ConnectionCommand[] {
    if (this.closedValue !== null) return [];
    this.begin();
    this.commands.push({ type: 'wire-chunk', direction: this.receivedDirection, atMicros, byteLength: bytes.length });
    this.read(bytes, atMicros);
    return this.end();
  }

  private read(bytes: Uint8Array, atMicros: number): void {
    // §7.1.1 wait: what counts is the peer's silence, so every read restarts it.
    this.lastReadAtMicros = atMicros;
    this.inflateRate?.refill(atMicros);
    let rest = bytes;
    for (;;) {
      // An indexed loop: for-of here left an iterator result per frame to the collector (40 B each in a heap profile).
      const items = this.received.push(rest, atMicros, RECEIVE_BATCH_ITEMS);
      for (let index = 0; index < items.length; index++) this.onReceived(items[index] as DecodedItem);
      const taken = this.received.pushedBytes;
      if (taken >= rest.length) break;
      rest = rest.subarray(taken);
    }
    this.afterDecoding(atMicros);
  }

  /** Goes on after a `yield`: one more step of the work left, then what waited for it. */
  resume(atMicros: number): ConnectionCommand[] {
    if (this.closedValue !== null || !this.received.isSuspended) return [];
    this.begin();
    // Still reading what the peer sent: for the close wait, that is not silence.
    this.lastReadAtMicros = atMicros;
    this.inflateRate?.refill(atMicros);
    for (const item of this.received.resume()) this.onReceived(item);
    this.afterDecoding(atMicros);
    const pendingEnd = this.pendingEnd;
    if (this.received.isSuspended || pendingEnd === null) return this.end();
    const commands = this.end();
    return [...commands, ...this.finish(pendingEnd.end, pendingEnd.atMicros, pendingEnd.message)];
  }

  private afterDecoding(atMicros: number): void {
    this.watchFailedFrame();
    this.writeReplies(atMicros);
    this.settle(atMicros);
    if (!this.received.isSuspended) {
      this.pauseTally.resumed(atMicros);
      return;
    }
    // Over the inflate budget: wait until it allows more (reading stays paused); else the next step at once.
    const rate = this.inflateRate;
    if (rate?.isExhausted !== true) this.commands.push({ type: 'yield' });
    else if (!this.armed.has('inflate-wait') && this.state !== 'closed') {
      this.pauseTally.paused(atMicros);
      this.arm('inflate-wait', rate.waitMs());
    }
  }

  /**
   * Sends a message, a control frame or crafted frames. Throws SendRefusedError once the closing
   * handshake started (§5.5.1: nothing follows our close), except for crafted frames, which may
   * break that rule on purpose until the connection is closed.
   */
  send(outgoing: Outgoing, atMicros: number): ConnectionCommand[] {
    const state = this.state;
    if (state === 'closed' || (state === 'closing' && outgoing.kind !== 'frames')) {
      throw sendRefused('connection', state);
    }
    this.begin();
    this.write(outgoing, atMicros);
    this.settle(atMicros);
    return this.end();
  }

  /** §7.1.2: starts the closing handshake; once it has started (or failed), drops the connection instead. */
  close(atMicros: number, closeCode?: number, reason?: string): ConnectionCommand[] {
    if (this.state === 'open') return this.send({ kind: 'close', ...(closeCode !== undefined ? { closeCode } : {}), ...(reason ? { reason } : {}) }, atMicros);
    return this.abort(atMicros);
  }

  /** Drops the connection now (the user gave up waiting, or the listener stops). */
  abort(atMicros: number, message?: string): ConnectionCommand[] {
    return this.finish('local', atMicros, message);
  }

  /** The socket ended: the peer's FIN, a reset, or an error. What was received is decoded first (after the work left, if any). */
  socketEnded(end: Exclude<SocketEnd, 'local' | 'timeout'>, atMicros: number, message?: string): ConnectionCommand[] {
    if (this.received.isSuspended) {
      this.pendingEnd ??= { end, atMicros, ...(message !== undefined ? { message } : {}) };
      return [];
    }
    return this.finish(end, atMicros, message);
  }

  /** A timer armed by an `arm-timer` command went off. */
  timerFired(timer: TimerName, atMicros: number): ConnectionCommand[] {
    if (this.closedValue !== null || !this.armed.delete(timer)) return [];
    if (timer === 'auto-ping') return this.autoPing(atMicros);
    if (timer === 'inflate-wait') return this.resume(atMicros);
    if (timer === 'failed-frame-wait') return this.stopWaitingForFailedFrame(atMicros);
    if (timer === 'pong-wait') {
      // What arrived is still being decoded (a message inflated in steps) and may hold the pong: wait on.
      if (this.received.isSuspended) {
        this.begin();
        this.arm('pong-wait', this.options.pongTimeoutMs ?? 0);
        return this.end();
      }
      return this.finish('timeout', atMicros, undefined, message('failure:timeout.noPong', { timeoutMs: this.options.pongTimeoutMs ?? 0 }));
    }
    // While we are still decoding what arrived, the peer has not been silent: wait on from now.
    if (this.received.isSuspended) this.lastReadAtMicros = atMicros;
    const silentMs = (atMicros - Math.max(this.lastReadAtMicros, this.closeWaitFromMicros)) / 1000;
    const timeoutMs = this.options.limits.closeTimeoutMs;
    if (silentMs >= timeoutMs) return this.finish('timeout', atMicros);
    this.begin();
    this.arm('close-wait', Math.ceil(timeoutMs - silentMs));
    return this.end();
  }

  /** Strict mode: the frame that broke a rule is read for its payload only so long (FAILED_FRAME_WAIT_MS). */
  private watchFailedFrame(): void {
    const isHolding = this.received.isHoldingFailedFrame;
    if (isHolding && !this.armed.has('failed-frame-wait')) this.arm('failed-frame-wait', FAILED_FRAME_WAIT_MS);
    else if (!isHolding && this.armed.has('failed-frame-wait')) this.cancel('failed-frame-wait');
  }

  private stopWaitingForFailedFrame(atMicros: number): ConnectionCommand[] {
    this.begin();
    for (const item of this.received.failHeldFrame()) this.onReceived(item);
    this.afterDecoding(atMicros);
    return this.end();
  }

  private autoPing(atMicros: number): ConnectionCommand[] {
    this.begin();
    if (this.state === 'open') {
      this.pingCount++;
      this.write({ kind: 'ping', payload: encodeUtf8(`frameline-${this.pingCount}`) }, atMicros);
      this.arm('auto-ping', this.options.autoPingIntervalMs);
      // The wait runs from the oldest unanswered ping, like the ws library's isAlive flag.
      const pongTimeoutMs = this.options.pongTimeoutMs ?? 0;
      if (pongTimeoutMs > 0 && !this.armed.has('pong-wait')) this.arm('pong-wait', pongTimeoutMs);
    }
    this.settle(atMicros);
    return this.end();
  }

  private onReceived(item: DecodedItem): void {
    if (item.kind === 'undecoded') return this.recordUndecoded(item.bytes, item.atMicros, item.violation, 'received');
    if (item.kind === 'failure') return this.fail(item.violation, item.atMicros);
    if (item.kind === 'inflate-budget-reached') return this.recordInflateRate(item.atMicros);
    this.count(this.receivedDirection);
    const rttMicros = item.opcode === Opcode.pong ? this.pings.pongReceived(item.payload, item.atMicros) : undefined;
    const direction = this.receivedDirection;
    // Two literals rather than a spread: this runs for every frame, and a spread builds two objects.
    const seq = this.record(rttMicros === undefined ? { kind: 'frame', direction, source: 'received', frame: item } : { kind: 'frame', direction, source: 'received', frame: item, rttMicros });
    this.lastReceivedSeq = seq;
    this.assemble('received', item, seq);
    if (item.opcode === Opcode.pong && this.armed.has('pong-wait')) this.cancel('pong-wait');
    // Strict mode: a frame that broke a rule is followed by the failure, which decides the reply.
    if (this.isEnding || (this.options.mode === 'strict' && item.violations.length > 0)) return;
    if (item.opcode === Opcode.ping) this.answerPing(item);
    else if (item.opcode === Opcode.close) this.answerClose(item);
    else if (item.opcode !== Opcode.pong && this.options.autoEcho) this.answerEcho(item);
  }

  /** Listen mode's echo: each frame goes back as it came (opcode, FIN, payload), until a close is on its way. */
  private answerEcho(frame: FrameRecord): void {
    if (this.isCloseQueued || this.closing.hasSentClose) return;
    this.replies.push({ kind: 'frames', frames: [{ opcode: frame.opcode, fin: frame.fin, payload: frame.payload }] });
  }

  /** §5.5.2: a pong carries the ping's application data; none once our close is on its way. */
  private answerPing(ping: FrameRecord): void {
    if (!this.options.autoPong || this.isCloseQueued || this.closing.hasSentClose) return;
    this.replies.push({ kind: 'pong', payload: ping.payload });
  }

  /** §5.5.1: answer a close with a close echoing its code (a code not allowed on the wire, §7.4.1, is not echoed). */
  private answerClose(close: FrameRecord): void {
    this.closing.closeReceived(closeSeen(close));
    if (this.isCloseQueued || this.closing.hasSentClose || this.options.autoCloseReply === false) return;
    this.isCloseQueued = true;
    const code = close.closeCode;
    this.replies.push(code !== undefined && isValidWireCloseCode(code) ? { kind: 'close', closeCode: code } : { kind: 'close' });
  }

  /** §7.1.7: send a close with the rule's code (1006 means the stream already ended), then stop processing what arrives. */
  private fail(violation: Violation, atMicros: number): void {
    if (this.failedViolation !== null) return;
    this.failedViolation = violation;
    if (this.lastReceivedSeq >= 0) this.strictFailure = { seq: this.lastReceivedSeq, rule: violation.rule };
    const hint = this.role === 'client' ? message('failure:strict.hintClient') : message('failure:strict.hintServer');
    this.record({ kind: 'failed', atMicros, stage: 'websocket', violation, ...recordedText(violationMessage(violation), hint) });
    if (this.isEnding || violation.closeCode === 1006 || this.isCloseQueued || this.closing.hasSentClose) return;
    this.isCloseQueued = true;
    this.replies.push({ kind: 'close', closeCode: violation.closeCode });
  }

  private writeReplies(atMicros: number): void {
    const replies = this.replies;
    if (replies.length === 0) return;
    this.replies = [];
    for (const reply of replies) this.write(reply, atMicros);
  }

  /** Writes the frames of one send and records them from the exact bytes. */
  private write(outgoing: Outgoing, atMicros: number): void {
    for (const bytes of encodeOutgoing(outgoing, this.encoder)) {
      this.commands.push({ type: 'write', bytes });
      this.commands.push({ type: 'wire-chunk', direction: this.sentDirection, atMicros, byteLength: bytes.length });
      for (const item of this.sent.push(bytes, atMicros)) this.onSent(item);
    }
  }

  private onSent(item: DecodedItem): void {
    if (item.kind === 'undecoded') return this.recordUndecoded(item.bytes, item.atMicros, item.violation, 'sent');
    // Our own messages are inflated only to be recorded, with no budget.
    if (item.kind === 'failure' || item.kind === 'inflate-budget-reached') return;
    this.count(this.sentDirection);
    if (item.opcode === Opcode.ping) this.pings.pingSent(item.payload, item.atMicros);
    const seq = this.record({ kind: 'frame', direction: this.sentDirection, source: 'sent', frame: item });
    if (item.opcode === Opcode.close) this.closing.closeSent(closeSeen(item));
    this.assemble('sent', item, seq);
  }

  /** After each input: the timers and the socket follow the closing handshake. */
  private settle(atMicros: number): void {
    if (this.state !== 'closing') return;
    if (this.armed.has('auto-ping')) this.cancel('auto-ping');
    // §5.5.1, §7.1.1: once both closes crossed (or we failed and said so), the server closes TCP first; a client waits for it.
    const isDone = this.closing.isComplete || (this.failedViolation !== null && this.closing.hasSentClose);
    if (this.role === 'server' && isDone && !this.hasEndedSocket) {
      this.hasEndedSocket = true;
      this.commands.push({ type: 'end-socket' });
    }
    if (!this.armed.has('close-wait')) {
      this.closeWaitFromMicros = atMicros;
      this.arm('close-wait', this.options.limits.closeTimeoutMs);
    }
  }

  /** The socket is done (or must be): decode what is left, then the one `closed` record; `text`, a reason Frameline words, gives its `message` and `i18n`. */
  private finish(end: SocketEnd, atMicros: number, message?: string, text?: Message): ConnectionCommand[] {
    if (this.closedValue !== null) return [];
    this.begin();
    this.isEnding = true;
    for (const item of this.received.finish(atMicros)) this.onReceived(item);
    for (const item of this.sent.finish(atMicros)) this.onSent(item);
    for (const timer of [...this.armed]) this.cancel(timer);
    this.recordInflatePauses(atMicros);
    this.commands.push({ type: 'destroy-socket' });
    const outcome = text === undefined ? this.closing.outcome(end, message) : { ...this.closing.outcome(end, englishText(text)), i18n: { message: text } };
    // A close we sent because the peer broke a rule is not a normal close: say so.
    const failed = this.failedViolation !== null && outcome.message === undefined ? { ...outcome, ...strictFailureText(this.failedViolation) } : outcome;
    const details = this.strictFailure !== null ? { ...failed, strictFailure: this.strictFailure } : failed;
    this.closedValue = details;
    this.record({ kind: 'closed', atMicros, details });
    this.commands.push({ type: 'closed', details });
    return this.end();
  }

  /**
   * Issue 19: the peer's messages reached the inflated bytes per second; said once, on the frame
   * that reached it. Both modes wait rather than fail: the peer broke no rule of RFC 6455 or 7692,
   * the rate is our budget, and TCP flow control lets us take its messages at our own pace.
   */
  private recordInflateRate(atMicros: number): void {
    const rate = this.inflateRate;
    if (rate === null || this.hasRecordedInflateRate) return;
    this.hasRecordedInflateRate = true;
    const limit = rate.bytesPerSecond;
    this.record({ kind: 'budget', atMicros, budget: 'inflated-bytes-per-second', limit, ...notedText(message('capture:budget.inflatedPerSecond', { limit })) });
  }

  /**
   * How often and how long the inflate budget held reading back, once, before the `closed` record:
   * a bursty peer pauses reading many times, and one summary says so without a record per pause.
   */
  private recordInflatePauses(atMicros: number): void {
    const rate = this.inflateRate;
    const pauses = this.pauseTally.summary(atMicros);
    if (rate === null || pauses === null) return;
    const limit = rate.bytesPerSecond;
    this.record({ kind: 'budget', atMicros, budget: 'inflated-bytes-per-second', limit, pauses, ...notedText(message('capture:inflatePauses.summary', { limit, ...pauses })) });
  }

  private recordUndecoded(bytes: Uint8Array, atMicros: number, violation: Violation, source: Source): void {
    // Bytes past the budget are counted, not kept: a peer that broke framing cannot make us hold its whole stream.
    const kept = Math.min(bytes.length, this.undecodedBudgetBytes);
    this.undecodedBudgetBytes -= kept;
    const seq = this.record({
      kind: 'undecoded',
      direction: source === 'received' ? this.receivedDirection : this.sentDirection,
      source,
      atMicros,
      bytes: kept === bytes.length ? bytes : bytes.subarray(0, kept),
      byteLength: bytes.length,
      violation,
      ...notedText(undecodedText(source, bytes.length, kept, violation)),
    });
    if (source === 'received') this.lastReceivedSeq = seq;
  }

  private assemble(source: Source, frame: FrameRecord, seq: number): void {
    const message = this.assemblers?.[source].add(frame, seq);
    if (message) this.commands.push({ type: 'message', message });
  }

  private record(record: ConnectionRecord): number {
    const seq = this.seqs.next();
    const sink = this.recordSink;
    if (sink === null) {
      this.commands.push({ type: 'record', seq, record });
      return seq;
    }
    this.isInRecordSink = true;
    try {
      sink(seq, record);
    } finally {
      this.isInRecordSink = false;
    }
    return seq;
  }

  private count(direction: Direction): void {
    if (direction === 'in') this.counts.framesIn++;
    else this.counts.framesOut++;
  }

  private arm(timer: TimerName, delayMs: number): void {
    this.armed.add(timer);
    this.commands.push({ type: 'arm-timer', timer, delayMs });
  }

  private cancel(timer: TimerName): void {
    this.armed.delete(timer);
    this.commands.push({ type: 'cancel-timer', timer });
  }

  private begin(): void {
    // An input from inside the sink would reset this input's commands and re-enter a decoder mid-chunk.
    if (this.isInRecordSink) throw new Error('WebSocketConnection given an input from inside its record sink.');
    this.commands = [];
  }

  private end(): ConnectionCommand[] {
    const commands = this.commands;
    this.commands = [];
    return commands;
  }
}

function closeSeen(frame: FrameRecord): { closeCode?: number; closeReason?: string } {
  return { ...(frame.closeCode !== undefined ? { closeCode: frame.closeCode } : {}), ...(frame.closeReason ? { closeReason: frame.closeReason } : {}) };
}
