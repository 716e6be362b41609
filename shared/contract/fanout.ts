import { z } from 'zod';
import { message } from '../i18n/message.js';
import { explained } from '../i18n/schema-issue-text.js';
import { messageSchema } from './message-schema.js';

/**
 * The fan-out probe's vocabulary (issue 18): what to run (the same choices as `frameline fanout`),
 * progress while it runs, and the report the CLI prints as text, `--json` and HTML, and the
 * Fan-out view shows. Figures are grouped by the backend each client reached.
 */

/** Hard caps, whatever a caller asks: a probe must never become a load test of someone else's server. */
export const fanoutCaps = {
  clients: 2000,
  messagesPerSender: 100_000,
  /** Every sender's messages arriving at every client. */
  deliveries: 20_000_000,
  durationMs: 600_000,
  ratePerSecond: 10_000,
} as const;

/** What `--protocol` accepts: raw text messages, or an application protocol's messages. */
export const FANOUT_PROTOCOLS = ['raw', 'socket.io', 'mqtt', 'stomp', 'graphql-ws', 'signalr'] as const;

/** The message our senders send when the user gives no template: every field a receiver reads back. */
export const defaultFanoutTemplate = '{"fanout":"{{run}}","client":{{client}},"seq":{{seq}},"sentAt":{{sentAt}}}';

/** How long a legacy GraphQL client waits for the server once it has sent a `ka`, unless told: 30 s, as Apollo's own client waits by default. */
export const defaultKeepAliveTimeoutMs = 30_000;

/** Main's id for one fan-out run. */
export const fanoutIdSchema = z.string().min(1);

/** How a fan-out run is set up; the connection settings come separately, as for a session. */
export const fanoutOptionsSchema = z
  .object({
    clients: z.number().int().min(1).max(fanoutCaps.clients).default(10),
    /** Clients 1..senders send; 0 listens to the server's own broadcast (then `match` finds the numbers). */
    senders: z.number().int().min(0).default(1),
    messages: z.number().int().min(0).max(fanoutCaps.messagesPerSender).default(20),
    /** Messages per second, per sender. */
    ratePerSecond: z.number().positive().max(fanoutCaps.ratePerSecond).default(10),
    template: z.string().min(1).max(64 * 1024).default(defaultFanoutTemplate),
    /**
     * The application protocol every client speaks (issue 13): `raw` sends the template as a text
     * message; `socket.io`, `mqtt` and `stomp` give each client the protocol's opening message and
     * duties, send the template as an event / PUBLISH / SEND to `channel`, and read numbers from
     * the payload of what arrives (MQTT and STOMP clients subscribe to `channel` first);
     * `graphql-ws` clients (graphql-transport-ws, or the legacy graphql-ws subprotocol when the
     * server accepts it) each subscribe with `document` and count every result the server sends
     * them; with `mutation`, senders run it for each numbered message, else there are no senders.
     * `signalr` clients open with the JSON hub protocol's handshake, senders invoke the hub method
     * `channel` with the template as its one argument, and receivers count every invocation the hub
     * sends them (the method name is the hub's choice, `ReceiveMessage` or another).
     */
    protocol: z.enum(FANOUT_PROTOCOLS).default('raw'),
    /** The Socket.IO event name, MQTT topic, STOMP destination or SignalR hub method of the numbered messages. */
    channel: z.string().min(1).max(1000).default('fanout'),
    /** The GraphQL subscription every graphql-ws client subscribes with (`{{name}}` filled per client, as in the template). */
    document: z.string().max(64 * 1024).nullable().default(null),
    /** The GraphQL mutation graphql-ws senders run for each numbered message, the template filled in as its `$message` variable. */
    mutation: z.string().max(64 * 1024).nullable().default(null),
    /** Sent by every client once open (and again after a reconnect), before the senders start. */
    subscribe: z.string().max(64 * 1024).nullable().default(null),
    /** A regular expression with a named group `seq` (and optionally `client`, `sentAt`) for the server's own broadcast. */
    match: z.string().max(1000).nullable().default(null),
    /** Where the backend shows: `header:NAME`, `cookie:NAME`, `field:PATH`, `regex:SOURCE`, `message-regex:SOURCE`; empty tries common headers. */
    backendRules: z.array(z.string().min(1).max(1000)).max(20).default([]),
    /** Per-client values for `{{name}}` in the URL, headers, subscribe message and template; client i takes value i (cycling). */
    variables: z.record(z.string().regex(/^[A-Za-z_][\w-]*$/), z.array(z.string()).min(1).max(fanoutCaps.clients)).default({}),
    /** Wait after subscribing before the senders start, so the server has registered every subscription. */
    settleMs: z.number().int().min(0).max(60_000).default(500),
    /** Wait after the last send for stragglers (ends early once every receiver has every message). */
    drainMs: z.number().int().min(0).max(120_000).default(2_000),
    /** With no senders: how long to listen to the server's broadcast. */
    listenMs: z.number().int().min(100).max(fanoutCaps.durationMs).default(10_000),
    /**
     * Legacy GraphQL (`graphql-ws` subprotocol) clients: once the server has sent a `ka`, a client
     * that hears nothing from it for this long reports the keep-alive lost and closes.
     */
    keepAliveTimeoutMs: z.number().int().min(100).max(fanoutCaps.durationMs).default(defaultKeepAliveTimeoutMs),
    /** Handshakes in flight at once. */
    connectConcurrency: z.number().int().min(1).max(500).default(50),
    /** Reconnect storm: drop this fraction of the clients' connections while messages flow; null for none. */
    killFraction: z.number().min(0).max(1).nullable().default(null),
    /** When to drop them, from the first send (default: halfway through sending). */
    killAtMs: z.number().int().min(0).nullable().default(null),
    /** Reconnect every client whose connection ends before the run does (a storm the server starts), with backoff. */
    reconnect: z.boolean().default(false),
    maxDurationMs: z.number().int().min(1_000).max(fanoutCaps.durationMs).default(120_000),
    /** Payload bytes each client's capture keeps in memory before spilling to disk; null picks 64 MiB shared by all clients (16 KiB to 1 MiB each). */
    captureBudgetBytes: z.number().int().min(4096).nullable().default(null),
  })
  .refine((options) => options.senders <= options.clients, { ...explained(message('errors:option.sendersOverClients')), path: ['senders'] })
  .refine((options) => options.senders * options.messages <= fanoutCaps.messagesPerSender * 10, { ...explained(message('errors:option.tooManyMessages')), path: ['messages'] })
  .refine((options) => options.clients * options.senders * options.messages <= fanoutCaps.deliveries, { ...explained(message('errors:option.deliveriesCap', { cap: fanoutCaps.deliveries })), path: ['messages'] })
  // A GraphQL client numbers its own `next`s when no --match reads a number from them: its subscription is the stream.
  .refine((options) => options.senders > 0 || options.match !== null || options.protocol === 'graphql-ws', { ...explained(message('errors:option.matchNeeded')), path: ['match'] })
  .refine((options) => options.protocol !== 'graphql-ws' || (options.document ?? '').trim() !== '', { ...explained(message('errors:option.documentNeeded')), path: ['document'] })
  .refine((options) => options.protocol !== 'graphql-ws' || options.senders === 0 || (options.mutation ?? '').trim() !== '', { ...explained(message('errors:option.graphqlSenders')), path: ['senders'] });

