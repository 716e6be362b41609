import type { Server, Socket } from 'node:net';
import type { RunningPeer } from './running-peer.js';

/** A listening in-process server whose connections are tracked so `close` can cut them all. */
export interface LoopbackServer {
  readonly port: number;
  /** Destroys every open connection and closes the listener; safe to call twice. */
  close(): Promise<void>;
}

/**
 * Listens on 127.0.0.1 with a kernel-chosen port. Connections are tracked because
 * `server.close()` alone waits for them, and a test's afterAll must not hang on a half-open peer.
 */
export function listenOnLoopback(server: Server): Promise<LoopbackServer> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= new Promise((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    }));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      if (typeof address !== 'object' || address === null) return reject(new Error('server has no TCP address'));
      resolve({ port: address.port, close });
    });
  });
}

/** A raw in-process peer on loopback, dialled as a `ws://` endpoint, with its log. */
export async function startLoopbackPeer(server: Server, log: { toString(): string }): Promise<RunningPeer> {
  const listening = await listenOnLoopback(server);
  return {
    host: '127.0.0.1',
    port: listening.port,
    url: `ws://127.0.0.1:${listening.port}/`,
    stop: listening.close,
    logs: () => log.toString(),
  };
}
