import { z } from 'zod';
import { APP_PROTOCOL_IDS } from '../app-protocol/app-protocol-id.js';
import { PROTOCOL_CHOICES } from '../app-protocol/protocol-choice.js';
import { ENGINE_IO_PACKET_TYPES } from '../app-protocol/socket-io/engine-io-packet.js';
import { base64Schema } from './api-send.js';
import { messageSchema } from './message-schema.js';

/**
 * The application-protocol side of the API (issue 13): which protocol a session speaks, the decoded
 * protocol messages of a frame, structured input the composer sends through a protocol's encoder,
 * the keep-alive duties, and payload views (MessagePack, CBOR, Protocol Buffers). Bytes are base64;
 * in protocol trees a byte string is `{ "$bytes": "<base64>" }`.
 */

/** `auto` detects (subprotocol, URL, first messages), `none` reads raw messages only, or one protocol. */
export const protocolChoiceSchema = z.enum(PROTOCOL_CHOICES);

/** One of the five protocols. */
export const appProtocolIdSchema = z.enum(APP_PROTOCOL_IDS);

const linkRelationSchema = z.enum(['answers', 'acknowledges', 'belongs-to', 'completes', 'continues']);

const protocolViolationSchema = z.object({ rule: z.string(), reference: z.string(), message: z.string(), i18n: messageSchema.optional() });

/**
 * What a timeline row shows of the protocol messages its frame carries (a frame can carry several,
 * e.g. STOMP frames sharing one message, or part of one that a later frame completes).
 */
export const protocolRowSchema = z.object({
  protocol: appProtocolIdSchema,
  /** The first message's summary, e.g. `socket.io EVENT chat:message`; more messages add "+N". */
  summary: z.string(),
  /** An invalid message's summary as a message (its violation's sentence), rendered in the reader's language. */
  summaryText: messageSchema.optional(),
  kind: z.string(),
  /** Every message on the frame is keep-alive traffic (Engine.IO ping, STOMP heart-beat, PINGREQ). */
  isControl: z.boolean(),
  /** Protocol messages this frame carries part or all of. */
  count: z.number().int().min(0),
  /** False when a later frame completes the message (a fragment, or an MQTT packet spanning messages). */
  isComplete: z.boolean(),
  /** Links to earlier messages, by the seq of the frame that completed them (still held by main). */
  links: z.array(z.object({ relation: linkRelationSchema, toSeq: z.number().int().min(0) })),
  rttMicros: z.number().optional(),
  violationCount: z.number().int().min(0),
  /** Sent by Frameline's protocol duties, and why ("answer Engine.IO ping"), in English. */
  duty: z.string().optional(),
  /** `duty` as a message, for readers in another language. */
  dutyText: messageSchema.optional(),
});

/** One decoded protocol message with its tree, links both ways and violations. */
export const protocolMessageJsonSchema = z.object({
  protocol: appProtocolIdSchema,
  /** Numbered from 1 per session in decoding order; links refer to it. */
  index: z.number().int().min(1),
  direction: z.enum(['in', 'out']),
  atMicros: z.number(),
  /** Frames that carried it; the last one completed it. */
  seqs: z.array(z.number().int().min(0)),
  kind: z.string(),
  summary: z.string(),
  isControl: z.boolean(),
  /** The decoded structure (JSON; bytes as `{ "$bytes": base64 }`). */
  tree: z.unknown(),
  /** To earlier messages; `toSeq` is absent when main no longer holds the target. */
  links: z.array(z.object({ relation: linkRelationSchema, toIndex: z.number().int(), toSeq: z.number().int().optional() })),
  /** Later messages linking here (the ack of an emit, the messages of a subscription), newest last, at most 100. */
  linkedFrom: z.array(z.object({ relation: linkRelationSchema, fromIndex: z.number().int(), fromSeq: z.number().int() })),
  rttMicros: z.number().optional(),
  violations: z.array(protocolViolationSchema),
  /** Why Frameline's protocol duties sent it, in English; `dutyText` as a message. */
  duty: z.string().optional(),
  dutyText: messageSchema.optional(),
});

/** The protocol view of one frame: its messages, or why its WebSocket message was not decoded. */
export const frameProtocolSchema = z.object({
  protocol: appProtocolIdSchema,
  messages: z.array(protocolMessageJsonSchema),
  /** Set when the frame's WebSocket message was not decoded (not kept whole), with the reason. */
  skipped: z.string().optional(),
  /** `skipped` as a message, for readers in another language. */
  skippedText: messageSchema.optional(),
  /** True when older protocol messages were let go to keep main's memory bounded. */
  isEvicted: z.boolean(),
});

