import { z } from 'zod';

/**
 * The Path Doctor's vocabulary (DESIGN.md "Path Doctor"): probes with a status, causes with a
 * stable id, evidence that points at records, the report `frameline diagnose --json` prints and
 * the Doctor panel shows, and the path test's comparison of both ends.
 */

/** The probes, in the order they run. */
export const probeIdSchema = z.enum(['dns', 'tcp', 'tls', 'handshake', 'http1.0', 'ping', 'deflate', 'large-message', 'idle', 'path']);

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
  'accept-mismatch',
  'extension-not-offered',
  'subprotocol-not-offered',
  'idle-timeout',
  'http-version-downgraded',
]);

export const confidenceSchema = z.enum(['high', 'medium', 'low']);

/** One fact behind a finding: which probe's capture, which record (seq), and the snippet that shows it. */
export const evidenceSchema = z.object({
  probe: probeIdSchema,
  /** The record's seq in that probe's capture; null for facts that are not one record (a timing). */
  seq: z.number().int().min(0).nullable(),
  text: z.string(),
  /** The engine session holding that capture, when the window can open it (set by the engine, not the CLI). */
  sessionId: z.string().optional(),
});

/** What to change, in general and per server where it applies. */
export const fixSchema = z.object({
  summary: z.string(),
  nginx: z.string().optional(),
  haproxy: z.string().optional(),
  caddy: z.string().optional(),
  apache: z.string().optional(),
});

/** A probe's raw conclusion about a cause, before the catalogue words it. */
export const findingSchema = z.object({
  causeId: causeIdSchema,
  confidence: confidenceSchema,
  /** Values the sentence needs: status, location, seconds, host… */
  details: z.record(z.string(), z.union([z.string(), z.number()])),
  evidence: z.array(evidenceSchema),
});

/** One probe's outcome. */
export const probeResultSchema = z.object({
  id: probeIdSchema,
  title: z.string(),
  status: probeStatusSchema,
  /** One line, plain words. */
  summary: z.string(),
  durationMs: z.number().min(0),
  evidence: z.array(evidenceSchema),
  /** What this probe checks and why it matters. */
  explanation: z.string(),
  findings: z.array(findingSchema),
});

/** A likely cause, worded, with its fix. */
export const causeSchema = z.object({
  id: causeIdSchema,
  confidence: confidenceSchema,
  /** One sentence a backend developer can act on. */
  summary: z.string(),
  evidence: z.array(evidenceSchema),
  fix: fixSchema,
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
  description: z.string(),
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

/** The whole diagnosis; `path` only for the path test. */
export const doctorReportSchema = z.object({
  url: z.string(),
  /** The most likely cause first, in one sentence; "No problem found…" for a healthy path. */
  verdict: z.string(),
  causes: z.array(causeSchema),
  probes: z.array(probeResultSchema),
  /** Seconds a silent connection survived before the path cut it; null when it was not cut (or not measured). */
  idleTimeoutSeconds: z.number().nullable(),
  path: pathComparisonSchema.optional(),
});

/** Progress while the Doctor runs (the idle probe can take a minute). */
export const doctorProgressSchema = z.object({
  probe: probeIdSchema,
  message: z.string(),
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
export type Finding = z.output<typeof findingSchema>;
export type ProbeResult = z.output<typeof probeResultSchema>;
export type Cause = z.output<typeof causeSchema>;
export type HeaderChange = z.output<typeof headerChangeSchema>;
export type FrameCrossing = z.output<typeof frameCrossingSchema>;
export type EndSeen = z.output<typeof endSeenSchema>;
export type PathComparison = z.output<typeof pathComparisonSchema>;
export type DoctorReport = z.output<typeof doctorReportSchema>;
export type DoctorProgress = z.output<typeof doctorProgressSchema>;
