import type { ClosedDetails } from '../connection/closed-details.js';
import type { ConnectionCommand, TimerName } from '../connection/connection-command.js';
import { seqCounterFrom, type ConnectionDeflate, type ConnectionLimits, type SeqCounter } from '../connection/connection-options.js';
import type { CraftedFrame, Outgoing } from '../connection/outgoing.js';
import { SendRefusedError } from '../connection/send-refused-error.js';
import { message, verbatim, type Message } from '../i18n/message.js';
import { WebSocketConnection } from '../connection/websocket-connection.js';
import { Opcode } from '../protocol/opcode.js';
import type { DeflateAgreement } from '../protocol/permessage-deflate.js';
import type { Violation } from '../protocol/violation.js';
import type { CaseCommand, CaseTimer } from './case-command.js';
import type { CaseObservation, SocketEnding } from './case-observation.js';
import type { CaseStep, ConformanceCase, SendDeflatedStep, SendStep } from './conformance-case.js';
import { EchoTracker } from './echo-tracker.js';
import { judgeCase } from './judge-case.js';
import type { ObservedHandshake } from './observed-handshake.js';

/** What a case needs from its owner. */
export interface CaseMachineOptions {
  readonly testCase: ConformanceCase;
  /** The case's time limit (its own, or the run's default). */
  readonly timeoutMs: number;
  readonly limits: ConnectionLimits;
  /** §5.3: masking keys from the owner's CSPRNG. */
  readonly nextMaskingKey: () => Uint8Array;
  /** permessage-deflate codecs for an agreement (shared/ has no zlib). */
  readonly makeDeflate: (agreement: DeflateAgreement) => ConnectionDeflate;
  /** Numbers records and notes; start it at the capture's count. */
  readonly seqs?: SeqCounter;
}

const maxViolationsKept = 5;

/**
 * One conformance case as a sans-io object: a client-role WebSocketConnection driven by the
 * case's script. Inputs are the handshake's outcome, bytes, the socket's end and timers; the
 * commands say what to write (chopped as the script asks), record and time, and end with the
 * judgement. The owner only shuttles bytes, so every verdict is a function of the server's bytes.
 */
export class CaseMachine {
  private readonly testCase: ConformanceCase;
  private readonly seqs: SeqCounter;
  private readonly tracker = new EchoTracker();
  private connection: WebSocketConnection | null = null;
  private deflate: ConnectionDeflate | null = null;
  private handshake: ObservedHandshake | null = null;
  private steps: Iterator<CaseStep> | null = null;
  private blockedBy: 'wait' | 'await-echoes' | null = null;
  /** Pieces of a split write still to go out, one per `step` timer. */
  private pieces: Uint8Array[] = [];
  private pieceDelayMs = 0;
  private isScriptComplete = false;
  /** The handshake rules the script out (no deflate agreed, a broken 101): close at once. */
  private isScriptSkipped = false;
  private stepsSent = 0;
  private stepsSentWhenServerEnded: number | null = null;
  private serverClose: CaseObservation['serverClose'] = null;
  private didWeCloseFirst = false;
  private didScriptClose = false;
  private hasClosedAtEnd = false;
  private readonly serverViolations: Violation[] = [];
  private readonly replyOrder: ('echo' | 'pong' | 'close')[] = [];
  private closed: ClosedDetails | null = null;
  private ending: SocketEnding | null = null;
  private isTimedOut = false;
  private isFinished = false;
  private openedAtMicros = 0;
  private endedAtMicros = 0;
  private messagesSent = 0;
  private bytesSent = 0;
  private commands: CaseCommand[] = [];

  constructor(private readonly options: CaseMachineOptions) {
    this.testCase = options.testCase;
    this.seqs = options.seqs ?? seqCounterFrom(0);
  }

