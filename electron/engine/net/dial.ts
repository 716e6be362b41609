import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { notedText } from '../../../shared/i18n/event-text.js';
import { message } from '../../../shared/i18n/message.js';
import { DialAttempt } from './dial-attempt.js';
import { DialError, dialFailure, type DialFailure } from './dial-failure.js';
import type { DialHooks, DialOptions, DialResult, ExplicitProxy } from './dial-options.js';
import { handBack } from './hand-back.js';
import { formatHostPort, parseDialTarget, type DialTarget } from './dial-target.js';
import { resolveEnvironmentProxy } from './environment-proxy.js';
import { openHttpConnectTunnel } from './http-connect.js';
import { proxyRequestFailure } from './proxy-failure.js';
import { resolveHost } from './resolve-host.js';
import { checkSettings } from './settings-check.js';
import { openSocksTunnel } from './socks-tunnel.js';
import { toSystemError } from './system-error.js';
import { connectTcp } from './tcp-connect.js';
import { timeoutFailure } from './timeout-failure.js';
import { readTlsMaterial, upgradeToTls } from './tls-upgrade.js';
import type { TlsSummary } from '../../../shared/contract/capture.js';

/**
 * Opens a byte stream to a ws:// or wss:// URL, ready for the WebSocket handshake: DNS, TCP, an
 * optional proxy tunnel and TLS, each recorded as an event through `hooks`. Network problems come
 * back as a classified failure, never as an exception; a URL that is not ws/wss throws TypeError.
 */
export async function dial(options: DialOptions, hooks: DialHooks): Promise<DialResult> {
  const target = parseDialTarget(options.url, options.connectTo);
  const attempt = new DialAttempt(hooks, options.connectTimeoutMs);
  try {
    checkSettings(options);
    const material = target.isSecure ? await readTlsMaterial(options.tls ?? {}) : {};
    const proxy = chooseProxy(options, hooks, target, attempt);
    const tcp = proxy === null ? await connectDirect(attempt, target, options.family) : await connectThroughProxy(attempt, target, proxy, options.family);
    let socket: Duplex = tcp;
    let tls: TlsSummary | undefined;
    if (target.isSecure) {
      const upgraded = await upgradeToTls(attempt, tcp, options.tls ?? {}, material, target.urlHost);
      socket = upgraded.socket;
      tls = upgraded.summary;
    }
    await handBack(socket);
    attempt.succeed();
    return {
      ok: true,
      socket,
      remote: { address: tcp.remoteAddress ?? '', port: tcp.remotePort ?? 0 },
      local: { address: tcp.localAddress ?? '', port: tcp.localPort ?? 0 },
      ...(tls === undefined ? {} : { tls }),
    };
  } catch (error) {
    attempt.fail();
    return { ok: false, failure: toFailure(error, attempt) };
  }
}

async function connectDirect(attempt: DialAttempt, target: DialTarget, family?: 4 | 6): Promise<Socket> {
  const addresses = await resolveHost(attempt, target.dialHost, 'server', family);
  return connectTcp(attempt, addresses, target.dialPort, 'server');
}

async function connectThroughProxy(attempt: DialAttempt, target: DialTarget, proxy: ExplicitProxy, family?: 4 | 6): Promise<Socket> {
  const proxyAddresses = await resolveHost(attempt, proxy.host, 'proxy', family);
  const socket = await connectTcp(attempt, proxyAddresses, proxy.port, 'proxy');
  if (proxy.kind === 'http-connect') {
    await openHttpConnectTunnel(attempt, socket, proxy, checkedRequestTarget(target));
    return socket;
  }
  // SOCKS5 without remote DNS and SOCKS4 send an address resolved here (SOCKS4 carries IPv4 only); SOCKS4a and socks5h send the name.
  const resolvesHere = (proxy.kind === 'socks5' && !proxy.remoteDns) || proxy.kind === 'socks4';
  const host = resolvesHere ? await firstAddress(attempt, target, proxy.kind === 'socks4' ? 4 : family) : target.dialHost;
  await openSocksTunnel(attempt, socket, proxy, host, target.dialPort, resolvesHere && host !== target.dialHost ? target.dialHost : undefined);
  return socket;
}

async function firstAddress(attempt: DialAttempt, target: DialTarget, family?: 4 | 6): Promise<string> {
  const addresses = await resolveHost(attempt, target.dialHost, 'server', family);
  return addresses[0] ?? target.dialHost;
}

/** The CONNECT target; a host with spaces or control characters would split the request. */
function checkedRequestTarget(target: DialTarget): string {
  if ([...target.dialHost].some((character) => character.charCodeAt(0) <= 0x20 || character.charCodeAt(0) === 0x7f)) {
    throw new DialError(proxyRequestFailure({ host: target.dialHost }));
  }
  return formatHostPort(target.dialHost, target.dialPort);
}

/** The explicit proxy to use, or null; an environment choice is explained in a `note` event. */
function chooseProxy(options: DialOptions, hooks: DialHooks, target: DialTarget, attempt: DialAttempt): ExplicitProxy | null {
  const proxy = options.proxy ?? { kind: 'none' };
  if (proxy.kind === 'none') return null;
  if (proxy.kind !== 'environment') return proxy;
  const decision = resolveEnvironmentProxy(hooks.env ?? process.env, { isSecure: target.isSecure, host: target.dialHost, port: target.dialPort });
  switch (decision.kind) {
    case 'proxy':
      attempt.emit({ name: 'note', ...notedText(message('failure:environmentProxy.chosen', { variable: decision.variable, url: decision.redactedUrl })) });
      return decision.proxy;
    case 'direct':
      attempt.emit({ name: 'note', ...notedText(message('failure:environmentProxy.direct', { reason: decision.reason })) });
      return null;
    case 'invalid':
      throw new DialError(proxyRequestFailure({ variable: decision.variable, reason: decision.reason }));
  }
}

function toFailure(error: unknown, attempt: DialAttempt): DialFailure {
  if (attempt.isTimedOut) return timeoutFailure(attempt.stage, attempt.timeoutMs, attempt.subject);
  if (error instanceof DialError) return error.failure;
  const system = toSystemError(error);
  return dialFailure(attempt.stage, message('failure:dial.unrecognised', { stage: attempt.stage, error: system.message }), message('failure:dial.hint.unrecognised'), system.code);
}
