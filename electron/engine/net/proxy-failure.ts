import { isIP } from 'node:net';
import { message, type Message, type MessageValue } from '../../../shared/i18n/message.js';
import { dialFailure, type DialFailure } from './dial-failure.js';
import type { ExplicitProxy } from './dial-options.js';
import { formatHostPort } from './dial-target.js';
import { headerValue, type ConnectResponseHead } from './connect-response.js';
import { readSocksError } from './socks-reply.js';

const proxyKindKeys = {
  'http-connect': 'failure:proxy.http-connect',
  socks5: 'failure:proxy.socks5',
  socks4: 'failure:proxy.socks4',
  socks4a: 'failure:proxy.socks4a',
} as const satisfies Record<ExplicitProxy['kind'], string>;

/** Names a proxy for messages: `HTTP proxy 127.0.0.1:3128`. */
export function describeProxy(proxy: ExplicitProxy): Message {
  return message(proxyKindKeys[proxy.kind], { address: formatHostPort(proxy.host, proxy.port) });
}

/** Classifies a CONNECT response that did not open the tunnel (any status outside 2xx). */
export function classifyConnectRefusal(head: ConnectResponseHead, proxy: ExplicitProxy, target: string, hasCredentials: boolean): DialFailure {
  const values = { proxy: describeProxy(proxy), target, statusLine: head.statusLine };
  const code = `HTTP_${head.statusCode}`;
  if (head.statusCode === 407) {
    const challenge = headerValue(head.headers, 'proxy-authenticate');
    const hint = hasCredentials
      ? challenge === undefined ? message('failure:connect.hint.checkCredentials') : message('failure:connect.hint.checkCredentialsChallenge', { challenge })
      : challenge === undefined ? message('failure:connect.hint.setCredentials') : message('failure:connect.hint.setCredentialsChallenge', { challenge });
    return dialFailure('proxy', message(hasCredentials ? 'failure:connect.authRejected' : 'failure:connect.authRequired', values), hint, code);
  }
  if (head.statusCode === 403) return dialFailure('proxy', message('failure:connect.forbidden', values), forbiddenHint(head, target), code);
  if (head.statusCode === 502 || head.statusCode === 503 || head.statusCode === 504) {
    return dialFailure('proxy', message('failure:connect.unreachable', values), message('failure:connect.hint.unreachable'), code);
  }
  return dialFailure('proxy', message('failure:connect.refused', values), message('failure:connect.hint.refused'), code);
}

/**
 * squid names its refusal in X-Squid-Error; its stock squid.conf denies CONNECT to any port outside
 * SSL_ports (443), the usual reason a WebSocket on another port is refused, so that case gets the line to add.
 */
function forbiddenHint(head: ConnectResponseHead, target: string): Message {
  if (!/^ERR_ACCESS_DENIED\b/.test(headerValue(head.headers, 'x-squid-error') ?? '')) return message('failure:connect.hint.forbidden');
  const port = /:(\d+)$/.exec(target)?.[1] ?? '';
  return port !== '' && port !== '443' ? message('failure:connect.hint.forbiddenSquidPort', { port }) : message('failure:connect.hint.forbiddenSquid');
}

/** Classifies a CONNECT response head that could not be parsed, or a proxy that hung up. */
export function classifyConnectProtocolError(reason: MessageValue, proxy: ExplicitProxy): DialFailure {
  return dialFailure('proxy', message('failure:connect.badAnswer', { proxy: describeProxy(proxy), reason }), message('failure:connect.hint.badAnswer'));
}

/** Classifies a SOCKS negotiation failure reported by the socks library. */
export function classifySocksFailure(libraryMessage: string, proxy: ExplicitProxy, target: string): DialFailure {
  const name = describeProxy(proxy);
  const reading = readSocksError(libraryMessage);
  switch (reading.kind) {
    case 'reply': {
      const code = reading.code >= 0 ? `SOCKS${reading.version}_0x${reading.code.toString(16).padStart(2, '0')}` : `SOCKS${reading.version}`;
      return dialFailure('proxy', message('failure:socks.replied', { proxy: name, target, reply: reading.words }), socksReplyHint(reading.replyName, proxy.kind === 'socks4a' && !isIpAddress(target)), code);
    }
    case 'auth-failed':
      return dialFailure('proxy', message('failure:socks.authRejected', { proxy: name }), message('failure:socks.hint.authRejected'), 'SOCKS5_AUTH');
    case 'no-acceptable-auth':
      return dialFailure('proxy', message('failure:socks.noAcceptableAuth', { proxy: name }), message('failure:socks.hint.noAcceptableAuth'), 'SOCKS5_AUTH');
    case 'not-socks':
      return dialFailure('proxy', message('failure:socks.notSocks', { proxy: name, detail: reading.detail }), message('failure:socks.hint.notSocks'));
    case 'closed':
      return dialFailure('proxy', message('failure:socks.closed', { proxy: name }), message('failure:socks.hint.closed'));
    case 'other':
      return dialFailure('proxy', message('failure:socks.other', { proxy: name, detail: reading.detail }), message('failure:socks.hint.other'));
  }
}

/** An invalid proxy choice before any connection: a host that would split the CONNECT request, or a bad environment variable. */
export function proxyRequestFailure(problem: { readonly host: string } | { readonly variable: string; readonly reason: Message }): DialFailure {
  return 'host' in problem
    ? dialFailure('proxy', message('failure:connect.invalidHost', { host: JSON.stringify(problem.host) }), message('failure:connect.hint.invalidHost'))
    : dialFailure('proxy', message('failure:connect.environment', { reason: problem.reason }), message('failure:connect.hint.environment', { variable: problem.variable }));
}

function socksReplyHint(replyName: string, isNameSentToSocks4: boolean): Message {
  switch (replyName) {
    // A plain SOCKS4 server (Dante is one) reads the 4a name marker as a bad address and answers 0x5B.
    case 'Failed':
      return message(isNameSentToSocks4 ? 'failure:socks.hint.nameToSocks4' : 'failure:socks.hint.refused');
    case 'NotAllowed':
      return message('failure:socks.hint.notAllowed');
    case 'HostUnreachable':
    case 'NetworkUnreachable':
      return message('failure:socks.hint.unreachable');
    case 'ConnectionRefused':
      return message('failure:socks.hint.connectionRefused');
    case 'TTLExpired':
      return message('failure:socks.hint.ttlExpired');
    case 'AddressNotSupported':
      return message('failure:socks.hint.addressNotSupported');
    case 'CommandNotSupported':
      return message('failure:socks.hint.commandNotSupported');
    case 'Rejected':
    case 'RejectedIdent':
      return message('failure:socks.hint.identd');
    default:
      return message('failure:socks.hint.refused');
  }
}

/** True when a `host:port` target (IPv6 in brackets) names an address rather than a host name. */
function isIpAddress(target: string): boolean {
  return isIP(target.replace(/:\d+$/, '').replace(/^\[|\]$/g, '')) !== 0;
}
