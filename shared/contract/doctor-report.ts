import { z } from 'zod';
import { APP_PROTOCOL_IDS } from '../app-protocol/app-protocol-id.js';
import { messageSchema } from './message-schema.js';

/**
 * The Path Doctor's vocabulary (DESIGN.md "Path Doctor"): probes with a status, causes with a
 * stable id, evidence that points at records, the report `frameline diagnose --json` prints and
 * the Doctor panel shows, and the path test's comparison of both ends.
 */

/**
 * The probes, in the order they run. Through a forward proxy, `dns` and `tcp` are the proxy's own
 * lookup and connection and `proxy` its answer to CONNECT or the SOCKS request; without one there is
 * no `proxy` step. The path test runs `dns`, `tcp`, `proxy` and `tls` on its client session, then its own steps (`path-upgrade`, `path-frames`, `idle`, `path-close`); `path` names
 * that client session's capture in evidence.
 */
export const probeIdSchema = z.enum(['dns', 'tcp', 'proxy', 'tls', 'handshake', 'http1.0', 'ping', 'deflate', 'large-message', 'idle', 'liveness', 'path', 'path-upgrade', 'path-frames', 'path-close']);

/** pass: nothing wrong; warn: works, but worth knowing; fail: broken here; skip: not run (and why). */
export const probeStatusSchema = z.enum(['pass', 'warn', 'fail', 'skip']);

/** The stable cause ids of `--json` (issue "Path Doctor and listen mode"). */
export const causeIdSchema = z.enum([
  'upgrade-headers-dropped',
  'websocket-unsupported',
  'redirect',
  'origin-rejected',
  'path-not-found',
  'backend-unavailable',
  'gateway-timeout',
  'tls-error',
  'dns-failure',
  'connection-refused',
  'connect-timeout',
  'proxy-tunnel-failed',
  'accept-mismatch',
  'extension-not-offered',
  'subprotocol-not-offered',
  'idle-timeout',
  'http-version-downgraded',
  'no-server-heartbeat',
  'heartbeat-not-enforced',
  'heartbeat-slower-than-idle-timeout',
]);

export const confidenceSchema = z.enum(['high', 'medium', 'low']);

/** One fact behind a finding: which probe's capture, which record (seq), and the snippet that shows it. */
export const evidenceSchema = z.object({
  probe: probeIdSchema,
  /** The record's seq in that probe's capture; null for facts that are not one record (a timing). */
  seq: z.number().int().min(0).nullable(),
  text: messageSchema,
  /** The engine session holding that capture, when the window can open it (set by the engine, not the CLI). */
  sessionId: z.string().optional(),
});

/** Where a fix applies: a self-hosted proxy, or a cloud load balancer or CDN (docs/doctor-clouds.md). */
export const fixTargetSchema = z.enum([
  'nginx',
  'haproxy',
  'caddy',
  'apache',
  'ingress-nginx',
  'traefik',
  'envoy',
  'alibaba-clb',
  'alibaba-alb',
  'alibaba-cdn',
  'tencent-clb',
  'aws-alb',
  'aws-classic-elb',
  'google-lb',
  'cloudflare',
  'ws',
  'socket-io',
  'spring',
  'stomp',
  'mqtt',
]);

/** Configuration text exactly as it is pasted (never translated), and where it goes (prose, translated). */
export const configBlockSchema = z.object({
  where: messageSchema.nullable(),
  text: z.string(),
});

/** What to change on one target: a note in words (a console setting and its documented default), configuration, or both. */
export const fixStepSchema = z.object({
  target: fixTargetSchema,
  note: messageSchema.nullable(),
  config: z.array(configBlockSchema),
});

/** What to change, in general and per target where it applies. */
export const fixSchema = z.object({
  summary: messageSchema,
  steps: z.array(fixStepSchema),
});

/** Hops the Doctor can name from what their responses carry (Server, Via, CF-Ray, EagleId, …). */
export const hopIdSchema = z.enum([
  'cloudflare',
  'alibaba-cdn',
  'tengine',
  'tencent-clb',
  'aws-elb',
  'google-lb',
  'envoy',
  'nginx',
  'caddy',
  'apache',
  'haproxy',
]);

