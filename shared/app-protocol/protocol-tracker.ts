import type { CompletedMessage } from '../connection/connection-command.js';
import { englishText } from '../i18n/english-text.js';
import { message, type Message } from '../i18n/message.js';
import { Opcode } from '../protocol/opcode.js';
import { detected } from './detection.js';
import type { AppProtocol, Detection, EncodeResult, ProtocolDecoder, ProtocolFacts, ProtocolSessionContext } from './app-protocol.js';
import type { AppProtocolId } from './app-protocol-id.js';
import type { ProtocolChoice } from './protocol-choice.js';
import { isProtocolId } from './protocol-choice.js';
import type { DutyCommand, ProtocolDuties } from './protocol-duties.js';
import type { ProtocolMessage } from './protocol-message.js';
import { appProtocolById, detectAppProtocol } from './registry.js';
import type { WireMessage } from './wire-message.js';

/** How a session's protocol layer is set up. */
export interface TrackerOptions {
  readonly choice: ProtocolChoice;
  readonly context: ProtocolSessionContext;
  /**
   * False for listened connections and imported captures: decode only. The duty machines are
   * client duties (`out` is client→server), so nothing else may run them.
   */
  readonly hasDuties: boolean;
  readonly isDutiesEnabled: boolean;
  /** The client keep-alive for protocols that leave it to the client (GraphQL ping, SignalR Ping). */
  readonly keepAliveMs?: number;
}

/** `detecting` until the first messages decide (auto), `active` with a protocol, `none` without one. */
export type TrackerState = 'detecting' | 'active' | 'none';

/** A WebSocket message the layer did not decode, and why (it was not kept whole, or is no data message). */
export interface SkippedMessage {
  readonly direction: WireMessage['direction'];
  readonly seqs: readonly number[];
  /** Why, in English (captures and `--json` keep it). */
  readonly reason: string;
  /** `reason` as a message (`protocols:skipped.*`), rendered in the reader's language. */
  readonly reasonText: Message;
}

/** What one input produced: protocol messages in decoding order, duty commands, and what was skipped. */
export interface TrackerStep {
  readonly messages: readonly ProtocolMessage[];
  readonly commands: readonly DutyCommand[];
  readonly skipped: readonly SkippedMessage[];
}

/** Messages an auto session waits for before it gives up detecting (a protocol shows itself in its first exchange). */
export const DETECTION_MESSAGE_LIMIT = 4;

const noMessages: readonly ProtocolMessage[] = Object.freeze([]);
const noCommands: readonly DutyCommand[] = Object.freeze([]);
const noSkipped: readonly SkippedMessage[] = Object.freeze([]);
const emptyStep: TrackerStep = Object.freeze({ messages: noMessages, commands: noCommands, skipped: noSkipped });

/**
 * One session's application-protocol layer, sans-io: completed WebSocket messages in (both
 * directions, our own sends included), protocol messages and duty commands out. It picks the
 * protocol (the user's choice, or detection from the URL and subprotocols, else from the first
 * messages, which are then decoded once the protocol is known), feeds only whole messages to the
 * decoder, and routes every decoded message through the duty machine. The owner runs the timers
 * and sends what the duties ask for; relays and re-decodes of imported captures use it the same way.
 */
export class ProtocolTracker {
  private stateValue: TrackerState;
  private protocolValue: AppProtocol | null = null;
  private detectionValue: Detection | null = null;
  private decoder: ProtocolDecoder | null = null;
  private duties: ProtocolDuties | null = null;
  private wantsDuties: boolean;
  private readonly early: WireMessage[] = [];
  private seenForDetection = 0;

  constructor(private readonly options: TrackerOptions) {
    this.wantsDuties = options.hasDuties && options.isDutiesEnabled;
    const choice = options.choice;
    if (choice === 'none') {
      this.stateValue = 'none';
      return;
    }
    if (isProtocolId(choice)) {
      this.stateValue = 'active';
      this.activate(appProtocolById(choice), detected(choice, 'certain', message('protocols:detection.chosen')));
      return;
    }
    const detection = detectAppProtocol(options.context);
    this.stateValue = detection === null ? 'detecting' : 'active';
    if (detection !== null) this.activate(appProtocolById(detection.protocol), detection);
  }

  get state(): TrackerState {
    return this.stateValue;
  }

  /** The protocol in use, once known. */
  get protocolId(): AppProtocolId | null {
    return this.protocolValue?.id ?? null;
  }

  /** How the protocol was picked, once known. */
  get detection(): Detection | null {
    return this.detectionValue;
  }

  get choice(): ProtocolChoice {
    return this.options.choice;
  }

  /** True when duties may run at all (a client session) and are switched on. */
  get isDutiesEnabled(): boolean {
    return this.wantsDuties;
  }

