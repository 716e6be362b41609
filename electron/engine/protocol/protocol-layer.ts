import type { AppProtocolId } from '../../../shared/app-protocol/app-protocol-id.js';
import { MessageError } from '../../../shared/i18n/message-error.js';
import type { ProtocolChoice } from '../../../shared/app-protocol/protocol-choice.js';
import type { DutyCommand } from '../../../shared/app-protocol/protocol-duties.js';
import { encoderInputOf, InputIds } from '../../../shared/app-protocol/protocol-input.js';
import type { ProtocolMessage, ProtocolValue } from '../../../shared/app-protocol/protocol-message.js';
import { ProtocolTracker } from '../../../shared/app-protocol/protocol-tracker.js';
import { appProtocolById } from '../../../shared/app-protocol/registry.js';
import type { TrackerState, TrackerStep } from '../../../shared/app-protocol/protocol-tracker.js';
import type { EncodedMessage } from '../../../shared/app-protocol/wire-message.js';
import type { CompletedMessage } from '../../../shared/connection/connection-command.js';
import { NamedTimers } from '../connection/named-timers.js';
import { SendRefusedError } from '../../../shared/connection/send-refused-error.js';
import { message } from '../../../shared/i18n/message.js';
import type { FrameProtocol, ProtocolInput, ProtocolMessageJson, SessionProtocol } from '../../../shared/contract/api-protocol.js';
import type { RecordRow } from '../../../shared/contract/record-row.js';
import type { CaptureLog } from '../capture/capture-log.js';
import { contextFromCapture } from './capture-context.js';
import { captureMessages } from './capture-messages.js';
import { frameProtocolAt, protocolMessageJson, protocolRowAt, withProtocolRows } from './protocol-rows.js';
import { DEFAULT_PROTOCOL_STORE_LIMITS, ProtocolStore } from './protocol-store.js';
import type { ProtocolStoreLimits, WordedReason } from './protocol-store.js';

/** How a layer is set up. */
export interface ProtocolLayerOptions {
  readonly choice: ProtocolChoice;
  /** False for listened connections and imported captures: decode only. */
  readonly hasDuties: boolean;
  readonly isDutiesEnabled: boolean;
  readonly limits?: ProtocolStoreLimits;
}

/** What a layer sends through: the session's connection, and its clock for duty timers. */
export interface ProtocolCarrier {
  /** Sends one message exactly as encoded; throws SendRefusedError when the connection cannot. */
  send(message: EncodedMessage): void;
  nowMicros(): number;
}

/** Trees decoded again on each side of an old message someone asks for. */
const neighbourTrees = 256;

/** Live messages held while a re-decode runs; past this the re-decode runs once more instead. */
const maxHeldWhileRebuilding = 10_000;

/**
 * A session's application-protocol layer in the engine: the sans-io `ProtocolTracker` fed with the
 * connection's completed messages, its protocol messages kept in a bounded `ProtocolStore` beside
 * the capture (keyed by frame seq), duty timers as Node timers, and duty sends written through the
 * session's connection once the connection's current commands are done (a send from inside them
 * would number records out of order). It records the protocol in the capture header, so an import
 * decodes the same way, and can decode the whole capture again as another protocol.
 */
export class ProtocolLayer {
  private tracker: ProtocolTracker | null = null;
  private store: ProtocolStore;
  private readonly ids = new InputIds();
  private readonly timers = new NamedTimers<string>(true);
  private pendingSends: Array<{ readonly message: EncodedMessage; readonly reason: WordedReason }> = [];
  private isFlushScheduled = false;
  private dutyReason: WordedReason | null = null;
  private carrier: ProtocolCarrier | null = null;
  private choiceValue: ProtocolChoice;
  private isDutiesWanted: boolean;
  private held: CompletedMessage[] | null = null;
  private hasHeldOverflowed = false;
  private generation = 0;
  private recordedHeader = '';
  private recordedState: TrackerState | null = null;
  private recordedProtocol: AppProtocolId | null = null;
  private isDisposed = false;
  // While `send` writes, the protocol messages decoded from what it wrote.
  private sentMessages: ProtocolMessage[] | null = null;
  private readonly listeners = new Set<(messages: readonly ProtocolMessage[]) => void>();

