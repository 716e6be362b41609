import type { SessionOptions } from '../../../shared/contract/session-options.js';
import { allRecords, findHandshake } from './capture-scan.js';
import { classifyHandshake } from './handshake-classification.js';
import { closeProbeSession, elapsedMs, openProbeSession, type ProbeHooks } from './probe-session.js';
import { message } from '../../../shared/i18n/message.js';
import type { ProbeWithHops } from './hop-report.js';

/** A second handshake that offers permessage-deflate, to see whether it is negotiated and done right. */
export async function deflateProbe(options: SessionOptions, hooks: ProbeHooks = {}): Promise<ProbeWithHops> {
  const startedAt = performance.now();
  const offer = options.deflate.enabled ? options.deflate : { ...options.deflate, enabled: true };
  const session = await openProbeSession('deflate', { ...options, deflate: offer, heartbeat: { autoPingIntervalMs: 0, autoPong: true } }, hooks);
  await closeProbeSession(session);
  const records = allRecords(session.capture);
  const outcome = classifyHandshake(records, 'deflate', options.limits.handshakeTimeoutMs);
  const base = { id: 'deflate' as const, title: message('doctor:probe.deflate.title'), durationMs: elapsedMs(startedAt), explanation: message('doctor:probe.deflate.explanation') };
  const handshake = findHandshake(records);
  const accepted = handshake?.response?.headers.filter(([name]) => name.toLowerCase() === 'sec-websocket-extensions').map(([, value]) => value) ?? [];
  if (outcome.kind === 'upgraded') {
    const summary = accepted.length > 0 ? message('doctor:summary.deflate.negotiated', { extensions: accepted.join(', ') }) : message('doctor:summary.deflate.notAccepted');
    return { hops: outcome.hops, status: outcome.statusCode, result: { ...base, status: 'pass', summary, evidence: outcome.evidence, findings: [] } };
  }
  if (outcome.kind === 'upgraded-with-problems') return { hops: outcome.hops, status: outcome.statusCode, result: { ...base, status: 'fail', summary: outcome.summary, evidence: outcome.evidence, findings: outcome.findings } };
  return { hops: outcome.hops, status: outcome.statusCode, result: { ...base, status: 'fail', summary: message('doctor:summary.deflate.failedOnlyWithCompression', { outcome: outcome.summary }), evidence: outcome.evidence, findings: [] } };
}
