import { isIP } from 'node:net';
import type { DialFailure } from './dial-failure.js';
import type { ExplicitProxy } from './dial-options.js';
import { formatHostPort } from './dial-target.js';
import { headerValue, type ConnectResponseHead } from './connect-response.js';
import { readSocksError } from './socks-reply.js';

/** Names a proxy for messages: `HTTP proxy 127.0.0.1:3128`. */
export function describeProxy(proxy: ExplicitProxy): string {
  const kind = proxy.kind === 'http-connect' ? 'HTTP proxy' : proxy.kind === 'socks5' ? 'SOCKS5 proxy' : proxy.kind === 'socks4' ? 'SOCKS4 proxy' : 'SOCKS4a proxy';
  return `${kind} ${formatHostPort(proxy.host, proxy.port)}`;
}

/** Classifies a CONNECT response that did not open the tunnel (any status outside 2xx). */
export function classifyConnectRefusal(head: ConnectResponseHead, proxy: ExplicitProxy, target: string, hasCredentials: boolean): DialFailure {
  const name = describeProxy(proxy);
  const code = `HTTP_${head.statusCode}`;
  if (head.statusCode === 407) {
    const challenge = headerValue(head.headers, 'proxy-authenticate');
    const asks = challenge === undefined ? '' : ` (it asks: ${challenge})`;
    return {
      stage: 'proxy',
      code,
      message: hasCredentials
        ? `The ${name} rejected the credentials sent: ${head.statusLine}`
        : `The ${name} requires authentication: ${head.statusLine}`,
      hint: hasCredentials
        ? `Check the proxy user name and password${asks}.`
        : `Set the proxy user name and password${asks}.`,
    };
  }
  if (head.statusCode === 403) {
    return {
      stage: 'proxy',
      code,
      message: `The ${name} refused to tunnel to ${target}: ${head.statusLine}`,
      hint: 'Proxies often allow CONNECT only to port 443 (squid: SSL_ports); check the proxy access rules for this host and port.',
    };
  }
  if (head.statusCode === 502 || head.statusCode === 503 || head.statusCode === 504) {
    return {
      stage: 'proxy',
      code,
      message: `The ${name} could not reach ${target}: ${head.statusLine}`,
      hint: 'The proxy accepted the request but its own connection to the target failed; check the target from the proxy side (DNS, port, firewall).',
    };
  }
  return {
    stage: 'proxy',
    code,
    message: `The ${name} did not open a tunnel to ${target}: ${head.statusLine}`,
    hint: 'The proxy answered CONNECT with an error; check that it supports CONNECT and its access rules.',
  };
}

/** Classifies a CONNECT response head that could not be parsed, or a proxy that hung up. */
export function classifyConnectProtocolError(reason: string, proxy: ExplicitProxy): DialFailure {
  return {
    stage: 'proxy',
    message: `The ${describeProxy(proxy)} sent no valid answer to CONNECT: ${reason}`,
    hint: 'Check that this port is an HTTP proxy (not a SOCKS proxy or a web server).',
  };
}

/** Classifies a SOCKS negotiation failure reported by the socks library. */
export function classifySocksFailure(message: string, proxy: ExplicitProxy, target: string): DialFailure {
  const name = describeProxy(proxy);
  const reading = readSocksError(message);
  switch (reading.kind) {
    case 'reply': {
      const code = reading.code >= 0 ? `SOCKS${reading.version}_0x${reading.code.toString(16).padStart(2, '0')}` : `SOCKS${reading.version}`;
      return {
        stage: 'proxy',
        code,
        message: `The ${name} could not connect to ${target}: ${reading.words}`,
        hint: socksReplyHint(reading.replyName, proxy.kind === 'socks4a' && !isIpAddress(target)),
      };
    }
    case 'auth-failed':
      return { stage: 'proxy', code: 'SOCKS5_AUTH', message: `The ${name} rejected the user name and password`, hint: 'Check the SOCKS user name and password.' };
    case 'no-acceptable-auth':
      return {
        stage: 'proxy',
        code: 'SOCKS5_AUTH',
        message: `The ${name} accepts none of the offered authentication methods`,
        hint: 'The proxy probably requires a user name and password; set them (or it requires a method Frameline does not offer).',
      };
    case 'not-socks':
      return { stage: 'proxy', message: `The ${name} does not speak SOCKS: ${reading.detail}`, hint: 'Check the proxy port and kind (HTTP CONNECT, SOCKS5, SOCKS4 or SOCKS4a).' };
    case 'closed':
      return { stage: 'proxy', message: `The ${name} closed the connection during SOCKS negotiation`, hint: 'Check the proxy kind, credentials and logs; some proxies hang up instead of answering with an error.' };
    case 'other':
      return { stage: 'proxy', message: `SOCKS negotiation with the ${name} failed: ${reading.detail}`, hint: 'Check the proxy kind, address and credentials.' };
  }
}

function socksReplyHint(replyName: string, isNameSentToSocks4: boolean): string {
  switch (replyName) {
    // A plain SOCKS4 server (Dante is one) reads the 4a name marker as a bad address and answers 0x5B.
    case 'Failed':
      return isNameSentToSocks4
        ? 'A SOCKS4 server without the 4a extension refuses host names: use socks4:// to resolve the name here, or SOCKS5; otherwise check the proxy logs and rules.'
        : 'The proxy refused the request; check its logs and rules.';
    case 'NotAllowed':
      return 'The proxy rules forbid this destination; check the proxy configuration.';
    case 'HostUnreachable':
    case 'NetworkUnreachable':
      return 'The proxy cannot reach the target: check the host name (with remote DNS the proxy resolves it) and its network.';
    case 'ConnectionRefused':
      return 'Nothing listens on the target port as seen from the proxy; check the port and that the server runs.';
    case 'TTLExpired':
      return 'The proxy gave up reaching the target; check the target is up and reachable from the proxy.';
    case 'AddressNotSupported':
      return 'The proxy does not accept this address type: try toggling remote DNS, or the other IP family.';
    case 'CommandNotSupported':
      return 'The proxy does not support CONNECT.';
    case 'Rejected':
    case 'RejectedIdent':
      return 'SOCKS4 servers that check identd need an identd on this machine; prefer SOCKS5.';
    default:
      return 'The proxy refused the request; check its logs and rules.';
  }
}

/** True when a `host:port` target (IPv6 in brackets) names an address rather than a host name. */
function isIpAddress(target: string): boolean {
  return isIP(target.replace(/:\d+$/, '').replace(/^\[|\]$/g, '')) !== 0;
}