/** A hop named from a response, with the header or body that names it. */
export const hopSchema = z.object({
  id: hopIdSchema,
  /** The status of the response that carried the signature, when it was not a 101. */
  status: z.number().int().nullable(),
  evidence: z.array(evidenceSchema),
});

/** A probe's raw conclusion about a cause, before the catalogue words it. */
export const findingSchema = z.object({
  causeId: causeIdSchema,
  confidence: confidenceSchema,
  /** Values the sentence needs: status, location, seconds, host, the hop that answered… (a dialer's message stays a message). */
  details: z.record(z.string(), z.union([z.string(), z.number(), messageSchema])),
  evidence: z.array(evidenceSchema),
});

/**
 * A part of a step, shown under it: the SOCKS exchange's method selection (RFC 1928 §3), its
 * username/password sub-negotiation (RFC 1929), the request and its reply (§4, §6), and the
 * target's lookup when it is resolved here for the request.
 */
export const probeSubStepSchema = z.object({
  title: messageSchema,
  status: probeStatusSchema,
  summary: messageSchema,
  durationMs: z.number().min(0),
});

/** One probe's outcome. */
export const probeResultSchema = z.object({
  id: probeIdSchema,
  title: messageSchema,
  status: probeStatusSchema,
  /** One line, plain words. */
  summary: messageSchema,
  durationMs: z.number().min(0),
  evidence: z.array(evidenceSchema),
  /** What this probe checks and why it matters; null for a probe that did not run. */
  explanation: messageSchema.nullable(),
  findings: z.array(findingSchema),
  /** Its parts in the order they happened, when it has several (a SOCKS proxy's); absent otherwise. */
  steps: z.array(probeSubStepSchema).optional(),
});

/** A likely cause, worded, with its fix. */
export const causeSchema = z.object({
  id: causeIdSchema,
  confidence: confidenceSchema,
  /** One sentence a backend developer can act on. */
  summary: messageSchema,
  evidence: z.array(evidenceSchema),
  fix: fixSchema,
  /** The hop the response came from, when a header named it. */
  hop: hopIdSchema.nullable(),
});

/** One header that changed between what the client sent and what the listener received. */
export const headerChangeSchema = z.object({
  change: z.enum(['dropped', 'added', 'rewritten']),
  name: z.string(),
  sent: z.string().nullable(),
  received: z.string().nullable(),
});

/** How the frames of one direction crossed the path. */
export const frameCrossingSchema = z.object({
  direction: z.enum(['client-to-server', 'server-to-client']),
  framesSent: z.number().int().min(0),
  framesReceived: z.number().int().min(0),
  bytesSent: z.number().int().min(0),
  bytesReceived: z.number().int().min(0),
  /** same: frame for frame; re-chunked: more frames; coalesced: fewer; lost: fewer bytes arrived. */
  verdict: z.enum(['same', 're-chunked', 'coalesced', 'lost', 'none']),
  /** Client frames only: true when every frame kept its masking key (the proxy relayed bytes, not frames). */
  isMaskKept: z.boolean().nullable(),
});

/** How the connection ended at each end. */
export const endSeenSchema = z.object({
  side: z.enum(['client', 'listener']),
  description: messageSchema,
  sawCloseFrame: z.boolean(),
  /** Seconds of silence before the end, when the end came while idle. */
  idleSeconds: z.number().nullable(),
});

/** What the path did to one connection (issue "Path test"). */
export const pathComparisonSchema = z.object({
  sentRequestLine: z.string(),
  receivedRequestLine: z.string().nullable(),
  httpVersion: z.object({ sent: z.string(), received: z.string().nullable() }),
  headers: z.array(headerChangeSchema),
  frames: z.array(frameCrossingSchema),
  ends: z.array(endSeenSchema),
  peer: z.string().nullable(),
});

/**
 * What the liveness probe measured (issue 18): whether the server pings, how often, and what it
 * did to a client that stopped answering (auto-pong off).
 */
