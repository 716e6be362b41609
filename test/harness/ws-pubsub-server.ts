import { randomBytes } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { LogBuffer } from './log-buffer.js';
import type { RunningPeer } from './running-peer.js';

/** The `ws` library running the log-in/subscribe/push protocol of python/pubsub_server.py. */
export interface WsPubsubPeer extends RunningPeer {
  readonly url: string;
  /** Every message sent, by connection number. */
  sent(): Map<number, unknown[]>;
  /** Request headers of each connection, as raw name/value pairs in arrival order. */
  headers(): Map<number, [string, string][]>;
}

/** Starts it on loopback; same messages and replies as the Python server, so one scenario runs against both. */
export async function startWsPubsub(options: { readonly password?: string } = {}): Promise<WsPubsubPeer> {
  const password = options.password ?? 's3cret';
  const log = new LogBuffer();
  const sent = new Map<number, unknown[]>();
  const headers = new Map<number, [string, string][]>();
  let nextConnection = 1;
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', (socket: WebSocket, request) => {
    const connection = nextConnection++;
    const pairs: [string, string][] = [];
    for (let index = 0; index < request.rawHeaders.length; index += 2) pairs.push([request.rawHeaders[index]!, request.rawHeaders[index + 1]!]);
    headers.set(connection, pairs);
    sent.set(connection, []);
    const state: { session: string | null; order: string | null; ticks: NodeJS.Timeout | null; count: number } = { session: null, order: null, ticks: null, count: 0 };
    const send = (message: unknown): void => {
      const text = JSON.stringify(message);
      socket.send(text);
      state.count++;
      sent.get(connection)!.push(message);
      log.append(`[ws-pubsub] SENT conn=${connection} ${text}\n`);
    };
    socket.on('message', (data) => {
      let message: { op?: string; user?: string; password?: string; session?: string; topic?: string; orderId?: string };
      try {
        message = JSON.parse(String(data)) as typeof message;
      } catch {
        send({ op: 'error', reason: 'not JSON' });
        return;
      }
      if (message.op === 'login') {
        if (message.password !== password) return socket.close(4001, 'bad password');
        state.session = `sess-${randomBytes(4).toString('hex')}`;
        return send({ op: 'welcome', user: message.user, session: state.session });
      }
      if (state.session === null || message.session !== state.session) return send({ op: 'error', reason: 'not logged in' });
      if (message.op === 'subscribe') {
        send({ op: 'subscribed', topic: message.topic });
        setTimeout(() => {
          state.order = `ord-${randomBytes(3).toString('hex')}`;
          if (socket.readyState === socket.OPEN) send({ op: 'event', topic: message.topic, data: { orderId: state.order, price: 42.5 } });
        }, 50);
        return;
      }
      if (message.op === 'ack') return send(message.orderId === state.order ? { op: 'acked', orderId: state.order } : { op: 'error', reason: `unknown order ${message.orderId}` });
    });
    socket.on('close', () => {
      if (state.ticks) clearInterval(state.ticks);
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
    sent: () => sent,
    headers: () => headers,
    logs: () => log.toString(),
    stop: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}
