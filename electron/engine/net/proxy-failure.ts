import { message, type Message, type MessageValue } from '../../../shared/i18n/message.js';
import { dialFailure, type DialFailure } from './dial-failure.js';
import type { ExplicitProxy } from './dial-options.js';
import { formatHostPort } from './dial-target.js';
import { headerValue, type ConnectResponseHead } from './connect-response.js';
import { methodWords, replyCode, replyWords } from './socks-reply.js';

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

/** What went wrong in a SOCKS exchange, as the tunnel read it off the wire. */
export type SocksProblem =
  | { readonly kind: 'reply'; readonly version: 4 | 5; readonly code: number; readonly isNameToSocks4: boolean }
  | { readonly kind: 'no-acceptable-method'; readonly hasCredentials: boolean }
  | { readonly kind: 'unoffered-method'; readonly method: number }
  | { readonly kind: 'auth-rejected'; readonly status: number }
  | { readonly kind: 'credentials-too-long' }
  | { readonly kind: 'unsendable-target' }
  | { readonly kind: 'not-socks'; readonly detail: string }
  | { readonly kind: 'closed' }
  | { readonly kind: 'socket-error'; readonly detail: string };

/** Words a SOCKS exchange's failure, with the hint for its part of the exchange (RFC 1928, RFC 1929). */
export function classifySocksFailure(problem: SocksProblem, proxy: ExplicitProxy, target: string): DialFailure {
  const name = describeProxy(proxy);
  switch (problem.kind) {
    case 'reply': {
      const code = `SOCKS${problem.version}_0x${problem.code.toString(16).padStart(2, '0')}`;
      const reply = message('failure:socks.replyCode', { code: replyCode(problem.version, problem.code), words: replyWords(problem.version, problem.code) });
      return dialFailure('proxy', message('failure:socks.replied', { proxy: name, target, reply }), socksReplyHint(problem.version, problem.code, problem.isNameToSocks4), code);
    }
    case 'auth-rejected':
      return dialFailure('proxy', message('failure:socks.authRejected', { proxy: name }), message('failure:socks.hint.authRejected'), 'SOCKS5_AUTH');
    case 'no-acceptable-method':
      return dialFailure('proxy', message('failure:socks.noAcceptableAuth', { proxy: name }), message(problem.hasCredentials ? 'failure:socks.hint.noAcceptableAuth' : 'failure:socks.hint.setCredentials'), 'SOCKS5_AUTH');
    case 'unoffered-method':
      return dialFailure('proxy', message('failure:socks.unofferedMethod', { proxy: name, method: methodWords(problem.method) }), message('failure:socks.hint.notSocks'), 'SOCKS5_METHOD');
    case 'credentials-too-long':
      return dialFailure('proxy', message('failure:socks.credentialsTooLong', { proxy: name }), message('failure:socks.hint.credentialsTooLong'));
    case 'unsendable-target':
      return dialFailure('proxy', message('failure:socks.unsendableTarget', { proxy: name, target }), message('failure:socks.hint.addressNotSupported'));
    case 'not-socks':
      return dialFailure('proxy', message('failure:socks.notSocks', { proxy: name, detail: problem.detail }), message('failure:socks.hint.notSocks'));
    case 'closed':
      return dialFailure('proxy', message('failure:socks.closed', { proxy: name }), message('failure:socks.hint.closed'));
    case 'socket-error':
      return dialFailure('proxy', message('failure:socks.other', { proxy: name, detail: problem.detail }), message('failure:socks.hint.other'));
  }
}

/** An invalid proxy choice before any connection: a host that would split the CONNECT request, or a bad environment variable. */
export function proxyRequestFailure(problem: { readonly host: string } | { readonly variable: string; readonly reason: Message }): DialFailure {
  return 'host' in problem
    ? dialFailure('proxy', message('failure:connect.invalidHost', { host: JSON.stringify(problem.host) }), message('failure:connect.hint.invalidHost'))
    : dialFailure('proxy', message('failure:connect.environment', { reason: problem.reason }), message('failure:connect.hint.environment', { variable: problem.variable }));
}

function socksReplyHint(version: 4 | 5, code: number, isNameToSocks4: boolean): Message {
  if (version === 4) {
    // A plain SOCKS4 server (Dante is one) reads the 4a name marker as a bad address and answers 91.
    if (code === 91) return message(isNameToSocks4 ? 'failure:socks.hint.nameToSocks4' : 'failure:socks.hint.refused');
    return message(code === 92 || code === 93 ? 'failure:socks.hint.identd' : 'failure:socks.hint.refused');
  }
  switch (code) {
    case 0x02:
      return message('failure:socks.hint.notAllowed');
    case 0x03:
    case 0x04:
      return message('failure:socks.hint.unreachable');
    case 0x05:
      return message('failure:socks.hint.connectionRefused');
    case 0x06:
      return message('failure:socks.hint.ttlExpired');
    case 0x07:
      return message('failure:socks.hint.commandNotSupported');
    case 0x08:
      return message('failure:socks.hint.addressNotSupported');
    default:
      return message('failure:socks.hint.refused');
  }
}
