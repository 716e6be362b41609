import type { SessionOptions } from '../../../shared/contract/session-options.js';
import { formatHostPort } from '../net/dial-target.js';
import { allRecords } from './capture-scan.js';
import { connectProbes } from './connect-probes.js';
import { deflateProbe } from './deflate-probe.js';
import type { DoctorProgress, DoctorReport, ProbeId, ProbeResult } from '../../../shared/contract/doctor-report.js';
import { largeMessageProbe, pingProbe } from './frame-probes.js';
import { classifyHandshake } from './handshake-classification.js';
import { http10Probe } from './http10-probe.js';
import { idleProbe } from './idle-probe.js';
import { closeProbeSession, elapsedMs, openProbeSession, type ProbeHooks } from './probe-session.js';
import { rankCauses, verdictSentence } from './verdict.js';

/** What the Doctor runs besides the connection options. */
export interface DoctorOptions extends ProbeHooks {
  /** Default 75 s; the idle probe stops waiting after this. */
  readonly idleLimitMs?: number;
  /** False skips the idle probe (`--no-idle`). */
  readonly isIdleProbeEnabled?: boolean;
  /** Default 1 MiB. */
  readonly largeMessageBytes?: number;
  readonly onProgress?: (progress: DoctorProgress) => void;
  /** Called with each probe result as soon as it is known. */
  readonly onProbe?: (probe: ProbeResult) => void;
}

export const defaultIdleLimitMs = 75_000;

const handshakeExplanation = 'Sends the WebSocket upgrade request and checks the answer: 101 Switching Protocols with Upgrade, Connection and a Sec-WebSocket-Accept that matches the key (RFC 6455 §4). Any other status says which hop refused and why.';

/**
 * The Path Doctor (DESIGN.md "Path Doctor"): runs the named probes against one URL with the
 * user's connection options, each on its own session so one probe's failure cannot hide
 * another's, and turns their findings into causes, most likely first.
 */
export async function runDoctor(options: SessionOptions, doctor: DoctorOptions = {}): Promise<DoctorReport> {
  const probes: ProbeResult[] = [];
  const add = (probe: ProbeResult): void => {
    probes.push(probe);
    doctor.onProbe?.(probe);
  };
  const progress = (probe: ProbeId, message: string): void => doctor.onProgress?.({ probe, message });
  const url = new URL(options.url);

  progress('handshake', 'connecting and sending the handshake');
  const startedAt = performance.now();
  const isCancelled = (): boolean => doctor.signal?.aborted === true;
  // A cancelled run still returns a report: what finished, and the rest marked as skipped.
  const cancelled = (): DoctorReport => {
    const done = new Set(probes.map((probe) => probe.id));
    for (const [id, title] of laterProbes) if (!done.has(id)) add(skipped(id, title, 'cancelled'));
    return report(options.url, probes, null);
  };
  const session = await openProbeSession('handshake', { ...options, heartbeat: { autoPingIntervalMs: 0, autoPong: true } }, doctor);
  const handshakeMs = elapsedMs(startedAt);
  const records = allRecords(session.capture);
  const dialAddress = options.connectTo ? formatHostPort(options.connectTo.host, options.connectTo.port) : url.host.includes(':') ? url.host : `${url.host}:${url.protocol === 'wss:' ? 443 : 80}`;
  for (const probe of connectProbes(records, { url, dialAddress, isSecure: url.protocol === 'wss:', isProxied: options.proxy.kind !== 'none' })) add(probe);
  if (isCancelled()) {
    await closeProbeSession(session);
    return cancelled();
  }
  const isConnected = probes.every((probe) => probe.status !== 'fail');
  const outcome = classifyHandshake(records, 'handshake', options.limits.handshakeTimeoutMs);
  const isOpen = session.state === 'open';

  if (!isConnected) {
    for (const [id, title] of laterProbes) add(skipped(id, title, 'no connection'));
    await closeProbeSession(session);
    return report(options.url, probes, null);
  }
  add({
    id: 'handshake',
    title: 'WebSocket handshake',
    status: outcome.kind === 'upgraded' ? 'pass' : 'fail',
    summary: outcome.summary,
    durationMs: handshakeMs,
    evidence: outcome.evidence,
    explanation: handshakeExplanation,
    findings: outcome.findings,
  });

  if (isOpen) {
    progress('ping', 'sending a ping');
    add(await pingProbe(session));
    const size = doctor.largeMessageBytes ?? 1024 * 1024;
    progress('large-message', 'sending a large message');
    add(await largeMessageProbe(session, size));
  }
  await closeProbeSession(session);
  if (isCancelled()) return cancelled();

  progress('http1.0', 'sending the handshake as HTTP/1.0');
  const downgraded = await http10Probe(options, doctor);
  if (isCancelled()) return cancelled();
  // The HTTP/1.0 hang is a cause only when the real handshake failed too; otherwise it is a warning about the path.
  add(outcome.kind === 'upgraded' ? { ...downgraded, findings: [] } : downgraded);

  if (!isOpen) {
    add(skipped('ping', 'Ping round trip', 'the handshake failed'));
    add(skipped('deflate', 'permessage-deflate', 'the handshake failed'));
    add(skipped('large-message', 'Large message', 'the handshake failed'));
    add(skipped('idle', 'Idle connection', 'the handshake failed'));
    return report(options.url, probes, null);
  }
  progress('deflate', 'offering permessage-deflate');
  add(await deflateProbe(options, doctor));
  if (isCancelled()) return cancelled();

  if (doctor.isIdleProbeEnabled === false) {
    add(skipped('idle', 'Idle connection', 'skipped (--no-idle)'));
    return report(options.url, probes, null);
  }
  const limitMs = doctor.idleLimitMs ?? defaultIdleLimitMs;
  progress('idle', `staying silent for up to ${Math.round(limitMs / 1000)} s to find the idle timeout`);
  const idle = await idleProbe(options, { ...doctor, limitMs });
  add(idle.result);
  return report(options.url, probes, idle.idleSeconds);
}

const laterProbes: ReadonlyArray<readonly [ProbeId, string]> = [
  ['handshake', 'WebSocket handshake'],
  ['http1.0', 'Handshake as HTTP/1.0'],
  ['ping', 'Ping round trip'],
  ['deflate', 'permessage-deflate'],
  ['large-message', 'Large message'],
  ['idle', 'Idle connection'],
];

function skipped(id: ProbeId, title: string, why: string): ProbeResult {
  return { id, title, status: 'skip', summary: why, durationMs: 0, evidence: [], explanation: '', findings: [] };
}

/** Assembles the report from the probes (in run order). */
export function report(url: string, probes: ProbeResult[], idleTimeoutSeconds: number | null): DoctorReport {
  const causes = rankCauses(probes.flatMap((probe) => probe.findings));
  return { url, verdict: verdictSentence(causes, probes), causes, probes, idleTimeoutSeconds };
}
