import type { Fix } from '../../../shared/contract/doctor-report.js';

/**
 * The configuration changes that fix each failure, per reverse proxy. Kept apart from the cause
 * sentences so a fix can be checked against each server's documentation in one place.
 */

/** The documented nginx WebSocket settings, as lines: the map goes in the http block, the rest in the location. */
const nginxUpgradeLines = [
  '# in the http block:',
  "map $http_upgrade $connection_upgrade { default upgrade; '' close; }",
  '# in the WebSocket location:',
  'proxy_http_version 1.1;',
  'proxy_set_header Upgrade $http_upgrade;',
  'proxy_set_header Connection $connection_upgrade;',
];
export const nginxUpgradeBlock = nginxUpgradeLines.join('\n');

export const upgradeFix: Fix = {
  summary: 'Make every proxy on the path pass the Upgrade and Connection headers to the backend over HTTP/1.1.',
  nginx: nginxUpgradeBlock,
  haproxy: 'mode http forwards upgrades by itself: remove any "http-request del-header Upgrade/Connection" or "option httpclose" on this frontend or backend.',
  caddy: 'reverse_proxy forwards upgrades by itself: remove any header_up rules that delete or rewrite Upgrade or Connection, and keep the transport on HTTP/1.1 (no "versions 2" or h2c only).',
  apache: 'ProxyPass "/path/" "http://backend/path/" upgrade=websocket (httpd 2.4.47 and later), or mod_proxy_wstunnel with a ws:// backend URL on older versions.',
};

export const unsupportedFix: Fix = {
  summary: 'Route this URL to the WebSocket server and enable WebSocket support on every CDN or load balancer in front of it.',
  nginx: [...nginxUpgradeLines.slice(0, 3), 'proxy_pass http://backend;', ...nginxUpgradeLines.slice(3)].join('\n'),
  haproxy: 'use mode http (or mode tcp) for this frontend and route the path to the WebSocket backend.',
  caddy: 'reverse_proxy /path* backend:port (upgrades are forwarded automatically).',
  apache: 'ProxyPass "/path/" "http://backend/path/" upgrade=websocket.',
};

export const http10Fix: Fix = {
  summary: 'Every hop must speak HTTP/1.1 to the next one: an HTTP/1.0 request cannot be upgraded, so it hangs until a gateway timeout.',
  nginx: `# nginx talks HTTP/1.0 to upstreams unless told otherwise\n${nginxUpgradeBlock}`,
  haproxy: 'HAProxy speaks HTTP/1.1 to servers in mode http; check for a load balancer in front of it that downgrades (some cloud load balancer tiers do: enable their WebSocket support or upgrade the tier).',
  caddy: 'keep the reverse_proxy transport on HTTP/1.1 for this route.',
  apache: 'do not set force-proxy-request-1.0 or proxy-nokeepalive for this path; use upgrade=websocket on ProxyPass.',
};

export const backendFix: Fix = {
  summary: 'Start the WebSocket backend, or point the proxy at the address and port it really listens on.',
  nginx: 'check the proxy_pass address and port, and the upstream block; the error log names the refused upstream.',
  haproxy: 'check the server line address and port, and its health check ("show servers state").',
  caddy: 'check the reverse_proxy upstream address; the Caddy log names the failed dial.',
  apache: 'check the ProxyPass backend URL; the error log names the failed connection.',
};

/** The idle-timeout fix: a heartbeat below the measured cut, and the proxy setting that allows longer silence. */
export function idleFix(heartbeatSeconds: number): Fix {
  return {
    summary: `Send a heartbeat (a ping, or an application message) every ${heartbeatSeconds} s or more often, from the client or the server; and raise the proxy's idle timeout if connections must stay silent longer.`,
    nginx: '# in the WebSocket location (both default to 60 s):\nproxy_read_timeout 3600s;\nproxy_send_timeout 3600s;',
    haproxy: '# in the defaults or backend section (applies once the connection is upgraded; timeout client/server apply before):\ntimeout tunnel 1h',
    caddy: 'Caddy puts no idle limit on upgraded connections by default; check stream_timeout in reverse_proxy and any load balancer in front.',
    apache: 'ProxyTimeout 3600, or timeout=3600 on the ProxyPass line of this path.',
  };
}
