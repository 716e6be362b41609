import type { SessionOptions } from '../../../shared/contract/session-options.js';
import { allRecords, findHandshake } from './capture-scan.js';
import type { ProbeResult } from '../../../shared/contract/doctor-report.js';
import { classifyHandshake } from './handshake-classification.js';
import { closeProbeSession, elapsedMs, openProbeSession, type ProbeHooks } from './probe-session.js';

const explanation = 'Offers permessage-deflate (RFC 7692) and reads what comes back. Accepting it or not are both fine; accepting parameters that were not offered, or failing only when compression is offered, is a bug on the server or a proxy that rewrites Sec-WebSocket-Extensions.';

/** A second handshake that offers permessage-deflate, to see whether it is negotiated and done right. */
export async function deflateProbe(options: SessionOptions, hooks: ProbeHooks = {}): Promise<ProbeResult> {
  const startedAt = performance.now();
  const offer = options.deflate.enabled ? options.deflate : { ...options.deflate, enabled: true };
  const session = await openProbeSession('deflate', { ...options, deflate: offer, heartbeat: { autoPingIntervalMs: 0, autoPong: true } }, hooks);
  await closeProbeSession(session);
  const records = allRecords(session.capture);
  const outcome = classifyHandshake(records, 'deflate', options.limits.handshakeTimeoutMs);
  const base = { id: 'deflate' as const, title: 'permessage-deflate', durationMs: elapsedMs(startedAt), explanation };
  const handshake = findHandshake(records);
  const accepted = handshake?.response?.headers.filter(([name]) => name.toLowerCase() === 'sec-websocket-extensions').map(([, value]) => value) ?? [];
  if (outcome.kind === 'upgraded') {
    const summary = accepted.length > 0 ? `negotiated: ${accepted.join(', ')}` : 'offered, not accepted: messages travel uncompressed (fine)';
    return { ...base, status: 'pass', summary, evidence: outcome.evidence, findings: [] };
  }
  if (outcome.kind === 'upgraded-with-problems') return { ...base, status: 'fail', summary: outcome.summary, evidence: outcome.evidence, findings: outcome.findings };
  return { ...base, status: 'fail', summary: `the handshake failed only when compression was offered: ${outcome.summary}`, evidence: outcome.evidence, findings: [] };
}