/** Where the run is. */
export const fanoutPhaseSchema = z.enum(['connecting', 'subscribing', 'sending', 'listening', 'draining', 'closing']);

/** Progress, a few times a second. */
export const fanoutProgressSchema = z.object({
  phase: fanoutPhaseSchema,
  elapsedMs: z.number().min(0),
  clients: z.number().int().min(0),
  open: z.number().int().min(0),
  failed: z.number().int().min(0),
  sent: z.number().int().min(0),
  toSend: z.number().int().min(0),
  delivered: z.number().int().min(0),
  reconnecting: z.number().int().min(0),
});

/** Latency percentiles in milliseconds; null when nothing was delivered with a known send time. */
export const latencyFiguresSchema = z.object({
  count: z.number().int().min(0),
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
  p99Ms: z.number().nullable(),
  maxMs: z.number().nullable(),
  minMs: z.number().nullable(),
  meanMs: z.number().nullable(),
});

/** Delivery figures of a group of receivers (all, or one backend's). */
export const deliveryFiguresSchema = z.object({
  expected: z.number().int().min(0),
  delivered: z.number().int().min(0),
  lost: z.number().int().min(0),
  duplicated: z.number().int().min(0),
  outOfOrder: z.number().int().min(0),
  /** Received messages that carried no numbered message. */
  unmatched: z.number().int().min(0),
  /** lost / expected × 100. */
  lossPercent: z.number().min(0),
  latency: latencyFiguresSchema,
});

/** One backend's clients and what they received; `backend` null groups clients whose backend nothing named. */
export const backendFiguresSchema = deliveryFiguresSchema.extend({
  backend: z.string().nullable(),
  clients: z.number().int().min(0),
  /** Clients that opened at least once. */
  opened: z.number().int().min(0),
  /** Clients that never opened. */
  failed: z.number().int().min(0),
  /** Latency histogram on the report's common bin edges. */
  histogram: z.object({ counts: z.array(z.number().int().min(0)) }),
});

/** One moment in a client's life. */
export const clientEventSchema = z.object({
  /** Milliseconds since the run started. */
  atMs: z.number().min(0),
  kind: z.enum(['dial', 'open', 'failed', 'fallback', 'subscribed', 'backend', 'first-message', 'last-message', 'completed', 'killed', 'closed', 'reconnecting']),
  /** What else there is to say (`attempt 2`, the backend and the rule that named it, the GraphQL subprotocol it fell back to), in English. */
  detail: z.string().optional(),
  /** `detail` as a message, for readers in another language. */
  detailText: messageSchema.optional(),
});

