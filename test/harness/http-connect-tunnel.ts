import { connect } from 'node:net';
import type { Socket } from 'node:net';

/** Options for `openHttpConnectTunnel`. */
export interface HttpConnectTunnelOptions {
  readonly proxyPort: number;
  readonly targetHost: string;
  readonly targetPort: number;
  readonly auth?: { readonly username: string; readonly password: string };
  readonly timeoutMs?: number;
}

/** The proxy's answer to CONNECT; `socket` is the open tunnel when `status` is 200. */
export interface HttpConnectTunnel {
  readonly status: number;
  /** The proxy's response head, for error messages. */
  readonly head: string;
  readonly socket: Socket;
}

/**
 * Sends CONNECT (RFC 9110 §9.3.6) to a proxy on loopback and resolves with its answer. A
 * hand-written client on purpose: the test must see the proxy's exact status and nothing may
 * read past the response head, because the tunnel's first bytes belong to the WebSocket.
 */
export function openHttpConnectTunnel(options: HttpConnectTunnelOptions): Promise<HttpConnectTunnel> {
  const authority = `${options.targetHost}:${options.targetPort}`;
  const credentials = options.auth ? Buffer.from(`${options.auth.username}:${options.auth.password}`).toString('base64') : undefined;
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: options.proxyPort });
    socket.setTimeout(options.timeoutMs ?? 5_000, () => {
      socket.destroy();
      reject(new Error(`no CONNECT answer from 127.0.0.1:${options.proxyPort}`));
    });
    socket.once('error', reject);
    socket.once('connect', () =>
      socket.write(
        `CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n` +
          (credentials ? `Proxy-Authorization: Basic ${credentials}\r\n` : '') +
          '\r\n',
      ),
    );
    // Paused-mode reading: once the 'readable' listener is gone the socket buffers (neither
    // flowing nor dropping bytes) until the tunnel's user attaches its own 'data' listener.
    let buffered = Buffer.alloc(0);
    const onReadable = (): void => {
      let chunk: Buffer | null;
      while ((chunk = socket.read() as Buffer | null) !== null) {
        buffered = Buffer.concat([buffered, chunk]);
        const end = buffered.indexOf('\r\n\r\n');
        if (end === -1) continue;
        socket.off('readable', onReadable);
        socket.setTimeout(0);
        socket.off('error', reject);
        const rest = buffered.subarray(end + 4);
        if (rest.length > 0) socket.unshift(rest);
        const head = buffered.subarray(0, end).toString('latin1');
        resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0), head, socket });
        return;
      }
    };
    socket.on('readable', onReadable);
  });
}
