import { forwardableFrame } from '../connection/forwardable-frame.js';
import { MessageAssembler, type AssemblyLimits } from '../connection/message-assembler.js';
import type { CraftedFrame, Outgoing } from '../connection/outgoing.js';
import type { RelayInterception } from '../contract/relay-interception.js';
import type { RelayLeg } from '../contract/records.js';
import { message, type Message } from '../i18n/message.js';
import type { Direction, FrameRecord } from '../protocol/frame-record.js';
import { Opcode, isControlOpcode } from '../protocol/opcode.js';
import type { DeflateAgreement } from '../protocol/permessage-deflate.js';
import { applyRules } from './apply-rules.js';
import { compileInterception, holdsMessages, type CompiledInterception } from './compiled-interception.js';
import { matchesSubject } from './message-match.js';
import { messageText } from './message-text.js';
import type { PausedMessage, PausedResolution, RelayCommand } from './relay-command.js';
import { RelayActionError } from './relay-action-error.js';
import { dataFrames, interleavedControls, isCompressedUnit, startUnit, unitPayload, wireBytes, type ReadFrame, type RelayUnit } from './relay-unit.js';
import type { TextCodec } from './text-codec.js';

/** `frame-exact` forwards every frame with its bits; `message` reassembles and re-frames (and re-compresses). */
export type RelayMode = 'frame-exact' | 'message';

/** Names application-protocol events in a message; the application-protocol decoders plug in here. */
export type MessageClassifier = (direction: Direction, opcode: number, payload: Uint8Array) => readonly string[];

/** How a relay core is set up. */
export interface RelayCoreOptions {
  readonly mode: RelayMode;
  readonly interception: RelayInterception;
  /** permessage-deflate as agreed by both ends (the relay passes the same agreement to both), or null. */
  readonly deflate: DeflateAgreement | null;
  readonly codec: TextCodec;
  /** Bounds one message held for reassembly (the legs' own limits). */
  readonly limits: AssemblyLimits;
  readonly classify?: MessageClassifier;
}

interface DirectionState {
  readonly queue: RelayUnit[];
  collecting: RelayUnit | null;
  readonly assembler: MessageAssembler;
  heldBytes: number;
  /** Throttling: the earliest time the next unit may go. */
  nextSendAtMicros: number;
}

const noEvents: readonly string[] = [];

/**
 * The relay between the two legs, with no I/O (sans-io, like the connection core): frames read on
 * one leg in, `send` commands for the other leg out, in order. Each direction is a queue of units
 * (a message with the control frames between its fragments, or one control frame); a unit leaves
 * only after every unit before it, so nothing is reordered. With nothing to apply, frame-exact
 * mode streams frames as they arrive; otherwise a message is held whole, run through the rules,
 * matched against the breakpoints, paused for a person or delayed and throttled, then forwarded.
 */
export class RelayCore {
  private interception: CompiledInterception;
  private readonly states: Record<Direction, DirectionState>;
  private readonly paused = new Map<number, RelayUnit>();
  private nextUnitId = 1;
  private nextPausedId = 1;
  private commands: RelayCommand[] = [];
  private isPausedChanged = false;

  constructor(private readonly options: RelayCoreOptions) {
    this.interception = compileInterception(options.interception);
    const state = (direction: Direction): DirectionState => ({
      queue: [],
      collecting: null,
      assembler: new MessageAssembler(direction, 'received', options.limits),
      heldBytes: 0,
      nextSendAtMicros: 0,
    });
    this.states = { out: state('out'), in: state('in') };
  }

  /**
   * A frame read on the leg its direction comes from (`out` from the client leg, `in` from the server
   * leg). `seq` is -1 when the capture did not keep the frame (past its record budget): it is carried
   * all the same, and left out of the seqs of notes, links and paused messages.
   */
  frameRead(direction: Direction, seq: number, frame: FrameRecord, atMicros: number): RelayCommand[] {
    this.begin();
    const state = this.states[direction];
    const read = { seq, frame };
    if (isControlOpcode(frame.opcode)) this.controlRead(direction, state, read, atMicros);
    else this.dataRead(direction, state, read, atMicros);
    this.drain(direction, atMicros);
    return this.end();
  }

