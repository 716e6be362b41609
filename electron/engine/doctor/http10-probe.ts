import type { SessionOptions } from '../../../shared/contract/session-options.js';
import { allRecords } from './capture-scan.js';
import type { Finding, ProbeResult } from '../../../shared/contract/doctor-report.js';
import { classifyHandshake } from './handshake-classification.js';
import { closeProbeSession, elapsedMs, openProbeSession, type ProbeHooks } from './probe-session.js';

const explanation = 'Sends the same handshake as HTTP/1.0, as a load balancer that downgrades requests would forward it. HTTP/1.0 has no protocol upgrade, so a correct path refuses it quickly; a path that hangs on it until a timeout shows the 504 / 499-after-60-s signature from the field reports.';

/**
 * The handshake again as HTTP/1.0 (DESIGN.md "Field notes": an HTTP/1.0 hop makes the upgrade
 * impossible and hangs until a gateway timeout). Its findings only count as causes when the
 * main handshake failed the same way.
 */
export async function http10Probe(options: SessionOptions, hooks: ProbeHooks = {}, maxTimeoutMs = 10_000): Promise<ProbeResult> {
  const startedAt = performance.now();
  const timeoutMs = Math.min(options.limits.handshakeTimeoutMs, maxTimeoutMs);
  const session = await openProbeSession('http1.0', { ...options, httpVersion: '1.0', limits: { ...options.limits, handshakeTimeoutMs: timeoutMs }, heartbeat: { autoPingIntervalMs: 0, autoPong: true } }, hooks);
  await closeProbeSession(session);
  const outcome = classifyHandshake(allRecords(session.capture), 'http1.0', timeoutMs);
  const base = { id: 'http1.0' as const, title: 'Handshake as HTTP/1.0', durationMs: elapsedMs(startedAt), explanation, evidence: outcome.evidence };
  const noFindings: Finding[] = [];
  switch (outcome.kind) {
    case 'upgraded':
    case 'upgraded-with-problems':
      return { ...base, status: 'pass', summary: 'upgraded even as HTTP/1.0: this path tolerates a downgraded request', findings: noFindings };
    case 'refused':
      return { ...base, status: 'pass', summary: `refused at once with ${outcome.statusLine ?? outcome.summary}: a downgraded request fails fast here rather than hanging`, findings: noFindings };
    case 'no-response':
      return { ...base, status: 'warn', summary: `${outcome.summary}: if a load balancer in front ever downgrades to HTTP/1.0, clients will hang like this`, findings: outcome.findings };
    case 'not-attempted':
      return { ...base, status: 'skip', summary: 'no connection for the HTTP/1.0 handshake', findings: noFindings };
  }
}