  /** The handshake did not switch protocols (or got no answer): the case is judged on that alone. */
  handshakeFailed(handshake: ObservedHandshake, atMicros: number): CaseCommand[] {
    this.begin();
    this.handshake = handshake;
    this.openedAtMicros = atMicros;
    this.endedAtMicros = atMicros;
    this.finish();
    return this.end();
  }

  /** The server answered 101: the connection starts with `head`, the frame bytes that came with the answer. */
  opened(handshake: ObservedHandshake, atMicros: number, head: Uint8Array = new Uint8Array(0)): CaseCommand[] {
    this.begin();
    this.handshake = handshake;
    this.openedAtMicros = atMicros;
    const agreement = handshake.kind === 'response' ? handshake.deflate : null;
    this.deflate = agreement ? this.options.makeDeflate(agreement) : null;
    this.connection = new WebSocketConnection({
      role: 'client',
      mode: 'observe',
      limits: this.options.limits,
      autoPong: true,
      autoPingIntervalMs: 0,
      nextMaskingKey: this.options.nextMaskingKey,
      deflate: this.deflate,
      seqs: this.seqs,
      reportsMessages: true,
    });
    this.commands.push({ type: 'arm-timer', timer: 'case', delayMs: this.options.timeoutMs });
    this.absorb(this.connection.start(atMicros, head), atMicros);
    const isDeflateMissing = this.testCase.requiresDeflate === true && (agreement === null || (handshake.kind === 'response' && handshake.deflateError !== null));
    if (isDeflateMissing || !this.isHandshakeUsable(handshake)) this.isScriptSkipped = this.isScriptComplete = true;
    else this.steps = this.testCase.steps()[Symbol.iterator]();
    this.drive(atMicros);
    return this.end();
  }

  /** Bytes from the server. */
  receive(bytes: Uint8Array, atMicros: number): CaseCommand[] {
    if (!this.connection || this.isFinished) return [];
    this.begin();
    this.absorb(this.connection.receive(bytes, atMicros), atMicros);
    this.drive(atMicros);
    return this.end();
  }

  /** The socket ended: the server's FIN, a reset, or an error. */
  socketEnded(end: 'fin' | 'rst' | 'error', atMicros: number, message?: string): CaseCommand[] {
    if (!this.connection || this.isFinished) return [];
    this.begin();
    this.ending ??= end;
    this.absorb(this.connection.socketEnded(end, atMicros, message), atMicros);
    return this.end();
  }

  /** A timer armed by an `arm-timer` command went off. */
  timerFired(timer: CaseTimer, atMicros: number): CaseCommand[] {
    if (!this.connection || this.isFinished) return [];
    this.begin();
    if (timer === 'step') {
      this.nextPiece();
      if (this.pieces.length === 0) this.blockedBy = null;
      this.drive(atMicros);
    } else if (timer === 'case') {
      this.isTimedOut = true;
      this.ending ??= 'case-timeout';
      const seconds = this.options.timeoutMs / 1000;
      this.note(atMicros, message('conformance:note.gaveUp', { seconds }));
      this.absorb(this.connection.abort(atMicros, `no response within ${seconds} s`), atMicros);
    } else {
      const commands = this.connection.timerFired(timer as TimerName, atMicros);
      if (timer === 'close-wait' && commands.some((command) => command.type === 'closed')) this.ending ??= 'close-wait';
      this.absorb(commands, atMicros);
    }
    return this.end();
  }

  /** Runs the script until it waits, ends, or the server has ended the connection; then closes when the case is settled. */
  private drive(atMicros: number): void {
    while (this.steps && this.blockedBy === null && !this.isFinished && this.stepsSentWhenServerEnded === null) {
      if (this.blockedBy === null && this.connection!.state === 'closed') break;
      const next = this.steps.next();
      if (next.done) {
        this.steps = null;
        this.isScriptComplete = true;
        break;
      }
      this.run(next.value, atMicros);
    }
    if (this.blockedBy === 'await-echoes' && !this.tracker.isWaiting) {
      this.blockedBy = null;
      this.drive(atMicros);
      return;
    }
    this.closeWhenSettled(atMicros);
  }

