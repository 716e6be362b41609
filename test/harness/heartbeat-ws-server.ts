import { WebSocketServer, type WebSocket } from 'ws';
import type { RunningPeer } from './running-peer.js';

/**
 * A `ws` server with the heartbeat its documentation recommends: every `intervalMs` it terminates
 * each client that did not answer the previous ping (`isAlive` still false), then pings the rest.
 * A client that stops answering is dropped between one and two intervals after its first
 * unanswered ping, with no close frame (`terminate()` only ends TCP).
 */
export async function startHeartbeatWsServer(intervalMs: number): Promise<RunningPeer & { url: string; terminated(): number }> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  const alive = new WeakMap<WebSocket, boolean>();
  let terminated = 0;
  server.on('connection', (socket) => {
    alive.set(socket, true);
    socket.on('pong', () => alive.set(socket, true));
    socket.on('error', () => undefined);
  });
  const heartbeat = setInterval(() => {
    for (const socket of server.clients) {
      if (alive.get(socket) === false) {
        terminated += 1;
        socket.terminate();
        continue;
      }
      alive.set(socket, false);
      socket.ping();
    }
  }, intervalMs);
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    host: '127.0.0.1',
    port,
    url: `ws://127.0.0.1:${port}/`,
    terminated: () => terminated,
    logs: () => `heartbeat every ${intervalMs} ms; ${terminated} clients terminated`,
    stop: async () => {
      clearInterval(heartbeat);
      for (const socket of server.clients) socket.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
