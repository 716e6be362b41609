import { describeFinding } from './cause-catalog.js';
import type { Cause, CauseId, Confidence, Finding, ProbeId, ProbeResult } from '../../../shared/contract/doctor-report.js';

const passedWords: Readonly<Record<ProbeId, string>> = {
  dns: 'the DNS lookup',
  tcp: 'the TCP connection',
  tls: 'TLS',
  handshake: 'the handshake',
  'http1.0': 'the HTTP/1.0 handshake',
  ping: 'a ping',
  deflate: 'the permessage-deflate offer',
  'large-message': 'a large message',
  idle: 'a silent connection',
  path: 'the path test',
};

const confidenceRank: Readonly<Record<Confidence, number>> = { high: 0, medium: 1, low: 2 };

// Earlier on the path first: a refused connection explains everything after it.
const causeOrder: readonly CauseId[] = [
  'dns-failure', 'connection-refused', 'connect-timeout', 'tls-error',
  'upgrade-headers-dropped', 'http-version-downgraded', 'gateway-timeout', 'backend-unavailable', 'path-not-found', 'redirect', 'origin-rejected', 'websocket-unsupported',
  'accept-mismatch', 'extension-not-offered', 'subprotocol-not-offered', 'idle-timeout',
];

/** The causes behind the probes' findings, most likely first, one per id (evidence merged). */
export function rankCauses(findings: readonly Finding[]): Cause[] {
  const byId = new Map<CauseId, Finding>();
  for (const finding of findings) {
    const seen = byId.get(finding.causeId);
    if (!seen) byId.set(finding.causeId, finding);
    else {
      const better = confidenceRank[finding.confidence] < confidenceRank[seen.confidence] ? finding : seen;
      byId.set(finding.causeId, { ...better, evidence: [...seen.evidence, ...finding.evidence.filter((item) => !seen.evidence.includes(item))] });
    }
  }
  return [...byId.values()]
    .sort((a, b) => confidenceRank[a.confidence] - confidenceRank[b.confidence] || causeOrder.indexOf(a.causeId) - causeOrder.indexOf(b.causeId))
    .map(describeFinding);
}

/** One sentence: the most likely cause, or what a healthy path survived. */
export function verdictSentence(causes: readonly Cause[], probes: readonly ProbeResult[]): string {
  const first = causes[0];
  if (first) return first.summary;
  const failed = probes.find((probe) => probe.status === 'fail');
  if (failed) return `${failed.title} failed: ${failed.summary}.`;
  const passed = probes.filter((probe) => probe.status === 'pass').map((probe) => passedWords[probe.id]);
  if (passed.length === 0) return 'No problem found, but nothing could be tested.';
  const list = passed.length === 1 ? passed[0]! : `${passed.slice(0, -1).join(', ')} and ${passed.at(-1)!}`;
  return `No problem found: ${list} all went through.`;
}