  private run(step: CaseStep, atMicros: number): void {
    this.stepsSent++;
    switch (step.kind) {
      case 'wait':
        this.blockedBy = 'wait';
        this.commands.push({ type: 'arm-timer', timer: 'step', delayMs: step.ms });
        return;
      case 'await-echoes':
        if (this.tracker.isWaiting) this.blockedBy = 'await-echoes';
        return;
      case 'send':
        return this.send(step, step.outgoing, atMicros);
      case 'send-deflated':
        return this.send(step, { kind: 'frames', frames: this.deflatedFrames(step) }, atMicros);
    }
  }

  private send(step: SendStep | SendDeflatedStep, outgoing: Outgoing, atMicros: number): void {
    if (step.echo) {
      this.tracker.expectEcho(step.echo, atMicros, true);
      this.messagesSent++;
      this.bytesSent += step.echo.payload.length;
    }
    if (step.kind === 'send' && step.pong) this.tracker.expectPong(step.pong);
    if (step.isIgnoredByServer) this.tracker.ignoredSent(pingPayload(outgoing));
    let commands: ConnectionCommand[];
    try {
      commands = this.connection!.send(outgoing, atMicros);
    } catch (error) {
      if (!(error instanceof SendRefusedError)) throw error;
      this.note(atMicros, message('conformance:note.stepNotSent', { step: this.stepsSent, reason: verbatim(error.message) }));
      this.steps = null;
      return;
    }
    const plan = step.kind === 'send' ? (step.write ?? 'per-frame') : 'per-frame';
    if (plan === 'per-frame') return this.absorb(commands, atMicros);
    if (typeof plan === 'object' && 'splitAt' in plan) return this.absorbSplit(commands, plan, atMicros);
    this.absorb(joinWrites(commands, plan), atMicros);
  }

  /** Writes the first piece now and the rest one per pause; the script waits until all are out. */
  private absorbSplit(commands: readonly ConnectionCommand[], plan: { readonly splitAt: readonly number[]; readonly pauseMs: number }, atMicros: number): void {
    const [joined] = joinWrites(commands, 'whole').filter((command) => command.type === 'write');
    this.absorb(commands.filter((command) => command.type !== 'write'), atMicros);
    if (!joined || joined.type !== 'write') return;
    const bounds = [0, ...plan.splitAt, joined.bytes.length];
    this.pieces = bounds.slice(1).map((end, i) => joined.bytes.subarray(bounds[i], end));
    this.pieceDelayMs = plan.pauseMs;
    this.commands.push({ type: 'write', bytes: this.pieces.shift()! });
    this.blockedBy = 'wait';
    this.commands.push({ type: 'arm-timer', timer: 'step', delayMs: plan.pauseMs });
  }

  /** The next piece of a split write, unless the server has already ended the connection. */
  private nextPiece(): void {
    if (this.pieces.length === 0) return;
    if (this.stepsSentWhenServerEnded !== null) {
      this.pieces = [];
      return;
    }
    this.stepsSent++;
    this.commands.push({ type: 'write', bytes: this.pieces.shift()! });
    if (this.pieces.length > 0) this.commands.push({ type: 'arm-timer', timer: 'step', delayMs: this.pieceDelayMs });
  }

  /** RFC 7692 §6: the compressed message split into frames, RSV1 on the first (or, to break the rule, on every) frame. */
  private deflatedFrames(step: SendDeflatedStep): CraftedFrame[] {
    if (!this.deflate) throw new Error('send-deflated needs an agreed permessage-deflate');
    const compressed = this.deflate.deflater.deflate(step.payload);
    const frames: CraftedFrame[] = [];
    for (let start = 0; start < compressed.length || frames.length === 0; start += step.fragmentBytes) {
      const isFirst = frames.length === 0;
      frames.push({
        opcode: isFirst ? step.opcode : Opcode.continuation,
        payload: compressed.subarray(start, start + step.fragmentBytes),
        fin: start + step.fragmentBytes >= compressed.length,
        rsv1: isFirst || step.rsv1OnEveryFrame === true,
      });
    }
    return frames;
  }

