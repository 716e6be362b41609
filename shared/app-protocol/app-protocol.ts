import type { Message } from '../i18n/message.js';
import type { AppProtocolId } from './app-protocol-id.js';
import type { ProtocolDuties } from './protocol-duties.js';
import type { ProtocolMessage } from './protocol-message.js';
import type { EncodedMessage, WireMessage } from './wire-message.js';

/** What is known about a session when a protocol is chosen or detected. */
export interface ProtocolSessionContext {
  /** The target URL as dialled (`ws://host/socket.io/?EIO=4&transport=websocket`). */
  readonly url: string;
  /** `Sec-WebSocket-Protocol` values the client offered. */
  readonly offeredSubprotocols: readonly string[];
  /** The subprotocol the server accepted, if any. */
  readonly acceptedSubprotocol?: string;
}

/** What detection looks at: the session context and, optionally, its first messages. */
export interface DetectionHints extends ProtocolSessionContext {
  readonly firstMessages?: readonly WireMessage[];
}

/** How sure a detection is: a subprotocol or URL shape is `certain`; message shapes are `likely`. */
export type DetectionConfidence = 'certain' | 'likely';

/** A protocol that fits a session, and why. */
export interface Detection {
  readonly protocol: AppProtocolId;
  readonly confidence: DetectionConfidence;
  /** The reason in English ("subprotocol v12.stomp accepted by the server"), as captures and `--json` keep it. */
  readonly reason: string;
  /** The reason as a message (`protocols:detection.*`), rendered in the reader's language. */
  readonly reasonText: Message;
}

/**
 * Turns a session's WebSocket messages into protocol messages. Stateful per session (reassembly,
 * negotiated versions, ids to link); never throws: what does not parse becomes a message of kind
 * `invalid` with a violation, so nothing is dropped.
 */
export interface ProtocolDecoder {
  /** Feeds one WebSocket message; returns the protocol messages it completed (none while a packet is still incomplete). */
  push(message: WireMessage): ProtocolMessage[];
  /** Facts learned so far (versions, negotiated intervals), for encoders and the session header. */
  facts(): ProtocolFacts;
}

/** Negotiated facts of a session, as plain values (`{ eio: 4, sid: "…" }`). */
export type ProtocolFacts = { readonly [key: string]: string | number | boolean };

/**
 * One application protocol: detection, decoding, encoding for the composer and its session duties.
 * `Input` is the composer's structured input; the encoder writes exactly those bytes, and inputs
 * can describe malformed messages on purpose.
 */
export interface AppProtocol<Input = unknown> {
  readonly id: AppProtocolId;
  /** Name for people: "Socket.IO", "STOMP". */
  readonly displayName: string;
  /** `null` when nothing points to this protocol. */
  detect(hints: DetectionHints): Detection | null;
  createDecoder(context: ProtocolSessionContext): ProtocolDecoder;
  /** `facts` are the decoder's current facts (versions decide details of the encoding). */
  encode(input: Input, facts: ProtocolFacts): EncodeResult;
  createDuties(context: ProtocolSessionContext, options?: DutyOptions): ProtocolDuties;
}

/**
 * The messages to send, in order (a Socket.IO binary event is several), or why the input cannot
 * be encoded at all (MessagePack needs arguments that parse; malformed JSON is fine elsewhere).
 */
export type EncodeResult = EncodedMessage[] | { readonly reason: string };

/** Options of a duty machine, e.g. a client ping interval where the protocol leaves it to the client. */
export interface DutyOptions {
  /** Start switched on (default true). */
  readonly isEnabled?: boolean;
  /** For protocols whose client chooses its own keep-alive (GraphQL pings, SignalR pings): the interval. */
  readonly keepAliveMs?: number;
}