const namespace = z.string().max(1000).optional();

/** Socket.IO composer input: JSON as typed, never re-serialised; `wantsAck` picks the next free ack id. */
const socketIoInputSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('event'),
    namespace,
    event: z.string(),
    argsJson: z.string().optional(),
    ackId: z.number().int().min(0).optional(),
    wantsAck: z.boolean().optional(),
    attachments: z.array(base64Schema).max(256).optional(),
  }),
  z.object({ kind: z.literal('ack'), namespace, ackId: z.number().int().min(0), argsJson: z.string().optional(), attachments: z.array(base64Schema).max(256).optional() }),
  z.object({ kind: z.literal('connect'), namespace, authJson: z.string().optional() }),
  z.object({ kind: z.literal('disconnect'), namespace }),
  z.object({ kind: z.literal('engine'), packet: z.enum(ENGINE_IO_PACKET_TYPES), data: z.string().optional() }),
  z.object({ kind: z.literal('raw'), text: z.string() }),
]);

const headerPairs = z.array(z.tuple([z.string(), z.string()])).max(1000);

/** A STOMP frame (defaults make a correct one; each can be turned off) or a heart-beat EOL. */
const stompInputSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('frame'),
    command: z.string(),
    headers: headerPairs.optional(),
    body: z.string().optional(),
    bodyBase64: base64Schema.optional(),
    contentLength: z.union([z.literal('auto'), z.literal('omit'), z.number().int().min(0)]).optional(),
    escapeHeaders: z.boolean().optional(),
    terminate: z.boolean().optional(),
    asBinary: z.boolean().optional(),
  }),
  z.object({ kind: z.literal('heart-beat'), eol: z.enum(['\n', '\r\n']).optional() }),
]);

const mqttPropertySchema = z.object({
  id: z.number().int().min(0).max(0xffff),
  value: z.union([z.number(), z.string(), z.tuple([z.string(), z.string()]), z.object({ base64: base64Schema })]),
});

/**
 * One MQTT control packet. Fields a type does not use are ignored; a PUBLISH with QoS 1 or 2 and a
 * SUBSCRIBE or UNSUBSCRIBE without `packetId` get the session's next free one. `flags` and
 * `remainingLength` write a malformed packet on purpose.
 */
const mqttInputSchema = z.object({
  type: z.enum(['CONNECT', 'CONNACK', 'PUBLISH', 'PUBACK', 'PUBREC', 'PUBREL', 'PUBCOMP', 'SUBSCRIBE', 'SUBACK', 'UNSUBSCRIBE', 'UNSUBACK', 'PINGREQ', 'PINGRESP', 'DISCONNECT', 'AUTH']),
  clientId: z.string().optional(),
  keepAliveSeconds: z.number().int().min(0).max(0xffff).optional(),
  cleanStart: z.boolean().optional(),
  username: z.string().optional(),
  password: z.string().optional(),
  topic: z.string().optional(),
  payload: z.string().optional(),
  payloadBase64: base64Schema.optional(),
  qos: z.number().int().min(0).max(3).optional(),
  retain: z.boolean().optional(),
  dup: z.boolean().optional(),
  packetId: z.number().int().min(0).max(0xffff).optional(),
  subscriptions: z.array(z.object({ topic: z.string(), qos: z.number().int().min(0).max(3), noLocal: z.boolean().optional(), retainAsPublished: z.boolean().optional(), retainHandling: z.number().int().min(0).max(3).optional() })).max(1000).optional(),
  topics: z.array(z.string()).max(1000).optional(),
  sessionPresent: z.boolean().optional(),
  reasonCode: z.number().int().min(0).max(255).optional(),
  reasonCodes: z.array(z.number().int().min(0).max(255)).max(1000).optional(),
  properties: z.array(mqttPropertySchema).max(1000).optional(),
  protocolLevel: z.number().int().min(0).max(255).optional(),
  flags: z.number().int().min(0).max(15).optional(),
  remainingLength: z.number().int().min(0).max(268_435_455).optional(),
});

/** GraphQL over WebSocket: a subscribe (`start` in the legacy protocol) or any message; `id` defaults to the next free one. */
const graphqlWsInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('subscribe'), id: z.string().optional(), query: z.string(), variablesJson: z.string().optional(), operationName: z.string().optional() }),
  z.object({ kind: z.literal('message'), type: z.string(), id: z.string().optional(), payloadJson: z.string().optional() }),
]);