  /** The leg `direction` comes from ended: a message cut off by it goes on as far as it came. */
  sourceEnded(direction: Direction, atMicros: number): RelayCommand[] {
    this.begin();
    const state = this.states[direction];
    if (state.collecting) this.complete(state.collecting, state, atMicros);
    this.drain(direction, atMicros);
    return this.end();
  }

  /** A direction's timer (delay, throttle) went off. */
  timerFired(direction: Direction, atMicros: number): RelayCommand[] {
    this.begin();
    this.drain(direction, atMicros);
    return this.end();
  }

  /** New breakpoints, rules and shaping; they apply to messages that complete from now on. */
  setInterception(interception: RelayInterception, atMicros: number): RelayCommand[] {
    this.begin();
    this.interception = compileInterception(interception);
    this.drain('out', atMicros);
    this.drain('in', atMicros);
    return this.end();
  }

  /** A person's decision on a paused message; throws RelayActionError when it cannot be carried out. */
  resolve(pausedId: number, resolution: PausedResolution, atMicros: number): RelayCommand[] {
    const unit = this.paused.get(pausedId);
    if (!unit) throw new RelayActionError(message('relay:error.notPaused', { id: pausedId }));
    const isChange = resolution.kind === 'drop' || resolution.kind === 'edit';
    if (isChange && !this.isChangeable(unit)) throw new RelayActionError(message('relay:reason.compressedContext'));
    if (resolution.kind === 'edit' && unit.isControl && resolution.payload.length > 125) throw new RelayActionError(message('relay:error.controlTooLong'));
    this.begin();
    this.paused.delete(pausedId);
    this.isPausedChanged = true;
    unit.pausedBy = null;
    const leg = sourceLeg(unit.direction);
    const seqs = keptSeqs(unit.frames);
    switch (resolution.kind) {
      case 'forward':
        break;
      case 'drop':
        unit.end = { kind: 'drop', ruleId: '' };
        this.note(leg, seqs, message('relay:note.droppedByYou'));
        break;
      case 'duplicate':
        unit.isDuplicated = true;
        this.note(leg, seqs, message('relay:note.duplicatedByYou'));
        break;
      case 'edit':
        unit.edited = resolution.payload;
        this.note(leg, seqs, message('relay:note.editedByYou', { bytes: resolution.payload.length }));
        break;
    }
    this.drain(unit.direction, atMicros);
    return this.end();
  }

  /** The paused queue, oldest first. */
  pausedMessages(): PausedMessage[] {
    return [...this.paused.values()].map((unit) => ({
      pausedId: unit.pausedId,
      direction: unit.direction,
      opcode: unit.opcode,
      breakpointId: unit.pausedBy ?? '',
      seqs: keptSeqs(unit.frames),
      byteLength: (unit.edited ?? unitPayload(unit)).length,
      isCompressed: isCompressedUnit(unit),
      isChangeable: this.isChangeable(unit),
      pausedAtMicros: unit.pausedAtMicros,
    }));
  }

  /** A paused message's payload as it would be forwarded (inflated, after rules), for a person to read and edit. */
  pausedPayload(pausedId: number): Uint8Array {
    const unit = this.paused.get(pausedId);
    if (!unit) throw new RelayActionError(message('relay:error.notPaused', { id: pausedId }));
    return unit.edited ?? unitPayload(unit);
  }

  /** Payload bytes held in a direction's queue (a paused, delayed or incomplete message and what waits behind it). */
  heldBytes(direction: Direction): number {
    return this.states[direction].heldBytes;
  }

