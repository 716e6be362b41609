import type { IncomingMessage } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { LogBuffer } from './log-buffer.js';
import type { RunningPeer } from './running-peer.js';

/** The `ws` library running the chat room of python/chat_server.py. */
export interface WsChatPeer extends RunningPeer {
  readonly url: string;
  /** Every message the room received, in arrival order, as `name: text`. */
  received(): string[];
}

/** Starts it on loopback: every text message is broadcast to the other clients as `{"from","text"}`. */
export async function startWsChat(): Promise<WsChatPeer> {
  const log = new LogBuffer();
  const received: string[] = [];
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', (socket: WebSocket, request: IncomingMessage) => {
    const name = new URL(request.url ?? '/', 'ws://chat').searchParams.get('name') ?? 'anonymous';
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      const text = String(data);
      received.push(`${name}: ${text}`);
      log.append(`[ws-chat] RECV ${name} ${text}\n`);
      const payload = JSON.stringify({ from: name, text });
      for (const other of server.clients) if (other !== socket && other.readyState === other.OPEN) other.send(payload);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    host: '127.0.0.1',
    port,
    url: `ws://127.0.0.1:${port}/`,
    received: () => [...received],
    logs: () => log.toString(),
    stop: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}