/** One client: where it landed, what it received, its life. */
export const clientFiguresSchema = deliveryFiguresSchema.extend({
  client: z.number().int().min(1),
  backend: z.string().nullable(),
  /** The rule that named the backend (`header:X-Served-By`). */
  backendSource: z.string().nullable(),
  /** Connections it opened or tried (1 without reconnects; a GraphQL subprotocol fallback is one more). */
  attempts: z.number().int().min(0),
  /**
   * The subprotocol the server accepted on its newest attempt (its Sec-WebSocket-Protocol, RFC 6455
   * §4.2.2): for GraphQL clients, the protocol it spoke; null when none was accepted; absent from
   * reports of older engines.
   */
  subprotocol: z.string().nullable().optional(),
  isSender: z.boolean(),
  opened: z.boolean(),
  /** Why its last attempt failed or ended early, in plain English words. */
  failure: z.string().nullable(),
  /** `failure` as a catalogue message, for readers in another language. */
  failureText: messageSchema.optional(),
  /** At most 64 events; a client that flapped longer keeps its first and last ones. */
  timeline: z.array(clientEventSchema),
});

/** A reconnect storm: connections dropped (by us or by the server) and how many came back, how fast. */
export const stormFiguresSchema = z.object({
  trigger: z.enum(['killed', 'server']),
  dropped: z.number().int().min(0),
  cameBack: z.number().int().min(0),
  stillDown: z.number().int().min(0),
  /** From the first drop to the last comeback; null when none came back. */
  durationMs: z.number().nullable(),
  /** Per client, drop to open again. */
  reconnect: latencyFiguresSchema,
  /** Reconnect attempts that failed on the way. */
  failedAttempts: z.number().int().min(0),
});

/** The whole fan-out report. */
export const fanoutReportSchema = z.object({
  url: z.string(),
  runId: z.string(),
  outcome: z.enum(['finished', 'cancelled', 'time-limit']),
  /** Wall-clock start, ms since the epoch. */
  startedAt: z.number(),
  durationMs: z.number().min(0),
  settings: z.object({
    clients: z.number().int(),
    senders: z.number().int(),
    messages: z.number().int(),
    ratePerSecond: z.number(),
    mode: z.enum(['senders', 'broadcast']),
    template: z.string().nullable(),
    subscribe: z.string().nullable(),
    match: z.string().nullable(),
    backendRules: z.array(z.string()),
    killFraction: z.number().nullable(),
    reconnect: z.boolean(),
    /** What every client spoke; absent from reports of older engines (raw or a protocol, unrecorded). */
    protocol: z.enum(FANOUT_PROTOCOLS).optional(),
    /** The GraphQL document graphql-ws clients subscribed with. */
    document: z.string().nullable().optional(),
    /** The GraphQL mutation graphql-ws senders ran for each numbered message. */
    mutation: z.string().nullable().optional(),
    /**
     * The subprotocols the server accepted (its Sec-WebSocket-Protocol, RFC 6455 §4.2.2) on the
     * clients' newest attempts, each once, in client order (two when clients that offered several
     * landed on servers that pick differently); empty when none was accepted; absent from reports
     * of older engines.
     */
    subprotocols: z.array(z.string()).optional(),
  }),
  /** Messages our senders sent (with no senders: distinct broadcast messages seen). */
  sent: z.number().int().min(0),
  totals: backendFiguresSchema,
  backends: z.array(backendFiguresSchema),
  /** Common latency bin edges (ms) of every histogram. */
  histogramEdgesMs: z.array(z.number()),
  clients: z.array(clientFiguresSchema),
  storm: stormFiguresSchema.nullable(),
});

export type FanoutId = z.output<typeof fanoutIdSchema>;
export type FanoutOptions = z.output<typeof fanoutOptionsSchema>;
export type FanoutOptionsInput = z.input<typeof fanoutOptionsSchema>;
export type FanoutProtocol = (typeof FANOUT_PROTOCOLS)[number];
export type FanoutPhase = z.output<typeof fanoutPhaseSchema>;
export type FanoutProgress = z.output<typeof fanoutProgressSchema>;
export type LatencyFigures = z.output<typeof latencyFiguresSchema>;
export type DeliveryFigures = z.output<typeof deliveryFiguresSchema>;
export type BackendFigures = z.output<typeof backendFiguresSchema>;
export type ClientEvent = z.output<typeof clientEventSchema>;
export type ClientFigures = z.output<typeof clientFiguresSchema>;
export type StormFigures = z.output<typeof stormFiguresSchema>;
export type FanoutReport = z.output<typeof fanoutReportSchema>;
