import type { Message } from '../i18n/message.js';
import type { Direction } from '../protocol/frame-record.js';
import type { AppProtocolId } from './app-protocol-id.js';

/**
 * The decoded structure of a protocol message: plain data (JSON plus raw bytes), so the same value
 * is shown as a tree in the window, printed by `--json` and carried over the contract.
 */
export type ProtocolValue =
  | null
  | boolean
  | number
  | string
  | Uint8Array
  | readonly ProtocolValue[]
  | { readonly [key: string]: ProtocolValue };

/** A record of named values, the usual root of a message tree. */
export type ProtocolRecord = { readonly [key: string]: ProtocolValue };

/**
 * How a message relates to an earlier one. Links point backwards (from the later message to the
 * one it refers to); a view derives the reverse direction.
 */
export type LinkRelation =
  /** A reply to a request: pong → ping, CONNACK → CONNECT, RECEIPT → frame, SUBACK → SUBSCRIBE. */
  | 'answers'
  /** An acknowledgement: Socket.IO ACK → EVENT, MQTT PUBACK/PUBREC → PUBLISH, STOMP ACK → MESSAGE. */
  | 'acknowledges'
  /** One of many results of a request: STOMP/MQTT message → SUBSCRIBE, GraphQL next → subscribe, SignalR stream item → invocation. */
  | 'belongs-to'
  /** The end of a request: GraphQL complete, SignalR completion, MQTT PUBCOMP. */
  | 'completes'
  /** The next step of a multi-step flow: MQTT PUBREL → PUBREC. */
  | 'continues';

/** A link from this message to an earlier one of the same session. */
export interface ProtocolLink {
  readonly relation: LinkRelation;
  /** The `index` of the earlier message. */
  readonly toIndex: number;
}

/** A protocol rule the message breaks, as a value (STYLE.md §4); the raw view stays as it was. */
export interface ProtocolViolation {
  /** Stable id, prefixed with the protocol (`stomp-missing-nul`); never renamed. */
  readonly rule: string;
  /** Where the rule is stated, e.g. "STOMP 1.2 Frames and Headers" or "MQTT 5 §2.2.1". */
  readonly reference: string;
  /** One plain sentence a user can read in the timeline, in English. */
  readonly message: string;
  /** The same sentence as a message, shown in the reader's language (violations worded before messages existed carry none). */
  readonly i18n?: Message;
}

/** One message of an application protocol, decoded from one or more WebSocket messages. */
export interface ProtocolMessage {
  readonly protocol: AppProtocolId;
  /** Numbers messages per decoder from 1, in decoding order; links refer to it. */
  readonly index: number;
  readonly direction: Direction;
  /** The time of the WebSocket message that completed it. */
  readonly atMicros: number;
  /** Frame seqs of every WebSocket message that carried part of it. */
  readonly seqs: readonly number[];
  /** The protocol's own name for the message type: `EVENT`, `MESSAGE`, `PUBLISH`, `next`; `invalid` when it did not parse. */
  readonly kind: string;
  /** One line for the timeline's protocol column, e.g. `socket.io EVENT chat:message`. */
  readonly summary: string;
  /** Heartbeats and other keep-alive traffic, filterable like control frames. */
  readonly isControl: boolean;
  /** The decoded structure, shown as a tree. */
  readonly tree: ProtocolValue;
  readonly links: readonly ProtocolLink[];
  /** For an answer or acknowledgement: the time since the message it links to. */
  readonly rttMicros?: number;
  /** Empty when the message is well-formed. */
  readonly violations: readonly ProtocolViolation[];
}
