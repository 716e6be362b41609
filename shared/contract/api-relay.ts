import { z } from 'zod';
import { base64Schema, sendRequestSchema } from './api-send.js';
import { sessionIdSchema } from './api-session.js';
import { exportRedactionFieldsSchema } from './export-redaction.js';
import { exportResultSchema } from './export-result.js';
import { messageSchema } from './message-schema.js';
import { httpExchangeSchema } from './relay-http-exchange.js';
import { relayInterceptionSchema } from './relay-interception.js';
import { sessionOptionsSchema, wsUrlSchema } from './session-options.js';

/** The Relay view's side of the API: Frameline between a real client and its server. */

/** Main's id for one running relay. */
export const relayIdSchema = z.string().min(1);

/**
 * How the relay dials upstream: the connection bar's settings without the URL, without what the
 * client's own request decides (subprotocols, Origin, the permessage-deflate offer), and without
 * what the two real ends do themselves (pings and pongs, strict mode, the application protocol,
 * which the relay reads from the client's request, and its keep-alive duties).
 */
export const relayConnectionSchema = sessionOptionsSchema.omit({ url: true, subprotocols: true, origin: true, deflate: true, heartbeat: true, mode: true, protocol: true, protocolDuties: true });

/** How a relay is set up (the same choices as `frameline relay`). */
export const relayOptionsSchema = z.object({
  /** Loopback unless the user types another address. */
  host: z.string().min(1).max(255).default('127.0.0.1'),
  /** 0 picks a free port. */
  port: z.number().int().min(0).max(65535),
  /** Where clients that point at the relay go; null: only as an HTTP proxy, each request names its target. */
  upstreamUrl: wsUrlSchema.nullable().default(null),
  mode: z.enum(['frame-exact', 'message']).default('frame-exact'),
  connection: relayConnectionSchema.default(relayConnectionSchema.parse({})),
  /** PEM files to serve wss:// to clients that point at the relay itself. */
  tls: z.object({ certFile: z.string().min(1), keyFile: z.string().min(1) }).nullable().default(null),
});

/** What the Relay view keeps between runs: the relay's setup and its interception, one JSON file in the app data folder. */
export const relaySettingsSchema = z.object({
  options: relayOptionsSchema,
  interception: relayInterceptionSchema,
  /** Wall-clock time of the last save, ms since the epoch. */
  savedAt: z.number().default(0),
});

/** A running relay. */
export const relayInfoSchema = z.object({
  relayId: relayIdSchema,
  host: z.string(),
  port: z.number().int().min(0).max(65535),
  /** What a client points at (with the upstream URL's path), or the proxy address (`http://host:port`) without one. */
  url: z.string(),
  upstreamUrl: z.string().nullable(),
  mode: z.enum(['frame-exact', 'message']),
});

/**
 * A relay main knows: running, or stopped with HTTP exchanges the relay history still keeps
 * (listed and exportable until `relayHttpExchangesReleased`), so a reloaded window lists them as
 * the window that stopped it does.
 */
export const listedRelaySchema = relayInfoSchema.extend({ isStopped: z.boolean() });

/** The relay's local CA, for wss:// through the relay as a proxy (it is never installed by Frameline). */
export const relayCaInfoSchema = z.object({
  certificatePath: z.string(),
  subject: z.string(),
  fingerprint256: z.string(),
  spkiSha256: z.string(),
  validTo: z.string(),
  isNew: z.boolean(),
  problem: z.string().nullable(),
  /** `problem` as a message, for readers in another language. */
  problemText: messageSchema.optional(),
});

/** Which of a relay session's two connections. */
export const relayLegSchema = z.enum(['client', 'server']);

/** One message waiting in a relay session's paused queue. */
export const pausedMessageSchema = z.object({
  pausedId: z.number().int().min(1),
  direction: z.enum(['in', 'out']),
  opcode: z.number().int().min(0).max(15),
  breakpointId: z.string(),
  seqs: z.array(z.number().int().min(0)),
  byteLength: z.number().int().min(0),
  isCompressed: z.boolean(),
  /** False: it can be forwarded or duplicated, not edited or dropped (compressed with context takeover in frame-exact mode). */
  isChangeable: z.boolean(),
  pausedAtMicros: z.number(),
  /** The start of the message as text, or hex when it is not UTF-8. */
  preview: z.string(),
  previewEncoding: z.enum(['text', 'hex']),
});

/** How a paused message goes on. */
export const pausedResolutionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('forward') }),
  z.object({ kind: z.literal('drop') }),
  z.object({ kind: z.literal('duplicate') }),
  /** These bytes instead, same opcode. */
  z.object({ kind: z.literal('edit'), base64: base64Schema }),
]);