  /**
   * True when reading more from the direction's source would only add to what waits: the head of
   * its queue is whole and cannot go yet. An incomplete head needs its remaining frames, so reading goes on.
   */
  isWaiting(direction: Direction): boolean {
    const head = this.states[direction].queue[0];
    return head !== undefined && head.isComplete && !head.isStreamed;
  }

  private controlRead(direction: Direction, state: DirectionState, read: ReadFrame, atMicros: number): void {
    const collecting = state.collecting;
    if (collecting) return this.addFrame(collecting, state, read);
    const unit = startUnit(this.nextUnitId++, direction, read, false);
    state.queue.push(unit);
    this.addFrame(unit, state, read);
    this.complete(unit, state, atMicros);
  }

  private dataRead(direction: Direction, state: DirectionState, read: ReadFrame, atMicros: number): void {
    let unit = state.collecting;
    // A data frame of another message while one is unfinished (a violation the decoder flagged): the unfinished one goes as it is.
    if (unit && unit.messageId !== read.frame.messageId) {
      this.complete(unit, state, atMicros);
      unit = null;
    }
    if (!unit) {
      const isStreamed = this.options.mode === 'frame-exact' && state.queue.length === 0 && !holdsMessages(this.interception, direction);
      unit = startUnit(this.nextUnitId++, direction, read, isStreamed);
      state.queue.push(unit);
      state.collecting = unit;
    }
    this.addFrame(unit, state, read);
    const message = state.assembler.add(read.frame, read.seq);
    if (message) unit.message = message;
    if (read.frame.fin) this.complete(unit, state, atMicros);
  }

  private addFrame(unit: RelayUnit, state: DirectionState, read: ReadFrame): void {
    unit.frames.push(read);
    if (unit.isStreamed) return this.forwardExact(unit.direction, [read]);
    unit.heldBytes += read.frame.payload.length;
    state.heldBytes += read.frame.payload.length;
  }

  private complete(unit: RelayUnit, state: DirectionState, atMicros: number): void {
    unit.isComplete = true;
    if (state.collecting === unit) state.collecting = null;
    if (!unit.isStreamed) return this.decide(unit, atMicros);
    // A protocol decoder keeps state across messages (a session id, a frame cut over messages), so it sees the streamed ones too.
    if (!unit.isControl && unit.message && this.options.classify) this.options.classify(unit.direction, unit.opcode, unit.message.payload);
  }

  /** Rules, then breakpoints, on a whole unit. */
  private decide(unit: RelayUnit, atMicros: number): void {
    const { codec } = this.options;
    const leg = sourceLeg(unit.direction);
    const seqs = keptSeqs(unit.frames);
    const payload = unitPayload(unit);
    const events = this.options.classify && !unit.isControl ? this.options.classify(unit.direction, unit.opcode, payload) : noEvents;
    const outcome = applyRules(this.interception.rules, { direction: unit.direction, opcode: unit.opcode, payload, isChangeable: this.isChangeable(unit), events }, codec);
    for (const skipped of outcome.skipped) this.note(leg, seqs, message('relay:note.ruleSkipped', { rule: skipped.ruleId, reason: skipped.reason }));
    if (outcome.payload !== null) {
      unit.edited = outcome.payload;
      this.note(leg, seqs, message('relay:note.ruleRewrote', { rules: outcome.applied.join(', '), bytes: outcome.payload.length }));
    }
    const shaping = this.interception.shaping[unit.direction];
    unit.releaseAtMicros = atMicros + (outcome.delayMs + shaping.delayMs) * 1000;
    if (outcome.delayMs > 0) this.note(leg, seqs, message('relay:note.ruleDelayed', { ms: outcome.delayMs }));
    if (outcome.end) {
      unit.end = outcome.end;
      this.note(leg, seqs, outcome.end.kind === 'drop' ? message('relay:note.ruleDropped', { rule: outcome.end.ruleId }) : message('relay:note.ruleReplied', { rule: outcome.end.ruleId, bytes: outcome.end.payload.length }));
      return;
    }
    const current = unit.edited ?? payload;
    const subject = { direction: unit.direction, opcode: unit.opcode, text: () => messageText(current, codec), events: () => events };
    const breakpoint = this.interception.breakpoints.find((each) => matchesSubject(each.match, subject));
    if (breakpoint) {
      unit.pausedBy = breakpoint.id;
      unit.pausedId = this.nextPausedId++;
      unit.pausedAtMicros = atMicros;
      this.paused.set(unit.pausedId, unit);
      this.isPausedChanged = true;
    }
  }