  /** True when this session can run duties (a client session, not listen mode or an import). */
  get hasDuties(): boolean {
    return this.options.hasDuties;
  }

  /** The decoder's negotiated facts (empty before a protocol is known). */
  facts(): ProtocolFacts {
    return this.decoder?.facts() ?? {};
  }

  /**
   * Feeds one completed WebSocket message. A message that is not whole (cut by retention or a
   * size limit) is never decoded as if it were complete: it is reported as skipped, and a stream
   * protocol (MQTT, a STOMP body continued across messages) may misread what follows, which its
   * own violations then say. With `isReplay`, duty sends are dropped (the messages are history).
   */
  receive(completed: CompletedMessage, isReplay = false): TrackerStep {
    if (this.stateValue === 'none') return emptyStep;
    const wire = wireMessageOf(completed);
    if (wire === null) return this.skip(completed, message('protocols:skipped.reservedOpcode'));
    if (!completed.isWhole) return this.skip(completed, message('protocols:skipped.notWhole', { kept: completed.payload.length, length: completed.payloadLength }));
    if (this.stateValue === 'detecting') return this.detect(wire, isReplay);
    return this.decode([wire], isReplay);
  }

  /** A duty timer fired. */
  onTimer(timer: string, atMicros: number): readonly DutyCommand[] {
    return this.duties?.onTimer(timer, atMicros) ?? noCommands;
  }

  /** Switches the duties on or off; a session without duties (listen, import) ignores it. */
  setDutiesEnabled(isEnabled: boolean): readonly DutyCommand[] {
    if (!this.options.hasDuties) return noCommands;
    this.wantsDuties = isEnabled;
    return this.duties?.setEnabled(isEnabled) ?? noCommands;
  }

  /** Encodes composer input for `protocol` with this session's facts when it is the session's protocol. */
  encode(protocol: AppProtocolId, input: unknown): EncodeResult {
    const facts = this.protocolValue?.id === protocol ? this.facts() : {};
    return appProtocolById(protocol).encode(input, facts);
  }

  private detect(wire: WireMessage, isReplay: boolean): TrackerStep {
    this.early.push(wire);
    this.seenForDetection += 1;
    const detection = detectAppProtocol({ ...this.options.context, firstMessages: this.early });
    if (detection !== null) {
      this.stateValue = 'active';
      this.activate(appProtocolById(detection.protocol), detection);
      return this.decode(this.early.splice(0), isReplay);
    }
    if (this.seenForDetection >= DETECTION_MESSAGE_LIMIT) {
      this.stateValue = 'none';
      this.early.length = 0;
    }
    return emptyStep;
  }

  private activate(protocol: AppProtocol, detection: Detection): void {
    this.protocolValue = protocol;
    this.detectionValue = detection;
    this.decoder = protocol.createDecoder(this.options.context);
    if (this.options.hasDuties) {
      this.duties = protocol.createDuties(this.options.context, {
        isEnabled: this.wantsDuties,
        ...(this.options.keepAliveMs !== undefined ? { keepAliveMs: this.options.keepAliveMs } : {}),
      });
    }
  }

  private decode(wires: readonly WireMessage[], isReplay: boolean): TrackerStep {
    const decoder = this.decoder as ProtocolDecoder;
    let messages: ProtocolMessage[] | undefined;
    let commands: DutyCommand[] | undefined;
    for (const wire of wires) {
      const decoded = decoder.push(wire);
      if (messages === undefined) messages = decoded;
      else for (const message of decoded) messages.push(message);
      const duties = this.duties;
      if (duties === null) continue;
      for (const message of decoded) {
        const asked = duties.onMessage(message);
        if (asked.length === 0) continue;
        commands ??= [];
        for (const command of asked) if (!isReplay || command.kind !== 'send') commands.push(command);
      }
    }
    if (messages === undefined || (messages.length === 0 && commands === undefined)) return emptyStep;
    return { messages, commands: commands ?? noCommands, skipped: noSkipped };
  }

  private skip(completed: CompletedMessage, reasonText: Message): TrackerStep {
    if (this.stateValue === 'detecting') this.seenForDetection += 1;
    return { messages: noMessages, commands: noCommands, skipped: [{ direction: completed.direction, seqs: completed.frameSeqs, reason: englishText(reasonText), reasonText }] };
  }
}

/** A completed data message as the protocol decoders read it; null for reserved data opcodes. */
export function wireMessageOf(completed: CompletedMessage): WireMessage | null {
  if (completed.opcode !== Opcode.text && completed.opcode !== Opcode.binary) return null;
  return { direction: completed.direction, atMicros: completed.atMicros, isText: completed.opcode === Opcode.text, bytes: completed.payload, seqs: completed.frameSeqs };
}
