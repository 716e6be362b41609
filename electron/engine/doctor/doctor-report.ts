/**
 * The Path Doctor's vocabulary (DESIGN.md "Path Doctor"): probes with a status, causes with a
 * stable id, evidence that points at records, and the report `frameline diagnose --json` prints.
 */

/** The probes, in the order they run. */
export type ProbeId = 'dns' | 'tcp' | 'tls' | 'handshake' | 'http1.0' | 'ping' | 'deflate' | 'large-message' | 'idle' | 'path';

/** pass: nothing wrong; warn: works, but worth knowing; fail: broken here; skip: not run (and why). */
export type ProbeStatus = 'pass' | 'warn' | 'fail' | 'skip';

/** The stable cause ids of `--json` (issue "Path Doctor and listen mode"). */
export type CauseId =
  | 'upgrade-headers-dropped'
  | 'websocket-unsupported'
  | 'redirect'
  | 'origin-rejected'
  | 'path-not-found'
  | 'backend-unavailable'
  | 'gateway-timeout'
  | 'tls-error'
  | 'dns-failure'
  | 'connection-refused'
  | 'connect-timeout'
  | 'accept-mismatch'
  | 'extension-not-offered'
  | 'subprotocol-not-offered'
  | 'idle-timeout'
  | 'http-version-downgraded';

export type Confidence = 'high' | 'medium' | 'low';

/** One fact behind a finding: which probe's capture, which record (seq), and the snippet that shows it. */
export interface Evidence {
  readonly probe: ProbeId;
  /** The record's seq in that probe's capture; null for facts that are not one record (a timing). */
  readonly seq: number | null;
  readonly text: string;
}

/** What to change, in general and per server where it applies. */
export interface Fix {
  readonly summary: string;
  readonly nginx?: string;
  readonly haproxy?: string;
  readonly caddy?: string;
  readonly apache?: string;
}

/** A probe's raw conclusion about a cause, before the catalogue words it. */
export interface Finding {
  readonly causeId: CauseId;
  readonly confidence: Confidence;
  /** Values the sentence needs: status, location, seconds, host… */
  readonly details: Readonly<Record<string, string | number>>;
  readonly evidence: Evidence[];
}

/** One probe's outcome. */
export interface ProbeResult {
  readonly id: ProbeId;
  readonly title: string;
  readonly status: ProbeStatus;
  /** One line, plain words. */
  readonly summary: string;
  readonly durationMs: number;
  readonly evidence: Evidence[];
  /** What this probe checks and why it matters. */
  readonly explanation: string;
  readonly findings: Finding[];
}

/** A likely cause, worded, with its fix. */
export interface Cause {
  readonly id: CauseId;
  readonly confidence: Confidence;
  /** One sentence a backend developer can act on. */
  readonly summary: string;
  readonly evidence: Evidence[];
  readonly fix: Fix;
}

/** The whole diagnosis. */
export interface DoctorReport {
  readonly url: string;
  /** The most likely cause first, in one sentence; "No problem found…" for a healthy path. */
  readonly verdict: string;
  readonly causes: Cause[];
  readonly probes: ProbeResult[];
  /** Seconds a silent connection survived before the path cut it; null when it was not cut (or not measured). */
  readonly idleTimeoutSeconds: number | null;
}

/** Progress while the Doctor runs (the idle probe can take a minute). */
export interface DoctorProgress {
  readonly probe: ProbeId;
  readonly message: string;
  /** For the idle probe: seconds waited so far and the limit. */
  readonly waitedSeconds?: number;
  readonly limitSeconds?: number;
}
