import type { CauseId, FixStep } from '../../../shared/contract/doctor-report.js';
import { message } from '../../../shared/i18n/message.js';
import { block, configStep, noteStep } from './fix-step.js';

/**
 * The changes that fix each failure on the self-hosted proxies, as configuration a user pastes
 * (`where` says where it goes). nginx, haproxy, Caddy and Apache fixes are applied as written to
 * real servers in test/integration/doctor/fixes-applied.test.ts; `BACKEND` and `/ws/` stand for
 * the user's upstream address and WebSocket path.
 */

const httpBlock = message('doctor:where.nginxHttp');
const location = message('doctor:where.nginxLocation');
const siteBlock = message('doctor:where.caddySite');
const virtualHost = message('doctor:where.apacheVirtualHost');

/** The documented nginx WebSocket settings: the map goes in the http block, the rest in the location. */
export const nginxUpgrade = [
  block(httpBlock, "map $http_upgrade $connection_upgrade { default upgrade; '' close; }"),
  block(location, 'proxy_http_version 1.1;', 'proxy_set_header Upgrade $http_upgrade;', 'proxy_set_header Connection $connection_upgrade;'),
];

// A handle block, not a bare reverse_proxy: Caddy orders respond, redir and other handle blocks before
// reverse_proxy, so a site that answers every path itself would still answer /ws/ (applied to real Caddy).
const caddyProxy = block(siteBlock, 'handle /ws/* {', '\treverse_proxy BACKEND', '}');
const apacheUpgrade = block(virtualHost, 'ProxyPass "/ws/" "http://BACKEND/ws/" upgrade=websocket');

const upgradeSteps: FixStep[] = [
  configStep('nginx', ...nginxUpgrade),
  noteStep('haproxy', message('doctor:fix.upgrade-headers-dropped.haproxy')),
  { target: 'caddy', note: message('doctor:fix.upgrade-headers-dropped.caddy'), config: [caddyProxy] },
  configStep('apache', apacheUpgrade),
  noteStep('ingress-nginx', message('doctor:fix.upgrade-headers-dropped.ingress-nginx')),
  noteStep('traefik', message('doctor:fix.upgrade-headers-dropped.traefik')),
  configStep('envoy', block(message('doctor:where.envoyConnectionManager'), 'upgrade_configs:', '- upgrade_type: websocket')),
];

const http10Steps: FixStep[] = [
  configStep('nginx', ...nginxUpgrade),
  noteStep('haproxy', message('doctor:fix.http-version.haproxy')),
  { target: 'caddy', note: message('doctor:fix.http-version.caddy'), config: [caddyProxy] },
  { target: 'apache', note: message('doctor:fix.http-version.apache'), config: [apacheUpgrade] },
];

/** Self-hosted proxy steps for a cause; empty where no proxy setting applies. */
export function proxySteps(causeId: CauseId): FixStep[] {
  switch (causeId) {
    case 'upgrade-headers-dropped':
      return upgradeSteps;
    case 'websocket-unsupported':
      return [
        configStep('nginx', nginxUpgrade[0]!, block(location, 'proxy_pass http://BACKEND;', ...nginxUpgrade[1]!.text.split('\n'))),
        noteStep('haproxy', message('doctor:fix.websocket-unsupported.haproxy')),
        configStep('caddy', caddyProxy),
        configStep('apache', apacheUpgrade),
        configStep('envoy', block(message('doctor:where.envoyConnectionManager'), 'upgrade_configs:', '- upgrade_type: websocket')),
      ];
    case 'gateway-timeout':
    case 'http-version-downgraded':
      return http10Steps;
    case 'idle-timeout':
    case 'heartbeat-slower-than-idle-timeout':
      return idleSteps();
    case 'redirect':
      return [noteStep('nginx', message('doctor:fix.redirect.nginx')), noteStep('caddy', message('doctor:fix.redirect.caddy')), noteStep('apache', message('doctor:fix.redirect.apache'))];
    case 'origin-rejected':
      return [noteStep('nginx', message('doctor:fix.origin-rejected.nginx'))];
    case 'path-not-found':
      return [
        noteStep('nginx', message('doctor:fix.path-not-found.nginx')),
        noteStep('haproxy', message('doctor:fix.path-not-found.haproxy')),
        noteStep('caddy', message('doctor:fix.path-not-found.caddy')),
        noteStep('apache', message('doctor:fix.path-not-found.apache')),
      ];
    case 'backend-unavailable':
      return [
        noteStep('nginx', message('doctor:fix.backend-unavailable.nginx')),
        noteStep('haproxy', message('doctor:fix.backend-unavailable.haproxy')),
        noteStep('caddy', message('doctor:fix.backend-unavailable.caddy')),
        noteStep('apache', message('doctor:fix.backend-unavailable.apache')),
      ];
    case 'tls-error':
      return [
        noteStep('nginx', message('doctor:fix.tls-error.nginx')),
        noteStep('haproxy', message('doctor:fix.tls-error.haproxy')),
        noteStep('caddy', message('doctor:fix.tls-error.caddy')),
        noteStep('apache', message('doctor:fix.tls-error.apache')),
      ];
    default:
      return [];
  }
}

/** The idle-timeout settings that allow longer silence (the heartbeat in the summary is the other half). */
function idleSteps(): FixStep[] {
  return [
    configStep('nginx', block(message('doctor:where.nginxLocationIdle'), 'proxy_read_timeout 3600s;', 'proxy_send_timeout 3600s;')),
    configStep('haproxy', block(message('doctor:where.haproxyTunnel'), 'timeout tunnel 1h')),
    { target: 'caddy', note: message('doctor:fix.idle-timeout.caddy'), config: [] },
    configStep('apache', block(virtualHost, 'ProxyPass "/ws/" "http://BACKEND/ws/" upgrade=websocket timeout=3600')),
    configStep('ingress-nginx', block(message('doctor:where.ingressAnnotations'), 'nginx.ingress.kubernetes.io/proxy-read-timeout: "3600"', 'nginx.ingress.kubernetes.io/proxy-send-timeout: "3600"')),
    noteStep('traefik', message('doctor:fix.idle-timeout.traefik')),
    noteStep('envoy', message('doctor:fix.idle-timeout.envoy')),
  ];
}