export const livenessSchema = z.object({
  /** Median interval between the server's pings, from the connection that answered them; null with fewer than two pings. */
  pingIntervalMs: z.number().nullable(),
  pingsSeen: z.number().int().min(0),
  /** How the server treated the client that never answered. */
  outcome: z.enum(['dropped', 'kept', 'path-cut']),
  /** From its first unanswered ping to the end; null when it was kept or no ping came. */
  closedAfterUnansweredMs: z.number().nullable(),
  /** From the end of the handshake to the end; null when it was kept. */
  closedAfterOpenMs: z.number().nullable(),
  /** The close code the server sent, or null when it closed only TCP (or never). */
  closeCode: z.number().int().nullable(),
  /** How it ended, in words (close frame with code, FIN, RST). */
  closeHow: messageSchema.nullable(),
  /** How long the probe waited. */
  limitSeconds: z.number(),
  /** The application protocol whose heartbeat was measured too (Engine.IO pings, STOMP heart-beats, MQTT keep-alive); null for WebSocket pings only. */
  protocol: z.enum(APP_PROTOCOL_IDS).nullable().default(null),
  /** How many of the server's heartbeats were the protocol's own (Engine.IO pings, STOMP heart-beats), not WebSocket pings. */
  protocolHeartbeatsSeen: z.number().int().min(0).default(0),
  /** From the last message the silent client sent (its opening message, with a protocol) to the end; null when it was kept. */
  closedAfterLastSentMs: z.number().nullable().default(null),
});

/** The whole diagnosis; `path` only for the path test. */
export const doctorReportSchema = z.object({
  url: z.string(),
  /** The most likely cause first, in one sentence; what was tested and found fine for a healthy path. */
  verdict: messageSchema,
  causes: z.array(causeSchema),
  probes: z.array(probeResultSchema),
  /** Hops named by their responses, nearest the client first as far as headers tell. */
  hops: z.array(hopSchema),
  /** What to run next when the evidence leaves candidates the client cannot tell apart (the path test), else null. */
  nextStep: messageSchema.nullable(),
  /** Seconds a silent connection survived before the path cut it; null when it was not cut (or not measured). */
  idleTimeoutSeconds: z.number().nullable(),
  path: pathComparisonSchema.optional(),
  /** Present when the liveness probe ran. */
  liveness: livenessSchema.optional(),
});

/** Progress while the Doctor runs (the idle probe can take a minute). */
export const doctorProgressSchema = z.object({
  probe: probeIdSchema,
  message: messageSchema,
  /** For the idle probe: seconds waited so far and the limit. */
  waitedSeconds: z.number().optional(),
  limitSeconds: z.number().optional(),
});

export type ProbeId = z.output<typeof probeIdSchema>;
export type ProbeStatus = z.output<typeof probeStatusSchema>;
export type CauseId = z.output<typeof causeIdSchema>;
export type Confidence = z.output<typeof confidenceSchema>;
export type Evidence = z.output<typeof evidenceSchema>;
export type Fix = z.output<typeof fixSchema>;
export type FixTarget = z.output<typeof fixTargetSchema>;
export type FixStep = z.output<typeof fixStepSchema>;
export type ConfigBlock = z.output<typeof configBlockSchema>;
export type HopId = z.output<typeof hopIdSchema>;
export type Hop = z.output<typeof hopSchema>;
export type Finding = z.output<typeof findingSchema>;
export type ProbeResult = z.output<typeof probeResultSchema>;
export type ProbeSubStep = z.output<typeof probeSubStepSchema>;
export type Cause = z.output<typeof causeSchema>;
export type HeaderChange = z.output<typeof headerChangeSchema>;
export type FrameCrossing = z.output<typeof frameCrossingSchema>;
export type EndSeen = z.output<typeof endSeenSchema>;
export type PathComparison = z.output<typeof pathComparisonSchema>;
export type DoctorReport = z.output<typeof doctorReportSchema>;
export type Liveness = z.output<typeof livenessSchema>;
export type DoctorProgress = z.output<typeof doctorProgressSchema>;
