import { z } from 'zod';
import { message } from '../i18n/message.js';
import { explained } from '../i18n/schema-issue-text.js';
import { PROTOCOL_CHOICES } from '../app-protocol/protocol-choice.js';
import { DEFAULT_MAX_FRAGMENTS } from '../protocol/frame-decoder-options.js';

/**
 * How to open one session: everything a user can set in the connection bar and its settings
 * drawer, and what a profile stores. Defaults are filled by the schema, so `{ url }` is a valid
 * input and the engine always receives a complete object (DESIGN.md "Networking details").
 */

const port = z.number().int().min(1).max(65535);
const host = z.string().min(1);

/** `ws://` or `wss://` only; anything else is a user error named on the `url` field. */
export const wsUrlSchema = z.string().refine((value) => /^wss?:\/\/[^\s/?#]+/i.test(value), explained(message('errors:option.wsUrl')));

/** One header line to send, order and case preserved. */
export const headerPairSchema = z.tuple([z.string().min(1), z.string()]);

/** RFC 7692 §7.1: window bits are 8–15. */
const windowBits = z.number().int().min(8).max(15);

/** The permessage-deflate offer (RFC 7692 §7.1); parameters left out are not offered. */
export const deflateOfferSchema = z.object({
  enabled: z.boolean().default(false),
  clientMaxWindowBits: windowBits.optional(),
  serverMaxWindowBits: windowBits.optional(),
  clientNoContextTakeover: z.boolean().optional(),
  serverNoContextTakeover: z.boolean().optional(),
});

/** The proxy hop in front of the target, if any. */
export const proxySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({
    kind: z.literal('http-connect'),
    host,
    port,
    username: z.string().optional(),
    password: z.string().optional(),
  }),
  z.object({
    kind: z.literal('socks5'),
    host,
    port,
    username: z.string().optional(),
    password: z.string().optional(),
    remoteDns: z.boolean().default(true),
  }),
  /** socks4a: the proxy resolves the name; socks4: we resolve it to an IPv4 address (for servers without 4a). */
  z.object({ kind: z.enum(['socks4a', 'socks4']), host, port, userId: z.string().optional() }),
  z.object({ kind: z.literal('environment') }),
]);

const tlsVersion = z.enum(['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3']);

/** TLS for `wss://`; `insecure` skips certificate checks and is shown as a warning badge. */
export const tlsOptionsSchema = z.object({
  serverName: z.string().optional(),
  minVersion: tlsVersion.optional(),
  maxVersion: tlsVersion.optional(),
  caFile: z.string().optional(),
  certFile: z.string().optional(),
  keyFile: z.string().optional(),
  insecure: z.boolean().default(false),
});

/** Automatic pings (0 = off, the default) and automatic pongs (on by default). */
export const heartbeatOptionsSchema = z.object({
  autoPingIntervalMs: z.number().int().min(0).default(0),
  autoPong: z.boolean().default(true),
});

const mebibyte = 1024 * 1024;

/**
 * Size and time limits of one session, with their defaults. The size limits are the session's
 * memory budgets (issue 19): reaching one is a violation on the frame that crossed it (shown in
 * the timeline; strict mode fails the connection with its close code), never unbounded growth;
 * the inflate rate is a warning event instead, since reaching it only slows reading.
 */
export const sessionLimitsSchema = z.object({
  /** Payload bytes kept per frame (and per inflated message); larger frames keep this prefix. */
  payloadRetentionBytes: z.number().int().min(0).default(mebibyte),
  /** Largest frame or message (§10.4, 1009): a frame over it is recorded at its header and its payload skipped. */
  maxPayloadBytes: z.number().int().min(0).default(64 * mebibyte),
  /** Fragments of one message (1008); 0 means no limit. */
  maxFragments: z.number().int().min(0).default(DEFAULT_MAX_FRAGMENTS),
  /** Largest permessage-deflate message once inflated (1009); inflation stops at it. */
  maxInflatedBytes: z.number().int().min(0).default(64 * mebibyte),
  /**
   * Inflated bytes per second of the peer's permessage-deflate messages; 0 means no limit. Past it
   * the connection stops reading until the rate allows more (TCP pushes back; nothing is lost), and
   * the first time says so in a warning event. The default lets one message at `maxInflatedBytes`
   * through per second, about a third of a core of inflation on a small machine (docs/performance.md).
   */
  maxInflatedBytesPerSecond: z.number().int().min(0).default(64 * mebibyte),
  handshakeTimeoutMs: z.number().int().min(0).default(10_000),
  /** How long the peer may stay silent during the closing handshake before the connection is dropped. */
  closeTimeoutMs: z.number().int().min(0).default(5_000),
});

