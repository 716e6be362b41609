import { WebSocket, WebSocketServer } from 'ws';
import type { RunningPeer } from './running-peer.js';

/**
 * A single `ws` server that broadcasts every message it receives to every connected client, as
 * sent (a chat room), naming itself in `X-Served-By`; in process, for tests of the fan-out
 * probe's window and CLI paths that need no cluster.
 */
export async function startBroadcastWsServer(name = 'solo'): Promise<RunningPeer & { url: string; connections(): number }> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: 64 * 1024, backlog: 2048 });
  let connections = 0;
  server.on('headers', (headers) => headers.push(`X-Served-By: ${name}`));
  server.on('connection', (socket) => {
    connections += 1;
    socket.on('error', () => undefined);
    socket.on('message', (data, isBinary) => {
      for (const client of server.clients) if (client.readyState === WebSocket.OPEN) client.send(data, { binary: isBinary });
    });
  });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    host: '127.0.0.1',
    port,
    url: `ws://127.0.0.1:${port}/`,
    connections: () => connections,
    logs: () => `${connections} connections`,
    stop: async () => {
      for (const client of server.clients) client.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