  /**
   * Once the script is done: close normally when every expected answer is in (or, when the
   * server had to fail the connection, once it has shown it will not). A case whose script
   * closed, or whose server must close, waits for the server.
   */
  private closeWhenSettled(atMicros: number): void {
    const connection = this.connection!;
    if (!this.isScriptComplete || this.hasClosedAtEnd || connection.state !== 'open') return;
    const kind = this.testCase.expect.kind;
    const hasKeptProcessing = this.tracker.messagesAfterIgnored > 0 || this.tracker.pongsForIgnored > 0;
    const isSettled = this.isScriptSkipped || hasKeptProcessing || (kind !== 'fail' && !this.tracker.isWaiting);
    if (!isSettled) return;
    this.hasClosedAtEnd = true;
    this.absorb(connection.close(atMicros, 1000), atMicros);
  }

  /** Carries the connection's commands over, reading what the judges need on the way. */
  private absorb(commands: readonly (ConnectionCommand | ChoppedWrite)[], atMicros: number): void {
    for (const command of commands) {
      switch (command.type) {
        case 'record':
          this.observeRecord(command);
          this.commands.push(command);
          break;
        case 'message':
          if (command.message.source === 'received') {
            this.tracker.messageReceived(command.message);
            if (this.isScriptComplete) this.replyOrder.push('echo');
          }
          break;
        case 'write':
          this.commands.push(command);
          break;
        case 'yield':
          // A received message inflated in steps (issue 19): a case runs its connection to the end
          // of each input, so the steps are taken here, bounded by the case's inflate limit.
          if (this.connection) this.absorb(this.connection.resume(atMicros), atMicros);
          break;
        case 'closed':
          this.closed = command.details;
          this.endedAtMicros = atMicros;
          this.commands.push(command);
          this.markServerEnded();
          this.finish();
          break;
        default:
          this.commands.push(command);
      }
    }
  }

  private observeRecord(command: Extract<ConnectionCommand, { type: 'record' }>): void {
    const record = command.record;
    if (record.kind !== 'frame') return;
    const frame = record.frame;
    if (record.source === 'sent') {
      if (frame.opcode === Opcode.close && this.serverClose === null) {
        this.didWeCloseFirst = true;
        this.didScriptClose ||= !this.hasClosedAtEnd;
      }
      return;
    }
    for (const violation of frame.violations) if (this.serverViolations.length < maxViolationsKept) this.serverViolations.push(violation);
    if (frame.opcode === Opcode.pong) {
      this.tracker.pongReceived(frame.payload, frame.atMicros);
      if (this.isScriptComplete) this.replyOrder.push('pong');
    }
    if (frame.opcode === Opcode.close && this.serverClose === null) {
      this.serverClose = { ...(frame.closeCode !== undefined ? { closeCode: frame.closeCode } : {}), ...(frame.closeReason ? { closeReason: frame.closeReason } : {}), isFirst: !this.didWeCloseFirst };
      if (this.isScriptComplete) this.replyOrder.push('close');
      this.markServerEnded();
    }
  }

  private markServerEnded(): void {
    this.stepsSentWhenServerEnded ??= this.stepsSent;
  }

  private finish(): void {
    if (this.isFinished) return;
    this.isFinished = true;
    this.commands.push({ type: 'cancel-timer', timer: 'step' }, { type: 'cancel-timer', timer: 'case' });
    const observation = this.observation();
    this.commands.push({ type: 'finished', judgement: judgeCase(this.testCase, observation), observation });
  }

