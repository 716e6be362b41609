import type { HeaderPair } from '../../../shared/contract/records.js';
import { getHeaderValue } from '../../../shared/protocol/header-list.js';

/** A failed handshake in words: what happened and what to look at first. */
export interface HandshakeFailureText {
  readonly message: string;
  readonly hint: string;
}

/**
 * Explains a non-101 answer. The status alone usually points at the hop that refused: 426 and 400
 * mean the backend saw a plain GET because a proxy did not forward the hop-by-hop Upgrade and
 * Connection headers; 504 after a long wait is the HTTP/1.0-downgrade signature (DESIGN.md field
 * notes). The Path Doctor goes further; this is the one-line version for every session.
 */
export function describeHandshakeFailure(statusCode: number, reason: string, headers: readonly HeaderPair[], peer: string): HandshakeFailureText {
  const message = `handshake failed: HTTP ${statusCode}${reason ? ` ${reason}` : ''} from ${peer}`;
  return { message, hint: hintFor(statusCode, headers) };
}

function hintFor(statusCode: number, headers: readonly HeaderPair[]): string {
  if (statusCode === 426 || statusCode === 400) {
    return 'the server saw no WebSocket upgrade: a proxy on the path probably dropped the hop-by-hop Upgrade and Connection headers (nginx: proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection $connection_upgrade;)';
  }
  if (statusCode === 301 || statusCode === 302 || statusCode === 307 || statusCode === 308) {
    const location = getHeaderValue(headers, 'location');
    return `the server redirects${location ? ` to ${location}` : ''}; WebSocket clients do not follow redirects, so connect to the final URL (often ws:// → wss://)`;
  }
  if (statusCode === 401 || statusCode === 403) return 'the server refused this client: check the Origin header and any credentials it expects';
  if (statusCode === 404) return 'no WebSocket endpoint at this path: check the URL path and the proxy location that should forward it';
  if (statusCode === 502 || statusCode === 503) return 'a gateway could not reach a healthy backend: check that the WebSocket server is running and the proxy points at it';
  if (statusCode === 504) return 'a gateway waited for the backend and gave up: a hop speaking HTTP/1.0 cannot upgrade (nginx: proxy_http_version 1.1), or the backend is too slow';
  if (statusCode >= 200 && statusCode < 300) return 'the server answered as plain HTTP and ignored the upgrade: a CDN, load balancer or server without WebSocket support on this path';
  return 'the server did not switch protocols; the response body below may say why';
}
