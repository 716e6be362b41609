import type { Socket } from 'node:net';
import { englishText } from '../../../shared/i18n/english-text.js';
import { message } from '../../../shared/i18n/message.js';
import type { DialAttempt } from './dial-attempt.js';
import type { Socks4aProxy, Socks5Proxy } from './dial-options.js';
import { formatHostPort } from './dial-target.js';
import type { SocksResolution } from './net-event.js';
import { describeProxy } from './proxy-failure.js';
import { SocksExchange, type RequestFacts, type SocksReply } from './socks-exchange.js';
import { readSocks4Reply, socks4ConnectRequest, socks4Granted } from './socks4-messages.js';
import { addressTypeOf, readMethodSelection, readPasswordStatus, readSocks5Reply, socks5ConnectRequest, socks5Greeting, socks5Methods, socks5PasswordRequest } from './socks5-messages.js';
import { replyCode, replyWords } from './socks-reply.js';

/**
 * Negotiates a SOCKS5 or SOCKS4/4a tunnel to `host`:`port` over an already connected socket (our
 * own TCP step, so DNS and TCP are timed and recorded like a direct dial). `host` is a name when
 * the proxy resolves it, else an address resolved here from `resolvedName`. Each part of the
 * exchange (RFC 1928 §3 method selection, RFC 1929 sub-negotiation, the request and its reply) is
 * recorded as a `socks-step` event when it ends, answered or not, so a failure names its part.
 */
export async function openSocksTunnel(attempt: DialAttempt, socket: Socket, proxy: Socks5Proxy | Socks4aProxy, host: string, port: number, resolvedName?: string): Promise<void> {
  const target = formatHostPort(host, port);
  attempt.enter('proxy', message('failure:proxy.tunnelTo', { proxy: describeProxy(proxy), target }));
  const startedMicros = attempt.now();
  const exchange = new SocksExchange(attempt, socket, proxy, target);
  const resolution: SocksResolution = addressTypeOf(host) === 'domain' ? 'remote' : resolvedName === undefined ? 'address' : 'local';
  const request = { target, resolution, ...(resolvedName === undefined ? {} : { resolvedName }) };
  const answer = proxy.kind === 'socks5' ? await negotiateSocks5(exchange, proxy, host, port, request) : await requestSocks4(exchange, proxy, host, port, request);
  exchange.reader.handBackRest();
  const version = proxy.kind === 'socks5' ? 5 : 4;
  attempt.emit({
    name: 'proxy-tunnel-established',
    proxyKind: proxy.kind,
    proxyAddress: socket.remoteAddress ?? proxy.host,
    proxyPort: socket.remotePort ?? proxy.port,
    target,
    statusLine: `SOCKS${version} reply ${replyCode(version, answer.reply)} (${englishText(replyWords(version, answer.reply))})`,
    boundAddress: answer.boundAddress,
    boundPort: answer.boundPort,
    durationMicros: attempt.now() - startedMicros,
  });
}

async function negotiateSocks5(exchange: SocksExchange, proxy: Socks5Proxy, host: string, port: number, request: RequestFacts): Promise<SocksReply> {
  const hasCredentials = proxy.username !== undefined || proxy.password !== undefined;
  // Offer username/password only with credentials to send; without, a server that requires them answers 0xFF.
  const offeredMethods: readonly number[] = hasCredentials ? [socks5Methods.noAuthentication, socks5Methods.usernamePassword] : [socks5Methods.noAuthentication];
  const method = { step: 'method', offeredMethods } as const;
  const selection = await exchange.ask(method, socks5Greeting(offeredMethods), readMethodSelection);
  const chosenMethod = selection.answer.method;
  if (!offeredMethods.includes(chosenMethod)) {
    exchange.record({ ...method, outcome: 'refused', chosenMethod }, selection.startedMicros);
    throw exchange.failure(chosenMethod === socks5Methods.noAcceptable ? { kind: 'no-acceptable-method', hasCredentials } : { kind: 'unoffered-method', method: chosenMethod });
  }
  exchange.record({ ...method, outcome: 'ok', chosenMethod }, selection.startedMicros);
  if (chosenMethod === socks5Methods.usernamePassword) {
    const credentials = socks5PasswordRequest(proxy.username ?? '', proxy.password ?? '');
    if (credentials === null) throw exchange.failure({ kind: 'credentials-too-long' });
    const status = await exchange.ask({ step: 'auth' }, credentials, readPasswordStatus);
    const authStatus = status.answer.status;
    exchange.record({ step: 'auth', outcome: authStatus === 0x00 ? 'ok' : 'refused', authStatus }, status.startedMicros);
    if (authStatus !== 0x00) throw exchange.failure({ kind: 'auth-rejected', status: authStatus });
  }
  const bytes = socks5ConnectRequest(host, port);
  if (bytes === null) throw exchange.failure({ kind: 'unsendable-target' });
  return exchange.request(request, bytes, readSocks5Reply, 0x00);
}

async function requestSocks4(exchange: SocksExchange, proxy: Socks4aProxy, host: string, port: number, request: RequestFacts): Promise<SocksReply> {
  const bytes = socks4ConnectRequest(host, port, proxy.userId ?? '');
  if (bytes === null) throw exchange.failure({ kind: 'unsendable-target' });
  return exchange.request(request, bytes, readSocks4Reply, socks4Granted);
}