  /** Releases whole units from the head of the queue, in order, as far as pauses, delays and throttling allow. */
  private drain(direction: Direction, atMicros: number): void {
    const state = this.states[direction];
    const shaping = this.interception.shaping[direction];
    while (state.queue.length > 0) {
      const head = state.queue[0]!;
      if (!head.isComplete || head.pausedBy !== null) return;
      if (head.isStreamed) {
        state.queue.shift();
        continue;
      }
      const readyAtMicros = Math.max(head.releaseAtMicros, shaping.bytesPerSecond > 0 ? state.nextSendAtMicros : 0);
      if (readyAtMicros > atMicros) {
        this.commands.push({ type: 'arm-timer', direction, delayMs: Math.ceil((readyAtMicros - atMicros) / 1000) });
        return;
      }
      state.queue.shift();
      state.heldBytes -= head.heldBytes;
      if (shaping.bytesPerSecond > 0) state.nextSendAtMicros = Math.max(atMicros, state.nextSendAtMicros) + (wireBytes(head) * 1_000_000) / shaping.bytesPerSecond;
      this.release(head);
    }
  }

  private release(unit: RelayUnit): void {
    const direction = unit.direction;
    if (unit.end !== null || unit.edited !== null) {
      // The control frames between a withheld or changed message's fragments still go, in their order.
      this.forwardControls(direction, interleavedControls(unit));
      if (unit.end?.kind === 'reply') this.send(sourceLeg(direction), relayMessage(this.options.mode, unit.end.opcode, unit.end.payload), []);
      if (unit.edited !== null && unit.end === null) this.forwardEdited(unit, unit.edited);
    } else {
      this.forwardOriginal(unit);
    }
    if (unit.isDuplicated && unit.end === null) this.forwardCopy(unit);
  }

  private forwardOriginal(unit: RelayUnit): void {
    if (this.options.mode === 'frame-exact' || unit.isControl || unit.message === null) return this.forwardExact(unit.direction, unit.frames);
    this.forwardControls(unit.direction, interleavedControls(unit));
    this.forwardMessage(unit, unit.message.payload, unit.message.isWhole);
  }

  private forwardEdited(unit: RelayUnit, payload: Uint8Array): void {
    if (unit.isControl) return this.send(targetLeg(unit.direction), { kind: 'frames', frames: [{ opcode: unit.opcode, payload, mask: 'role' }] }, [unit.frames[0]!.seq]);
    this.forwardMessage(unit, payload, true);
  }

  /** The second copy: the same frames again where that is safe, else the message once more, uncompressed. */
  private forwardCopy(unit: RelayUnit): void {
    const payload = unit.edited ?? unitPayload(unit);
    if (unit.edited === null && (this.options.mode === 'frame-exact' && (!isCompressedUnit(unit) || !this.hasContextTakeover(unit.direction)))) {
      return this.forwardExact(unit.direction, dataFrames(unit));
    }
    if (unit.isControl) return this.forwardEdited(unit, payload);
    this.forwardMessage(unit, payload, unit.message?.isWhole ?? true);
  }

  /** A whole message as one frame (see relayMessage). */
  private forwardMessage(unit: RelayUnit, payload: Uint8Array, isWhole: boolean): void {
    const first = dataFrames(unit)[0]!;
    if (!isWhole) return this.unforwardable(unit.direction, first.seq);
    this.send(targetLeg(unit.direction), relayMessage(this.options.mode, unit.opcode, payload), [first.seq]);
  }

