import { describeFinding } from './cause-catalog.js';
import type { Cause, CauseId, Confidence, Finding, ProbeId, ProbeResult } from '../../../shared/contract/doctor-report.js';
import { needsPathTest } from '../../../shared/doctor/status-cause.js';
import { hopNameKeys } from '../../../shared/doctor/names.js';
import { message, type Message } from '../../../shared/i18n/message.js';

const passedKeys = {
  dns: 'doctor:passed.dns',
  tcp: 'doctor:passed.tcp',
  proxy: 'doctor:passed.proxy',
  tls: 'doctor:passed.tls',
  handshake: 'doctor:passed.handshake',
  'http1.0': 'doctor:passed.http10',
  ping: 'doctor:passed.ping',
  deflate: 'doctor:passed.deflate',
  'large-message': 'doctor:passed.large-message',
  idle: 'doctor:passed.idle',
  liveness: 'doctor:passed.liveness',
  path: 'doctor:passed.path',
  'path-upgrade': 'doctor:passed.path-upgrade',
  'path-frames': 'doctor:passed.path-frames',
  'path-close': 'doctor:passed.path-close',
} as const satisfies Record<ProbeId, string>;

// The path test's steps whose summaries make its verdict (the idle step's finding is a cause of its own).
const pathVerdictSteps: ReadonlySet<ProbeId> = new Set(['path-upgrade', 'path-frames', 'path-close']);

const confidenceRank: Readonly<Record<Confidence, number>> = { high: 0, medium: 1, low: 2 };

// Earlier on the path first: a refused connection explains everything after it.
const causeOrder: readonly CauseId[] = [
  'dns-failure', 'connection-refused', 'connect-timeout', 'proxy-tunnel-failed', 'tls-error',
  'upgrade-headers-dropped', 'http-version-downgraded', 'gateway-timeout', 'backend-unavailable', 'path-not-found', 'redirect', 'origin-rejected', 'websocket-unsupported',
  'accept-mismatch', 'extension-not-offered', 'subprotocol-not-offered', 'idle-timeout',
  'heartbeat-slower-than-idle-timeout', 'heartbeat-not-enforced', 'no-server-heartbeat',
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

/**
 * Candidates the client cannot tell apart: a refused upgrade read both as dropped headers and as an
 * HTTP/1.0 downgrade, neither proven (the path test proves either with high confidence).
 */
export function isAmbiguous(causes: readonly Cause[]): boolean {
  return needsPathTest(causes.map((cause) => ({ causeId: cause.id }))) && causes.every((cause) => cause.confidence !== 'high');
}

/** One sentence: the hop that answered and the most likely cause (or the ranked candidates), or what a healthy path survived. */
export function verdictMessage(causes: readonly Cause[], probes: readonly ProbeResult[], findings: readonly Finding[]): Message {
  const [first, second] = causes;
  if (first) {
    const said = isAmbiguous(causes) && second ? message('doctor:verdict.candidates', { first: first.summary, second: second.summary }) : first.summary;
    const hop = hopClause(findings.find((finding) => finding.causeId === first.id));
    return hop ? message('doctor:verdict.withHop', { hop, verdict: said }) : said;
  }
  const failed = probes.find((probe) => probe.status === 'fail');
  if (failed) return message('doctor:verdict.probeFailed', { title: failed.title, summary: failed.summary });
  const pathSteps = probes.filter((probe) => pathVerdictSteps.has(probe.id) && probe.status !== 'skip');
  if (pathSteps.length > 0) {
    // The close step is news only when the ends disagree; a clean close is not worth a clause.
    const said = pathSteps.filter((probe) => probe.id !== 'path-close' || probe.status === 'warn').map((probe) => probe.summary);
    const key = pathSteps.some((probe) => probe.status === 'warn') ? 'doctor:verdict.pathWithChanges' : 'doctor:verdict.pathClean';
    return message(key, { summary: message('doctor:summary.path.parts', { parts: said }) });
  }
  const passed = probes.filter((probe) => probe.status === 'pass').map((probe) => message(passedKeys[probe.id]));
  if (passed.length === 0) return message('doctor:verdict.nothingTested');
  return message('doctor:verdict.healthy', { tested: passed, count: passed.length });
}

function hopClause(finding: Finding | undefined): Message | null {
  const hop = finding?.details['hop'];
  if (typeof hop !== 'string' || !(hop in hopNameKeys)) return null;
  const values = { status: finding!.details['status'] ?? '', hop: message(hopNameKeys[hop as keyof typeof hopNameKeys]), evidence: finding!.details['hopEvidence'] ?? '' };
  return message(finding!.details['hopRole'] === 'relayed' ? 'doctor:verdict.relayedBy' : 'doctor:verdict.answeredBy', values);
}
