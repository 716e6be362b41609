import type { SessionOptions } from '../../../shared/contract/session-options.js';
import { allRecords } from './capture-scan.js';
import type { Finding } from '../../../shared/contract/doctor-report.js';
import { classifyHandshake } from './handshake-classification.js';
import { closeProbeSession, elapsedMs, openProbeSession, type ProbeHooks } from './probe-session.js';
import { message } from '../../../shared/i18n/message.js';
import type { ProbeWithHops } from './hop-report.js';

/**
 * The handshake again as HTTP/1.0 (DESIGN.md "Field notes": an HTTP/1.0 hop makes the upgrade
 * impossible and hangs until a gateway timeout). Its findings only count as causes when the
 * main handshake failed the same way.
 */
export async function http10Probe(options: SessionOptions, hooks: ProbeHooks = {}, maxTimeoutMs = 10_000): Promise<ProbeWithHops> {
  const startedAt = performance.now();
  const timeoutMs = Math.min(options.limits.handshakeTimeoutMs, maxTimeoutMs);
  const session = await openProbeSession('http1.0', { ...options, httpVersion: '1.0', limits: { ...options.limits, handshakeTimeoutMs: timeoutMs }, heartbeat: { autoPingIntervalMs: 0, autoPong: true } }, hooks);
  await closeProbeSession(session);
  const outcome = classifyHandshake(allRecords(session.capture), 'http1.0', timeoutMs);
  const base = { id: 'http1.0' as const, title: message('doctor:probe.http10.title'), durationMs: elapsedMs(startedAt), explanation: message('doctor:probe.http10.explanation'), evidence: outcome.evidence };
  const noFindings: Finding[] = [];
  switch (outcome.kind) {
    case 'upgraded':
    case 'upgraded-with-problems':
      return { hops: outcome.hops, status: outcome.statusCode, result: { ...base, status: 'pass', summary: message('doctor:summary.http10.upgraded'), findings: noFindings } };
    case 'refused':
      return { hops: outcome.hops, status: outcome.statusCode, result: { ...base, status: 'pass', summary: message('doctor:summary.http10.refused', { statusLine: outcome.statusLine ?? outcome.summary }), findings: noFindings } };
    case 'no-response':
      return { hops: outcome.hops, status: outcome.statusCode, result: { ...base, status: 'warn', summary: message('doctor:summary.http10.hangs', { outcome: outcome.summary }), findings: outcome.findings } };
    case 'not-attempted':
      return { hops: outcome.hops, status: outcome.statusCode, result: { ...base, status: 'skip', summary: message('doctor:summary.http10.noConnection'), findings: noFindings } };
  }
}
