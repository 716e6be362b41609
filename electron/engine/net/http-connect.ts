import type { Socket } from 'node:net';
import { message } from '../../../shared/i18n/message.js';
import { parseConnectResponse, type ConnectResponseHead } from './connect-response.js';
import { DialError } from './dial-failure.js';
import type { DialAttempt } from './dial-attempt.js';
import type { HttpConnectProxy } from './dial-options.js';
import { classifyConnectProtocolError, classifyConnectRefusal, describeProxy } from './proxy-failure.js';
import { SocketClosedError } from './wait-for-socket.js';

/** The CONNECT request bytes: request line, Host, and Basic credentials when given. */
export function buildConnectRequest(target: string, proxy: Pick<HttpConnectProxy, 'username' | 'password'>): Buffer {
  const lines = [`CONNECT ${target} HTTP/1.1`, `Host: ${target}`];
  if (proxy.username !== undefined || proxy.password !== undefined) {
    const credentials = Buffer.from(`${proxy.username ?? ''}:${proxy.password ?? ''}`, 'utf8').toString('base64');
    lines.push(`Proxy-Authorization: Basic ${credentials}`);
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
}

/**
 * Asks an HTTP proxy to open a tunnel to `target` (host:port) over a connected socket. On a 2xx
 * answer, any bytes after the head belong to the tunnel and are unshifted back onto the socket.
 */
export async function openHttpConnectTunnel(attempt: DialAttempt, socket: Socket, proxy: HttpConnectProxy, target: string): Promise<ConnectResponseHead> {
  attempt.enter('proxy', message('failure:proxy.connectTo', { proxy: describeProxy(proxy), target }));
  const startedMicros = attempt.now();
  socket.write(buildConnectRequest(target, proxy));
  const head = await readConnectResponse(attempt, socket, proxy);
  if (head.statusCode < 200 || head.statusCode > 299) {
    socket.destroy();
    const hasCredentials = proxy.username !== undefined || proxy.password !== undefined;
    throw new DialError(classifyConnectRefusal(head, proxy, target, hasCredentials));
  }
  attempt.emit({
    name: 'proxy-tunnel-established',
    proxyKind: 'http-connect',
    proxyAddress: socket.remoteAddress ?? proxy.host,
    proxyPort: socket.remotePort ?? proxy.port,
    target,
    statusLine: head.statusLine,
    durationMicros: attempt.now() - startedMicros,
  });
  return head;
}

/** Collects bytes until the head is complete, invalid, or the socket ends or the timer fires. */
function readConnectResponse(attempt: DialAttempt, socket: Socket, proxy: HttpConnectProxy): Promise<ConnectResponseHead> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const cleanup = (): void => {
      socket.off('data', onData);
      socket.off('error', onError);
      socket.off('end', onEnd);
      socket.off('close', onEnd);
      attempt.signal.removeEventListener('abort', onAbort);
    };
    const onData = (chunk: Buffer): void => {
      chunks.push(chunk);
      const received = Buffer.concat(chunks);
      const parsed = parseConnectResponse(received);
      if (parsed.state === 'incomplete') return;
      cleanup();
      socket.pause();
      if (parsed.state === 'invalid') {
        reject(new DialError(classifyConnectProtocolError(parsed.reason, proxy)));
        return;
      }
      if (received.length > parsed.headLength) socket.unshift(received.subarray(parsed.headLength));
      resolve(parsed.head);
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(new DialError(classifyConnectProtocolError(message('failure:connect.connectionFailed', { error: error.message }), proxy)));
    };
    const onEnd = (): void => {
      cleanup();
      const reason = message(chunks.length === 0 ? 'failure:connect.closedWithoutAnswer' : 'failure:connect.closedMidAnswer');
      reject(new DialError(classifyConnectProtocolError(reason, proxy)));
    };
    const onAbort = (): void => {
      cleanup();
      socket.destroy();
      reject(attempt.signal.reason);
    };
    if (attempt.signal.aborted) return onAbort();
    if (socket.destroyed) return reject(new SocketClosedError('socket closed'));
    socket.on('data', onData);
    socket.once('error', onError);
    socket.once('end', onEnd);
    socket.once('close', onEnd);
    attempt.signal.addEventListener('abort', onAbort, { once: true });
  });
}