/** Every limit at its default. */
export const defaultSessionLimits: SessionLimits = sessionLimitsSchema.parse({});

/**
 * A secret of the settings file these options were loaded from that this process could not open
 * (docs/settings-files.md): its field is empty here. A connection is refused while the field stays
 * empty in the same place (`liveUnopenedSecrets`), so nothing is sent without it; typing a value
 * ends it. Where it sits: the proxy's password (that proxy), the nth header of a name (any case),
 * the URL's userinfo password (that user name), or the query pair at `index` (that name).
 */
export const unopenedSecretSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('proxy-password'), proxyKind: z.enum(['http-connect', 'socks5']), host, port, username: z.string().optional() }),
  z.object({ kind: z.literal('header'), name: z.string().min(1), occurrence: z.number().int().min(0) }),
  z.object({ kind: z.literal('url-password'), username: z.string() }),
  z.object({ kind: z.literal('query-parameter'), name: z.string(), index: z.number().int().min(0) }),
]);

/** Every option of one session, with defaults filled in. */
export const sessionOptionsSchema = z.object({
  url: wsUrlSchema,
  headers: z.array(headerPairSchema).default([]),
  subprotocols: z.array(z.string().min(1)).default([]),
  origin: z.string().optional(),
  deflate: deflateOfferSchema.default({ enabled: false }),
  httpVersion: z.enum(['1.1', '1.0']).default('1.1'),
  proxy: proxySchema.default({ kind: 'none' }),
  /** Dial this address while Host and SNI still name the URL's host. */
  connectTo: z.object({ host, port }).optional(),
  connectTimeoutMs: z.number().int().min(0).default(10_000),
  family: z.union([z.literal(4), z.literal(6)]).optional(),
  tls: tlsOptionsSchema.default({ insecure: false }),
  heartbeat: heartbeatOptionsSchema.default({ autoPingIntervalMs: 0, autoPong: true }),
  limits: sessionLimitsSchema.default(defaultSessionLimits),
  /** `observe` records violations and carries on; `strict` fails the connection as RFC 6455 says. */
  mode: z.enum(['observe', 'strict']).default('observe'),
  /** The application protocol (issue 13): detected (`auto`), none (raw messages only), or one chosen. */
  protocol: z.enum(PROTOCOL_CHOICES).default('auto'),
  /** The protocol's keep-alive duties (Engine.IO pongs, STOMP heart-beats, MQTT PINGREQ, …); switchable live like auto-pong. */
  protocolDuties: z.boolean().default(true),
  /** Secrets of the settings file these options came from that this process could not open; never written to a file. */
  unopenedSecrets: z.array(unopenedSecretSchema).max(1000).optional(),
});

/** Complete session options, as the engine receives them. */
export type SessionOptions = z.output<typeof sessionOptionsSchema>;
/** Session options as a caller may write them (defaults optional). */
export type SessionOptionsInput = z.input<typeof sessionOptionsSchema>;
/** The limits of one session, defaults filled in. */
export type SessionLimits = z.output<typeof sessionLimitsSchema>;
/** One secret of a settings file this process could not open. */
export type UnopenedSecret = z.output<typeof unopenedSecretSchema>;
/** One proxy choice. */
export type ProxyOptions = z.output<typeof proxySchema>;

/** The options for `url` with every default filled in. */
export function defaultSessionOptions(url: string): SessionOptions {
  return sessionOptionsSchema.parse({ url });
}