/** SignalR: an invocation (with `wantsResult`, the next free invocation id), handshake, ping, close, classic or raw text. */
const signalrInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('handshake'), protocol: z.enum(['json', 'messagepack']), version: z.number().int().min(0).optional() }),
  z.object({ kind: z.literal('invoke'), target: z.string(), argumentsJson: z.string().optional(), invocationId: z.string().optional(), wantsResult: z.boolean().optional(), isStream: z.boolean().optional() }),
  z.object({ kind: z.literal('cancel'), invocationId: z.string() }),
  z.object({ kind: z.literal('ping') }),
  z.object({ kind: z.literal('close'), error: z.string().optional() }),
  z.object({ kind: z.literal('classic-invoke'), hub: z.string(), method: z.string(), argumentsJson: z.string().optional(), invocationId: z.string() }),
  z.object({ kind: z.literal('raw'), text: z.string() }),
]);

/** Structured input for one protocol's encoder; what the composer's protocol mode and the CLI send. */
export const protocolInputSchema = z.discriminatedUnion('protocol', [
  z.object({ protocol: z.literal('socket.io'), input: socketIoInputSchema }),
  z.object({ protocol: z.literal('stomp'), input: stompInputSchema }),
  z.object({ protocol: z.literal('mqtt'), input: mqttInputSchema }),
  z.object({ protocol: z.literal('graphql-ws'), input: graphqlWsInputSchema }),
  z.object({ protocol: z.literal('signalr'), input: signalrInputSchema }),
]);

/** A session's protocol layer as the session list shows it. */
export const sessionProtocolSchema = z.object({
  choice: protocolChoiceSchema,
  state: z.enum(['detecting', 'active', 'none']),
  id: appProtocolIdSchema.nullable(),
  displayName: z.string().nullable(),
  /** Why this protocol: "subprotocol v12.stomp accepted by the server", "chosen by the user". */
  reason: z.string().nullable(),
  /** The reason as a message (`protocols:detection.*`), rendered in the reader's language; absent from older engines. */
  reasonText: messageSchema.nullable().optional(),
  confidence: z.enum(['certain', 'likely']).nullable(),
  /** False for listened connections and imported captures (decode only). */
  hasDuties: z.boolean(),
  isDutiesEnabled: z.boolean(),
  /** Negotiated facts: Engine.IO version and sid, STOMP version, MQTT level, GraphQL variant, SignalR mode. */
  facts: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  messageCount: z.number().int().min(0),
  /** The message kinds decoded so far (at most 100), for a kind filter. */
  kinds: z.array(z.string()),
});

/** Formats a payload can be viewed as besides text, JSON and hex. */
export const payloadFormatSchema = z.enum(['auto', 'msgpack', 'cbor', 'protobuf-wire', 'protobuf-schema']);

/** The session's payload view: `auto` shows the first format that parses cleanly; `protobuf-schema` needs a `.proto` text and a message type. */
export const payloadFormatChoiceSchema = z.object({
  format: payloadFormatSchema,
  protoText: z.string().max(4 * 1024 * 1024).optional(),
  messageType: z.string().max(1000).optional(),
});

/** One payload decoded in one format, or why it is not in it. */
export const payloadViewJsonSchema = z.object({
  /** `message`: the WebSocket message; `protocol-payload`: the payload inside a protocol message (MQTT PUBLISH, STOMP body, Socket.IO attachment). */
  part: z.enum(['message', 'protocol-payload']),
  /** The protocol message a `protocol-payload` comes from. */
  index: z.number().int().optional(),
  format: z.enum(['msgpack', 'cbor', 'protobuf-wire', 'protobuf-schema']).nullable(),
  ok: z.boolean(),
  value: z.unknown().optional(),
  reason: z.string().optional(),
});

export type ProtocolRow = z.output<typeof protocolRowSchema>;
export type ProtocolMessageJson = z.output<typeof protocolMessageJsonSchema>;
export type FrameProtocol = z.output<typeof frameProtocolSchema>;
export type ProtocolInput = z.output<typeof protocolInputSchema>;
export type ProtocolInputOf<P extends ProtocolInput['protocol']> = Extract<ProtocolInput, { protocol: P }>['input'];
export type SessionProtocol = z.output<typeof sessionProtocolSchema>;
export type PayloadFormatChoice = z.output<typeof payloadFormatChoiceSchema>;
export type PayloadViewJson = z.output<typeof payloadViewJsonSchema>;
