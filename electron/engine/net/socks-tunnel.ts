import type { Socket } from 'node:net';
import type { SocksProxy } from 'socks';
import { message } from '../../../shared/i18n/message.js';
import { DialError } from './dial-failure.js';
import type { DialAttempt } from './dial-attempt.js';
import type { Socks4aProxy, Socks5Proxy } from './dial-options.js';
import { formatHostPort } from './dial-target.js';
import { classifySocksFailure, describeProxy } from './proxy-failure.js';
import { toSystemError } from './system-error.js';

/**
 * Negotiates a SOCKS5 or SOCKS4a tunnel to `host`:`port` over an already connected socket (our
 * own TCP step, so DNS and TCP are timed and recorded like a direct dial). `host` is a name
 * when the proxy resolves, else an address resolved here.
 */
export async function openSocksTunnel(attempt: DialAttempt, socket: Socket, proxy: Socks5Proxy | Socks4aProxy, host: string, port: number): Promise<void> {
  const target = formatHostPort(host, port);
  attempt.enter('proxy', message('failure:proxy.tunnelTo', { proxy: describeProxy(proxy), target }));
  const startedMicros = attempt.now();
  const onAbort = (): void => {
    socket.destroy();
  };
  attempt.signal.addEventListener('abort', onAbort, { once: true });
  try {
    // Loaded on first use: most dials have no proxy, and the library costs start-up time (docs/performance.md).
    const { SocksClient } = await import('socks');
    await SocksClient.createConnection({
      command: 'connect',
      destination: { host, port },
      proxy: toSocksProxy(proxy),
      existing_socket: socket,
      // Our own timer governs; the library's (30 s default) only matters when ours is off.
      ...(attempt.timeoutMs > 0 ? { timeout: attempt.timeoutMs } : {}),
    });
  } catch (error) {
    if (attempt.isTimedOut) throw error;
    throw new DialError(classifySocksFailure(toSystemError(error).message, proxy, target));
  } finally {
    attempt.signal.removeEventListener('abort', onAbort);
  }
  await settleAfterSocks(socket);
  attempt.emit({
    name: 'proxy-tunnel-established',
    proxyKind: proxy.kind,
    proxyAddress: socket.remoteAddress ?? proxy.host,
    proxyPort: socket.remotePort ?? proxy.port,
    target,
    statusLine: proxy.kind === 'socks5' ? 'SOCKS5 reply: succeeded' : 'SOCKS4 reply: request granted',
    durationMicros: attempt.now() - startedMicros,
  });
}

function toSocksProxy(proxy: Socks5Proxy | Socks4aProxy): SocksProxy {
  return proxy.kind === 'socks5'
    ? { host: proxy.host, port: proxy.port, type: 5, userId: proxy.username, password: proxy.password }
    : { host: proxy.host, port: proxy.port, type: 4, userId: proxy.userId };
}

/**
 * After 'established' the socks library re-emits any bytes that came after the reply as a
 * 'data' event and resumes the socket on the next turn. Catch those bytes, wait for that turn,
 * then pause with the bytes unshifted, so none are lost before the caller attaches its reader
 * (`handBack` then makes the socket start flowing on the caller's first 'data' listener).
 */
async function settleAfterSocks(socket: Socket): Promise<void> {
  const early: Buffer[] = [];
  const collect = (chunk: Buffer): void => {
    early.push(chunk);
  };
  socket.on('data', collect);
  await new Promise<void>((resolve) => setImmediate(resolve));
  socket.off('data', collect);
  socket.pause();
  if (early.length > 0) socket.unshift(Buffer.concat(early));
}
