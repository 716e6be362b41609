import type { CauseId, Finding, Fix, FixTarget, HopId } from '../../../shared/contract/doctor-report.js';
import { message, type Message } from '../../../shared/i18n/message.js';
import { cloudSteps } from './cloud-fixes.js';
import { heartbeatSteps } from './heartbeat-fixes.js';
import { proxySteps } from './proxy-fixes.js';

type Details = Finding['details'];

/** The fix for each cause: one summary, then the change per target, self-hosted proxies first. */
const summaries: Readonly<Record<CauseId, (details: Details) => Message>> = {
  'upgrade-headers-dropped': () => message('doctor:fix.upgrade-headers-dropped.summary'),
  'websocket-unsupported': () => message('doctor:fix.websocket-unsupported.summary'),
  redirect: (d) => (d['location'] ? message('doctor:fix.redirect.summary', d) : message('doctor:fix.redirect.summaryNoLocation')),
  'origin-rejected': () => message('doctor:fix.origin-rejected.summary'),
  'path-not-found': () => message('doctor:fix.path-not-found.summary'),
  'backend-unavailable': () => message('doctor:fix.backend-unavailable.summary'),
  'gateway-timeout': () => message('doctor:fix.http-version.summary'),
  'tls-error': (d) => (d['hint'] ? message('doctor:fix.tls-error.summaryHint', d) : message('doctor:fix.tls-error.summary')),
  'dns-failure': (d) => (d['hint'] ? message('doctor:fix.dns-failure.summaryHint', d) : message('doctor:fix.dns-failure.summary')),
  'connection-refused': () => message('doctor:fix.connection-refused.summary'),
  'connect-timeout': () => message('doctor:fix.connect-timeout.summary'),
  'proxy-tunnel-failed': (d) => (d['hint'] ? message('doctor:fix.proxy-tunnel-failed.summaryHint', d) : message('doctor:fix.proxy-tunnel-failed.summary')),
  'accept-mismatch': () => message('doctor:fix.accept-mismatch.summary'),
  'extension-not-offered': () => message('doctor:fix.extension-not-offered.summary'),
  'subprotocol-not-offered': () => message('doctor:fix.subprotocol-not-offered.summary'),
  'idle-timeout': (d) => message('doctor:fix.idle-timeout.summary', { heartbeatSeconds: Number(d['heartbeatSeconds'] ?? 30) }),
  'http-version-downgraded': () => message('doctor:fix.http-version.summary'),
  'no-server-heartbeat': () => message('doctor:fix.heartbeat.summary'),
  'heartbeat-not-enforced': () => message('doctor:fix.heartbeat.summaryEnforce'),
  'heartbeat-slower-than-idle-timeout': (d) => message('doctor:fix.heartbeat.summaryBelowIdle', { seconds: d['seconds'] ?? '?' }),
};

/** The fix for a cause; steps for the hop that answered come first. */
export function fixFor(causeId: CauseId, details: Details, hop: HopId | null): Fix {
  const steps = [...heartbeatSteps(causeId), ...proxySteps(causeId), ...cloudSteps(causeId)];
  const first = hop ? hopTargets[hop] : [];
  steps.sort((a, b) => rank(first, a.target) - rank(first, b.target));
  return { summary: summaries[causeId](details), steps };
}

// The fix targets each identified hop is configured through.
const hopTargets: Readonly<Record<HopId, readonly FixTarget[]>> = {
  cloudflare: ['cloudflare'],
  'alibaba-cdn': ['alibaba-cdn'],
  tengine: ['alibaba-clb', 'alibaba-alb'],
  'tencent-clb': ['tencent-clb'],
  'aws-elb': ['aws-alb', 'aws-classic-elb'],
  'google-lb': ['google-lb'],
  envoy: ['envoy'],
  nginx: ['nginx', 'ingress-nginx'],
  caddy: ['caddy'],
  apache: ['apache'],
  haproxy: ['haproxy'],
};

function rank(first: readonly FixTarget[], target: FixTarget): number {
  const index = first.indexOf(target);
  return index === -1 ? first.length : index;
}
