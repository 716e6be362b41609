import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type { FramelineEngine } from '../../../electron/engine/api/engine.js';
import { maxBridgeBufferedBytes, serveBridgeConnection } from '../../../electron/web-host/bridge-connection.js';

const batches = 4_000;
const padding = 'x'.repeat(16 * 1024);

type Listener = (event: string, payload: unknown) => void;

/** The engine's event side only: the test emits what a busy session would. */
function eventSource(): { engine: FramelineEngine; emit: Listener } {
  const listeners = new Set<Listener>();
  const engine = { onEvent: (listener: Listener) => (listeners.add(listener), () => listeners.delete(listener)), run: () => Promise.resolve(null) } as unknown as FramelineEngine;
  return { engine, emit: (event, payload) => listeners.forEach((listener) => listener(event, payload)) };
}

/**
 * Issue 19, output back-pressure for the window's bridge: a tab that stops reading while two busy
 * sessions append records makes the bridge hold their batches (the newest per session) instead of
 * queueing every one; events that are not batches still go; once the tab reads, it gets each
 * session's latest count.
 */
describe('the bridge to a tab that does not read', () => {
  let server: WebSocketServer | undefined;
  let client: WebSocket | undefined;
  afterEach(() => {
    client?.terminate();
    server?.close();
  });

  it('keeps what waits for the tab bounded, and the tab catches up with the newest count of each session', async () => {
    const { engine, emit } = eventSource();
    server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => server!.once('listening', resolve));
    const served = new Promise<WebSocket>((resolve) => server!.once('connection', (socket) => (serveBridgeConnection(socket, engine, () => undefined), resolve(socket))));
    client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await new Promise((resolve) => client!.once('open', resolve));
    const socket = await served;
    const received: { event: string; payload: { sessionId: string; count: number } }[] = [];
    client.on('message', (data) => received.push(JSON.parse(data.toString()) as (typeof received)[number]));
    // The tab stops reading: its TCP window fills, then the bridge's writes wait.
    (client as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();

    let mostBuffered = 0;
    for (let index = 1; index <= batches; index++) {
      for (const sessionId of ['a', 'b']) emit('recordsAppended', { sessionId, count: index * 10, newest: [{ padding }] });
      if (index === batches / 2) emit('sessionStateChanged', { sessionId: 'a', state: 'closing' });
      mostBuffered = Math.max(mostBuffered, socket.bufferedAmount);
      // Let the sockets move between bursts, as the engine's batching does.
      if (index % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    // Bounded: the limit, plus the one batch per session and the one event that went past it.
    expect(mostBuffered).toBeLessThan(maxBridgeBufferedBytes + 256 * 1024);

    (client as unknown as { _socket: { resume(): void } })._socket.resume();
    const last = (sessionId: string) => received.filter((message) => message.event === 'recordsAppended' && message.payload.sessionId === sessionId).at(-1)?.payload.count;
    for (let waited = 0; last('a') !== batches * 10 || last('b') !== batches * 10; waited += 20) {
      if (waited > 30_000) throw new Error(`the tab did not catch up: a=${last('a')} b=${last('b')}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(received.filter((message) => message.event === 'sessionStateChanged')).toHaveLength(1);
    // Batches were held rather than queued: far fewer reached the tab than were made.
    expect(received.filter((message) => message.event === 'recordsAppended').length).toBeLessThan(batches);
  }, 60_000);
});