  private observation(): CaseObservation {
    const tracker = this.tracker;
    const lastAnswerAtMicros = tracker.lastAnswerAtMicros > 0 ? tracker.lastAnswerAtMicros : this.endedAtMicros;
    return {
      handshake: this.handshake,
      timeoutMs: this.options.timeoutMs,
      stepsSent: this.stepsSent,
      isScriptComplete: this.isScriptComplete,
      stepsSentWhenServerEnded: this.connection ? this.stepsSentWhenServerEnded : null,
      echoesExpected: tracker.echoesExpected,
      echoesReceived: tracker.echoesReceived,
      mismatch: tracker.mismatch,
      unexpectedMessages: tracker.unexpectedMessages,
      messagesAfterIgnored: tracker.messagesAfterIgnored,
      pongsExpected: tracker.pongsExpected,
      pongsMatched: tracker.pongsMatched,
      pongsSkipped: tracker.pongsSkipped,
      isLastPongMatched: tracker.isLastPongMatched,
      pongsForIgnored: tracker.pongsForIgnored,
      serverClose: this.serverClose,
      didWeCloseFirst: this.didWeCloseFirst,
      didScriptClose: this.didScriptClose,
      serverViolations: this.serverViolations,
      closed: this.closed,
      ending: this.ending,
      isTimedOut: this.isTimedOut,
      replyOrder: this.replyOrder,
      figures: {
        durationMs: Math.max(0, (lastAnswerAtMicros - this.openedAtMicros) / 1000),
        messagesSent: this.messagesSent,
        bytesSent: this.bytesSent,
        messagesEchoed: tracker.echoesReceived,
        bytesEchoed: tracker.bytesEchoed,
        roundTripMs: tracker.roundTrips(),
        compressedReceived: tracker.compressedReceived,
      },
    };
  }

  /** A 101 whose checks failed still opens (observe mode), but the script is not run against it. */
  private isHandshakeUsable(handshake: ObservedHandshake): boolean {
    return handshake.kind === 'response' && handshake.checks.every((check) => check.ok);
  }

  private note(atMicros: number, text: Message): void {
    this.commands.push({ type: 'note', seq: this.seqs.next(), atMicros, text });
  }

  private begin(): void {
    this.commands = [];
  }

  private end(): CaseCommand[] {
    const commands = this.commands;
    this.commands = [];
    return commands;
  }
}

type ChoppedWrite = Extract<CaseCommand, { type: 'write' }>;

/** The writes of one send as a single write (chopped as the plan says), where the first one was. */
function joinWrites(commands: readonly ConnectionCommand[], plan: 'whole' | { readonly chopBytes: number; readonly paceMs?: number }): (ConnectionCommand | ChoppedWrite)[] {
  const writes = commands.filter((command): command is Extract<ConnectionCommand, { type: 'write' }> => command.type === 'write');
  const bytes = new Uint8Array(writes.reduce((total, write) => total + write.bytes.length, 0));
  let offset = 0;
  for (const write of writes) {
    bytes.set(write.bytes, offset);
    offset += write.bytes.length;
  }
  const joined: ChoppedWrite = plan === 'whole' ? { type: 'write', bytes } : { type: 'write', bytes, chopBytes: plan.chopBytes, ...(plan.paceMs ? { paceMs: plan.paceMs } : {}) };
  const result: (ConnectionCommand | ChoppedWrite)[] = [];
  for (const command of commands) {
    if (command.type !== 'write') result.push(command);
    else if (command === writes[0]) result.push(joined);
  }
  return result;
}

function pingPayload(outgoing: Outgoing): Uint8Array | null {
  if (outgoing.kind === 'ping') return outgoing.payload ?? new Uint8Array(0);
  if (outgoing.kind === 'frames') {
    const ping = outgoing.frames.find((frame) => frame.opcode === Opcode.ping);
    return ping ? (ping.payload ?? new Uint8Array(0)) : null;
  }
  return null;
}