export const relayCommandSchemas = {
  startRelay: { args: z.tuple([relayOptionsSchema, relayInterceptionSchema]), result: relayInfoSchema },
  /** Stops accepting and drops the relay's open sessions; their captures and its HTTP exchanges stay (relay history). */
  stopRelay: { args: z.tuple([relayIdSchema]), result: z.null() },
  /** The running relays, then the stopped ones whose HTTP exchanges are still kept, oldest stop first. */
  listRelays: { args: z.tuple([]), result: z.array(listedRelaySchema) },
  /** New breakpoints, rules and shaping for a running relay and its open sessions. */
  setRelayInterception: { args: z.tuple([relayIdSchema, relayInterceptionSchema]), result: z.null() },
  /**
   * The saved settings, or the defaults; a file that fails validation is kept aside and named in
   * `problem`. A secret this process cannot open (a proxy password or credential header value
   * encrypted by the desktop app's keychain) leaves the settings without it, every one named in
   * `problem` and, for readers in another language, the first in `problemText`.
   */
  loadRelaySettings: { args: z.tuple([]), result: z.object({ settings: relaySettingsSchema, problem: z.string().nullable(), problemText: messageSchema.optional() }) },
  saveRelaySettings: { args: z.tuple([relaySettingsSchema]), result: relaySettingsSchema },
  /** The local CA, made now if there is none yet. */
  getRelayCa: { args: z.tuple([]), result: relayCaInfoSchema },
  listPaused: { args: z.tuple([sessionIdSchema]), result: z.array(pausedMessageSchema) },
  /** A paused message's whole payload (inflated, after rules), to read and edit. */
  getPausedPayload: { args: z.tuple([sessionIdSchema, z.number().int().min(1)]), result: z.object({ base64: base64Schema, opcode: z.number().int() }) },
  resolvePaused: { args: z.tuple([sessionIdSchema, z.number().int().min(1), pausedResolutionSchema]), result: z.null() },
  /** Sends on one leg now, as if the other end had: toward `client` or toward `server`. */
  injectRelay: { args: z.tuple([sessionIdSchema, relayLegSchema, sendRequestSchema]), result: z.null() },
  /** Starts the closing handshake on one leg with this code (any 16-bit code, to test a peer). */
  closeRelayLeg: {
    args: z.tuple([sessionIdSchema, relayLegSchema, z.object({ code: z.number().int().min(0).max(65535).optional(), reason: z.string().max(123).optional() })]),
    result: z.null(),
  },
  /**
   * The HTTP exchanges the relay passed through (not WebSocket), oldest first; the newest few
   * hundred are kept, and a stopped relay's until `relayHttpExchangesReleased`. A value redacted
   * from one's URL or heads is blanked in every body start too.
   */
  listHttpExchanges: { args: z.tuple([relayIdSchema]), result: z.array(httpExchangeSchema) },
  /**
   * Saves those HTTP exchanges (a running or stopped relay's) as a HAR 1.2 file (a save dialog, or
   * a download in the browser): always redacted (they were when recorded), plus these header names
   * and payload patterns; what is redacted from URLs and heads is blanked in body starts too.
   */
  exportRelayHar: { args: z.tuple([relayIdSchema, exportRedactionFieldsSchema.default({ extraHeaderNames: [], payloadPatterns: [] })]), result: exportResultSchema },
} as const;

export const relayEventSchemas = {
  /** A relay started, from this window or another: every window lists it as running. */
  relayStarted: relayInfoSchema,
  /**
   * A relay stopped (from any window, or as the app quits): no longer running. `isKept` says its
   * HTTP exchanges stay listed and exportable until `relayHttpExchangesReleased`.
   */
  relayStopped: z.object({ relayId: relayIdSchema, isKept: z.boolean() }),
  /** A client was accepted; its relay session is a read-only session the timeline shows with both legs. */
  relayAccepted: z.object({
    relayId: relayIdSchema,
    sessionId: sessionIdSchema,
    connection: z.number().int().min(1),
    peer: z.string(),
    upstreamUrl: z.string(),
  }),
  /** A relay session's paused queue changed; the whole queue, oldest first. */
  relayPausedChanged: z.object({ sessionId: sessionIdSchema, paused: z.array(pausedMessageSchema) }),
  /** The local CA was made (first wss:// through the proxy): say where it is and how to trust it. */
  relayCaCreated: relayCaInfoSchema,
  /** A passed-through HTTP exchange began (`end.kind` is `open`) or finished. */
  relayHttpExchange: z.object({ relayId: relayIdSchema, exchange: httpExchangeSchema }),
  /** A stopped relay's HTTP exchanges left the relay history (its limits, shared with relayed captures): no longer listed nor exportable. */
  relayHttpExchangesReleased: z.object({ relayId: relayIdSchema }),
} as const;

export type RelayId = z.output<typeof relayIdSchema>;
export type RelayConnectionOptions = z.output<typeof relayConnectionSchema>;
export type RelayOptions = z.output<typeof relayOptionsSchema>;
export type RelayOptionsInput = z.input<typeof relayOptionsSchema>;
export type RelaySettings = z.output<typeof relaySettingsSchema>;
export type RelayInfo = z.output<typeof relayInfoSchema>;
export type ListedRelay = z.output<typeof listedRelaySchema>;
export type RelayCaInfo = z.output<typeof relayCaInfoSchema>;
export type PausedMessageInfo = z.output<typeof pausedMessageSchema>;
export type PausedResolutionRequest = z.output<typeof pausedResolutionSchema>;