  private forwardControls(direction: Direction, controls: readonly ReadFrame[]): void {
    if (controls.length > 0) this.forwardExact(direction, controls);
  }

  /** Each frame with its FIN, RSV bits, opcode, length form and payload, masked again by the writing leg's role (§5.1). */
  private forwardExact(direction: Direction, frames: readonly ReadFrame[]): void {
    for (const read of frames) {
      const crafted = forwardableFrame(read.frame);
      if (crafted === null) return this.unforwardable(direction, read.seq);
      const remasked: CraftedFrame = { ...crafted, mask: 'role' };
      this.send(targetLeg(direction), { kind: 'frames', frames: [remasked] }, [read.seq]);
    }
  }

  private unforwardable(direction: Direction, seq: number): void {
    const bytes = this.options.limits.maxPayloadBytes;
    const text = seq < 0 ? message('relay:note.unforwardableNotKept', { bytes }) : message('relay:note.unforwardable', { seq, bytes });
    this.commands.push({ type: 'unforwardable', direction, seq, text });
  }

  private send(leg: RelayLeg, outgoing: Outgoing, links: readonly number[]): void {
    this.commands.push({ type: 'send', leg, outgoing, links: links.every(isKept) ? links : links.filter(isKept) });
  }

  private note(leg: RelayLeg, seqs: readonly number[], text: Message): void {
    this.commands.push({ type: 'note', leg, seqs, text });
  }

  /**
   * In frame-exact mode a compressed message with context takeover is part of the compression
   * history both ends keep (RFC 7692 §7.2.2): changing or withholding it would make every later
   * message inflate wrongly at the receiver, so only forwarding it as it is stays correct.
   */
  private isChangeable(unit: RelayUnit): boolean {
    return this.options.mode === 'message' || !isCompressedUnit(unit) || !this.hasContextTakeover(unit.direction);
  }

  private hasContextTakeover(direction: Direction): boolean {
    const deflate = this.options.deflate;
    if (deflate === null) return false;
    return direction === 'out' ? !deflate.clientNoContextTakeover : !deflate.serverNoContextTakeover;
  }

  private begin(): void {
    this.commands = [];
    this.isPausedChanged = false;
  }

  private end(): RelayCommand[] {
    if (this.isPausedChanged) this.commands.push({ type: 'paused-changed' });
    const commands = this.commands;
    this.commands = [];
    return commands;
  }
}

/**
 * A message the relay writes itself (an edit, a copy, a reply, an injection) as one frame. In
 * message mode the leg compresses it when permessage-deflate was agreed (each leg has its own
 * compression context). In frame-exact mode it goes uncompressed (RSV1 clear, RFC 7692 §6 allows
 * that): the two ends share one compression history, and a message compressed by the relay would
 * not be part of it.
 */
export function relayMessage(mode: RelayMode, opcode: number, payload: Uint8Array): Outgoing {
  if (mode === 'message' && opcode === Opcode.text) return { kind: 'text', payload };
  if (mode === 'message' && opcode === Opcode.binary) return { kind: 'binary', payload };
  return { kind: 'frames', frames: [{ opcode, payload, mask: 'role' }] };
}

/** The leg a direction is read from: client→server messages arrive on the client leg. */
export function sourceLeg(direction: Direction): RelayLeg {
  return direction === 'out' ? 'client' : 'server';
}

/** The leg a direction is written to. */
export function targetLeg(direction: Direction): RelayLeg {
  return direction === 'out' ? 'server' : 'client';
}

/** A frame the capture kept has a seq; one past its record budget has -1 and is named nowhere. */
function isKept(seq: number): boolean {
  return seq >= 0;
}

function keptSeqs(reads: readonly { readonly seq: number }[]): number[] {
  return reads.map((read) => read.seq).filter(isKept);
}
