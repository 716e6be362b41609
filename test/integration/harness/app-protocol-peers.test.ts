import { createRequire } from 'node:module';
import { createClient } from 'graphql-ws';
import mqtt from 'mqtt';
import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startGraphqlWsServer } from '../../harness/graphql-ws-server.js';
import { startMosquitto } from '../../harness/mosquitto.js';
import { startPythonSocketio } from '../../harness/python-socketio-server.js';
import { requirePeer } from '../../harness/require-peer.js';
import type { RunningPeer } from '../../harness/running-peer.js';
import { startSocketIoServer } from '../../harness/socket-io-server.js';

const pythonSocketio = requirePeer('python-socketio');
const mosquitto = requirePeer('mosquitto');

const peers: RunningPeer[] = [];
const cleanups: Array<() => void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await Promise.all(peers.splice(0).map((peer) => peer.stop()));
});

/** The HTTP origin of a Socket.IO WebSocket URL, for socket.io-client. */
function origin(url: string): string {
  return url.replace(/^ws:/, 'http:').replace(/\/socket\.io\/.*$/, '');
}

async function emitWithAck(socket: Socket, event: string, payload: unknown): Promise<unknown> {
  return socket.timeout(5_000).emitWithAck(event, payload);
}

describe('Socket.IO peers, proven with socket.io-client', () => {
  it('socket.io v4: /chat acknowledges chat:message', async () => {
    const server = await startSocketIoServer({ version: 4, pingIntervalMs: 1000, pingTimeoutMs: 1000 });
    peers.push(server);
    const socket = io(`${origin(server.url)}/chat`, { transports: ['websocket'], reconnection: false });
    cleanups.push(() => socket.close());
    expect(await emitWithAck(socket, 'chat:message', { text: 'hi' })).toEqual({ ok: true, echo: { text: 'hi' } });
  });

  it('socket.io@2 (Engine.IO 3): /chat acknowledges chat:message for socket.io-client@2', async () => {
    const server = await startSocketIoServer({ version: 2, pingIntervalMs: 1000, pingTimeoutMs: 1000 });
    peers.push(server);
    const ioV2 = createRequire(import.meta.url)('socket.io-client-v2') as (url: string, options: Record<string, unknown>) => { emit(event: string, payload: unknown, ack: (answer: unknown) => void): void; close(): void };
    const socket = ioV2(`${origin(server.url)}/chat`, { transports: ['websocket'], reconnection: false, forceNew: true });
    cleanups.push(() => socket.close());
    const answer = await new Promise((resolve) => socket.emit('chat:message', { text: 'v2' }, resolve));
    expect(answer).toEqual({ ok: true, echo: { text: 'v2' } });
  });

  describe.skipIf(!pythonSocketio.isAvailable)('python-socketio', () => {
    it('acknowledges chat:message in /chat', async () => {
      const server = await startPythonSocketio({ pingIntervalMs: 1000, pingTimeoutMs: 1000 });
      peers.push(server);
      const socket = io(`${origin(server.url)}/chat`, { transports: ['websocket'], reconnection: false });
      cleanups.push(() => socket.close());
      expect(await emitWithAck(socket, 'chat:message', 'py')).toEqual({ ok: true, echo: 'py' });
    });
  });
});

describe('graphql-ws peer, proven with the graphql-ws client', () => {
  it('streams a subscription and completes', async () => {
    const server = await startGraphqlWsServer();
    peers.push(server);
    const client = createClient({ url: server.url, webSocketImpl: WebSocket, retryAttempts: 0 });
    cleanups.push(() => void client.dispose());
    const ticks: unknown[] = [];
    await new Promise<void>((resolve, reject) => {
      client.subscribe({ query: 'subscription { tick(count: 3) }' }, { next: (value) => ticks.push(value.data), error: reject, complete: resolve });
    });
    expect(ticks).toEqual([{ tick: 1 }, { tick: 2 }, { tick: 3 }]);
  });
});

describe.skipIf(!mosquitto.isAvailable)('mosquitto peer, proven with MQTT.js', () => {
  it('delivers a QoS 1 publish to a subscriber over WebSocket', async () => {
    const broker = await startMosquitto();
    peers.push(broker);
    const client = await mqtt.connectAsync(broker.url, { protocolVersion: 5, reconnectPeriod: 0, connectTimeout: 5_000 });
    cleanups.push(() => void client.end(true));
    await client.subscribeAsync('proof/#', { qos: 1 });
    const received = new Promise<string>((resolve) => client.on('message', (topic, payload) => resolve(`${topic} ${payload.toString()}`)));
    await client.publishAsync('proof/a', 'hello', { qos: 1 });
    expect(await received).toBe('proof/a hello');
  });
});