  constructor(private readonly capture: CaptureLog, private readonly options: ProtocolLayerOptions) {
    this.choiceValue = options.choice;
    this.isDutiesWanted = options.hasDuties && options.isDutiesEnabled;
    this.store = new ProtocolStore(options.limits ?? DEFAULT_PROTOCOL_STORE_LIMITS);
  }

  /** The protocol in use, once known. */
  get protocolId(): AppProtocolId | null {
    return this.tracker?.protocolId ?? null;
  }

  /** Changes whenever what the layer decodes changes (detection, a new choice), so cached protocol filters are rebuilt. */
  get viewKey(): string {
    return `${this.generation}|${this.recordedHeader}`;
  }

  /** The session's connection, for duty sends and composer input. */
  attach(carrier: ProtocolCarrier): void {
    this.carrier = carrier;
  }

  /** Calls `listener` with the protocol messages of each completed WebSocket message, as decoded (the CLI prints them). */
  onDidDecode(listener: (messages: readonly ProtocolMessage[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Picks the protocol from what the handshake says, if it has not been picked; the first message does this too. */
  prepare(): void {
    if (this.tracker !== null) return;
    this.tracker = this.newTracker(this.choiceValue);
    this.recordHeader();
  }

  /**
   * False while a message would change nothing: detection gave up (or the choice is none) and no
   * decode of the whole capture is running. The session then skips messages of one frame
   * (SessionHooks.isMessageWanted): no payload copy and no message object per frame of a flood.
   */
  get isReceivingMessages(): boolean {
    return this.held !== null || this.tracker?.state !== 'none';
  }

  /** A completed data message of the connection (both directions, our own included). */
  receive(completed: CompletedMessage): void {
    if (this.held !== null) {
      if (this.held.length < maxHeldWhileRebuilding) this.held.push(completed);
      else this.hasHeldOverflowed = true;
      return;
    }
    this.prepare();
    this.apply((this.tracker as ProtocolTracker).receive(completed));
  }

  /**
   * Encodes structured input and sends it: returns how many WebSocket messages were written and the
   * protocol messages decoded from them. Throws with the reason when it cannot.
   */
  send(request: ProtocolInput): { readonly wireMessages: number; readonly messages: readonly ProtocolMessage[] } {
    this.prepare();
    const carrier = this.carrier;
    if (carrier === null) throw new SendRefusedError(message('connection:refused.readOnlyProtocol'));
    const converted = encoderInputOf(request, this.ids);
    if (!converted.ok) throw new MessageError(message('errors:session.cannotEncode', { protocol: request.protocol, reason: converted.reason }));
    const encoded = (this.tracker as ProtocolTracker).encode(request.protocol, converted.input);
    if (!Array.isArray(encoded)) throw new MessageError(message('errors:session.cannotEncode', { protocol: request.protocol, reason: encoded.reason }));
    const decoded: ProtocolMessage[] = [];
    this.sentMessages = decoded;
    try {
      for (const message of encoded) carrier.send(message);
    } finally {
      this.sentMessages = null;
    }
    return { wireMessages: encoded.length, messages: decoded };
  }

  /** Switches the duties on or off (a decode-only layer refuses). */
  setDutiesEnabled(isEnabled: boolean): void {
    if (!this.options.hasDuties) throw new MessageError(message('errors:readOnly.decodeOnly'));
    this.isDutiesWanted = isEnabled;
    this.prepare();
    this.runCommands((this.tracker as ProtocolTracker).setDutiesEnabled(isEnabled));
  }

  /**
   * Reads the session as `choice` from now on: the capture's messages so far are decoded again
   * (duty sends among them are history and are not repeated), then live messages continue.
   */
  async setChoice(choice: ProtocolChoice): Promise<void> {
    const generation = ++this.generation;
    this.choiceValue = choice;
    this.timers.cancelAll();
    this.pendingSends = [];
    this.held = [];
    this.hasHeldOverflowed = false;
    const tracker = this.newTracker(choice);
    this.tracker = tracker;
    this.store = new ProtocolStore(this.options.limits ?? DEFAULT_PROTOCOL_STORE_LIMITS);
    this.recordHeader();
    for await (const slice of captureMessages(this.capture)) {
      if (generation !== this.generation) return;
      for (const completed of slice) this.apply(tracker.receive(completed, true));
    }
    if (generation !== this.generation) return;
    const held = this.held ?? [];
    this.held = null;
    if (this.hasHeldOverflowed) return this.setChoice(choice);
    for (const completed of held) this.receive(completed);
  }

  /** The rows with each frame's protocol summary added. */
  decorate(rows: RecordRow[]): RecordRow[] {
    const protocol = this.protocolId;
    return protocol === null ? rows : withProtocolRows(rows, this.store, protocol);
  }

  /** True when a frame completes a protocol message of a kind and category `test` accepts (the timeline's protocol filters). */
  completesMessage(seq: number, test: (kind: string, isControl: boolean) => boolean): boolean {
    return this.store.completesMessage(seq, test);
  }

  /** The protocol view of one frame, with every tree (older ones decoded again from the capture). */
  async frameProtocol(seq: number): Promise<FrameProtocol | null> {
    const protocol = this.protocolId;
    if (protocol === null) return null;
    await this.restoreTrees(this.store.indexesAt(seq));
    return frameProtocolAt(this.store, protocol, seq);
  }

  /** The protocol view of one frame as held now: trees of the newest messages only (the CLI prints each frame as it is decoded). */
  frameProtocolNow(seq: number): FrameProtocol | null {
    const protocol = this.protocolId;
    return protocol === null ? null : frameProtocolAt(this.store, protocol, seq);
  }

  /** One message as the contract carries it (tree as JSON, links resolved to frame seqs). */
  messageJson(message: ProtocolMessage): ProtocolMessageJson {
    return protocolMessageJson(this.store, message);
  }

  /** The messages a frame carries, with their trees (for payload views, relay breakpoints, scenario expectations). */
  async messagesAt(seq: number): Promise<ProtocolMessage[]> {
    await this.restoreTrees(this.store.indexesAt(seq));
    return this.store.messagesAt(seq).map((message) => ({ ...message, tree: message.tree ?? null }));
  }

  /** The summary row of one frame, if it carries protocol messages. */
  rowAt(seq: number) {
    const protocol = this.protocolId;
    return protocol === null ? undefined : protocolRowAt(this.store, protocol, seq);
  }

  /**
   * Decodes the capture again up to the messages whose trees left the window, and puts back theirs
   * and their neighbours' (a user reading an old frame reads the ones around it next). Decode-only:
   * the same decoder over the same messages numbers them the same way.
   */
  private async restoreTrees(indexes: readonly number[]): Promise<void> {
    const missing = indexes.filter((index) => this.store.message(index)?.tree === undefined);
    const protocol = this.protocolId;
    if (missing.length === 0 || protocol === null) return;
    const low = Math.min(...missing) - neighbourTrees;
    const high = Math.max(...missing) + neighbourTrees;
    const tracker = new ProtocolTracker({ choice: protocol, context: contextFromCapture(this.capture.header), hasDuties: false, isDutiesEnabled: false });
    const found = new Map<number, ProtocolValue>();
    for await (const slice of captureMessages(this.capture)) {
      for (const completed of slice) {
        for (const message of tracker.receive(completed, true).messages) if (message.index >= low && message.index <= high) found.set(message.index, message.tree);
      }
      if (found.has(high)) break;
    }
    this.store.restoreTrees(found, missing);
  }

  /** What the session list shows. */
  summary(): SessionProtocol {
    const tracker = this.tracker;
    const detection = tracker?.detection ?? null;
    const protocol = tracker?.protocolId ?? null;
    return {
      choice: this.choiceValue,
      state: tracker?.state ?? (this.choiceValue === 'none' ? 'none' : 'detecting'),
      id: protocol,
      displayName: protocol === null ? null : appProtocolById(protocol).displayName,
      reason: detection?.reason ?? null,
      reasonText: detection?.reasonText ?? null,
      confidence: detection?.confidence ?? null,
      hasDuties: this.options.hasDuties,
      isDutiesEnabled: this.isDutiesWanted,
      facts: { ...(tracker?.facts() ?? {}) },
      messageCount: this.store.totalCount,
      kinds: this.store.kindsDecoded,
    };
  }

  /** Stops the duties' timers and sends; decoding may go on (a closed session's capture is complete). */
  dispose(): void {
    this.isDisposed = true;
    this.timers.cancelAll();
    this.pendingSends = [];
    this.carrier = null;
  }

  private newTracker(choice: ProtocolChoice): ProtocolTracker {
    return new ProtocolTracker({ choice, context: contextFromCapture(this.capture.header), hasDuties: this.options.hasDuties, isDutiesEnabled: this.isDutiesWanted });
  }

  private apply(step: TrackerStep): void {
    const messages = step.messages;
    if (messages.length > 0) {
      const duty = this.dutyReason;
      for (let i = 0; i < messages.length; i++) {
        const message = messages[i] as ProtocolMessage;
        this.store.add(message, duty !== null && message.direction === 'out' ? duty : undefined);
      }
      const sent = this.sentMessages;
      if (sent !== null) for (const message of messages) if (message.direction === 'out') sent.push(message);
      for (const listener of this.listeners) listener(messages);
    }
    for (const skipped of step.skipped) this.store.addSkipped(skipped);
    // The capture let go of frames nothing reads again (the CLI printed them, with no capture file
    // to write): the messages they completed go too, or a days-long run would keep them all.
    const released = this.capture.releasedBefore;
    if (released > 0) this.store.releaseCompletedBefore(released);
    if (step.commands.length > 0) this.runCommands(step.commands);
    // Only detection changes what the header says; comparing two fields per message costs nothing.
    const tracker = this.tracker;
    if (tracker !== null && (tracker.state !== this.recordedState || tracker.protocolId !== this.recordedProtocol)) this.recordHeader();
  }

  private runCommands(commands: readonly DutyCommand[]): void {
    for (const command of commands) {
      if (command.kind === 'send') {
        this.pendingSends.push({ message: command.message, reason: { reason: command.reason, reasonText: command.reasonText } });
        this.scheduleFlush();
      } else if (command.kind === 'arm-timer') this.arm(command.timer, command.delayMs);
      else this.timers.cancel(command.timer);
    }
  }

  // Runs after the connection's current commands: a send from inside them would number records out of order.
  private scheduleFlush(): void {
    if (this.isFlushScheduled) return;
    this.isFlushScheduled = true;
    queueMicrotask(() => {
      this.isFlushScheduled = false;
      const sends = this.pendingSends;
      this.pendingSends = [];
      for (const { message, reason } of sends) {
        const carrier = this.carrier;
        if (carrier === null || this.isDisposed) return;
        this.dutyReason = reason;
        try {
          carrier.send(message);
        } catch (error) {
          if (!(error instanceof SendRefusedError)) throw error;
          return;
        } finally {
          this.dutyReason = null;
        }
      }
    });
  }

  private arm(timer: string, delayMs: number): void {
    if (this.isDisposed) return;
    const generation = this.generation;
    this.timers.arm(timer, delayMs, () => {
      if (generation !== this.generation || this.tracker === null || this.carrier === null) return;
      this.runCommands(this.tracker.onTimer(timer, this.carrier.nowMicros()));
    });
  }

  private headerKey(): string {
    return `${this.choiceValue}|${this.tracker?.protocolId ?? ''}|${this.tracker?.state ?? ''}`;
  }

  /** The capture header says which protocol the session is read as, so an import decodes it the same way. */
  private recordHeader(): void {
    this.recordedHeader = this.headerKey();
    this.recordedState = this.tracker?.state ?? null;
    this.recordedProtocol = this.tracker?.protocolId ?? null;
    if (this.capture.isSealed) return;
    const tracker = this.tracker;
    this.capture.updateHeader({ appProtocol: { choice: this.choiceValue, id: tracker?.protocolId ?? null, reason: tracker?.detection?.reason ?? null } });
  }
}
