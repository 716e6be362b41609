import { afterEach, describe, expect, it } from 'vitest';
import type { ProtocolMessage } from '../../../shared/app-protocol/protocol-message.js';
import { socketIoProtocol } from '../../../shared/app-protocol/socket-io/socket-io-protocol.js';
import { openProtocolSession } from '../../harness/protocol-session.js';
import type { ProtocolSession } from '../../harness/protocol-session.js';
import { startPythonSocketio } from '../../harness/python-socketio-server.js';
import { requirePeer } from '../../harness/require-peer.js';
import type { RunningPeer } from '../../harness/running-peer.js';
import { startSocketIoServer } from '../../harness/socket-io-server.js';
import type { SocketIoInput } from '../../../shared/app-protocol/socket-io/socket-io-encoder.js';

const pythonSocketio = requirePeer('python-socketio');

const peers: RunningPeer[] = [];
const sessions: Array<ProtocolSession<SocketIoInput>> = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.close()));
  await Promise.all(peers.splice(0).map((peer) => peer.stop()));
});

const pingIntervalMs = 300;
const pingTimeoutMs = 200;
/** Several ping periods past the server's timeout (interval + timeout). */
const heldMs = 4 * (pingIntervalMs + pingTimeoutMs);

function tree(message: ProtocolMessage): Record<string, unknown> {
  return message.tree as Record<string, unknown>;
}

async function open(url: string, dutiesOn = true): Promise<ProtocolSession<SocketIoInput>> {
  const session = await openProtocolSession(socketIoProtocol, url, { duties: { isEnabled: dutiesOn } });
  sessions.push(session);
  await session.waitFor((message) => message.kind === 'open');
  return session;
}

/** Connects `/chat`, emits with an ack, answers the server's question: the session in Socket.IO terms. */
async function chat(session: ProtocolSession<SocketIoInput>): Promise<void> {
  session.send({ kind: 'connect', namespace: '/chat' });
  await session.waitFor((message) => message.direction === 'in' && message.kind === 'CONNECT' && tree(message)['namespace'] === '/chat');
  session.send({ kind: 'event', namespace: '/chat', event: 'chat:message', argsJson: '{"text":"hi"}', ackId: 1 });
  const emit = await session.waitFor((message) => message.direction === 'out' && message.kind === 'EVENT');
  const ack = await session.waitFor((message) => message.direction === 'in' && message.kind === 'ACK');
  expect(ack.links).toEqual([{ relation: 'acknowledges', toIndex: emit.index }]);
  expect(ack.rttMicros).toBeGreaterThan(0);
  expect(tree(ack)['data']).toEqual([{ ok: true, echo: { text: 'hi' } }]);
  expect((await session.waitFor((message) => message.kind === 'EVENT' && tree(message)['event'] === 'chat:echo')).direction).toBe('in');
  session.send({ kind: 'event', namespace: '/chat', event: 'ask', ackId: 2 });
  const question = await session.waitFor((message) => message.direction === 'in' && tree(message)['event'] === 'question');
  expect(question.summary).toMatch(/^socket\.io EVENT question \/chat id=\d+$/);
  session.send({ kind: 'ack', namespace: '/chat', ackId: tree(question)['id'] as number, argsJson: '"yes"' });
}

/** Holds the session for several server ping timeouts with the duties on, then switches them off. */
async function keepAliveThenDrop(session: ProtocolSession<SocketIoInput>): Promise<{ pingsAnswered: number; endedAfterMs: number }> {
  expect(await session.endedWithin(heldMs)).toBeUndefined();
  expect(session.isOpen()).toBe(true);
  const pingsAnswered = session.dutySends.length;
  session.setDutiesEnabled(false);
  const switchedOffAt = Date.now();
  const end = await session.endedWithin(20 * (pingIntervalMs + pingTimeoutMs));
  expect(end, `still open ${20 * (pingIntervalMs + pingTimeoutMs)} ms after the duties were switched off`).toBeDefined();
  return { pingsAnswered, endedAfterMs: Date.now() - switchedOffAt };
}

describe('Socket.IO v4 server (npm socket.io, Engine.IO 4)', () => {
  it('reads and sends the chat in Socket.IO terms, binary events and acks included', async () => {
    const server = await startSocketIoServer({ version: 4, pingIntervalMs: 5000, pingTimeoutMs: 5000 });
    peers.push(server);
    const session = await open(server.url);
    await chat(session);
    session.send({ kind: 'event', namespace: '/chat', event: 'upload', attachments: [Uint8Array.of(7, 8, 9)], ackId: 3 });
    const uploadAck = await session.waitFor((message) => message.kind === 'ACK' && tree(message)['id'] === 3);
    expect(tree(uploadAck)['data']).toEqual([{ bytes: 3 }]);
    const blob = await session.waitFor((message) => message.kind === 'BINARY_EVENT' && message.direction === 'in');
    expect(tree(blob)['args']).toEqual([Uint8Array.of(1, 2, 3)]);
    await expect.poll(() => server.events().filter((event) => event.kind === 'client-ack').map((event) => event.detail)).toEqual(['"yes"']);
    expect(session.messages.flatMap((message) => message.violations)).toEqual([]);
  });

  it('stays connected past the ping timeout while Frameline answers the pings, and is dropped when that duty is off', async () => {
    const server = await startSocketIoServer({ version: 4, pingIntervalMs, pingTimeoutMs });
    peers.push(server);
    const session = await open(server.url);
    session.send({ kind: 'connect' });
    const { pingsAnswered } = await keepAliveThenDrop(session);
    expect(pingsAnswered).toBeGreaterThanOrEqual(3);
    const pongs = session.messages.filter((message) => message.kind === 'pong' && message.direction === 'out');
    expect(pongs.every((pong) => pong.links[0]?.relation === 'answers')).toBe(true);
    await expect.poll(() => server.events().find((event) => event.kind === 'disconnect')?.detail).toBe('ping timeout');
  });
});

describe('Socket.IO v2 server (npm socket.io@2, Engine.IO 3)', () => {
  it('reads the chat and binary events, with the 0x04 attachment prefix', async () => {
    const server = await startSocketIoServer({ version: 2, pingIntervalMs: 5000, pingTimeoutMs: 5000 });
    peers.push(server);
    const session = await open(server.url);
    expect(session.messages[0]?.tree).toMatchObject({ eio: 3 });
    await chat(session);
    const blob = await session.waitFor((message) => message.kind === 'BINARY_EVENT' && message.direction === 'in');
    expect(tree(blob)['args']).toEqual([Uint8Array.of(1, 2, 3)]);
    session.send({ kind: 'event', namespace: '/chat', event: 'upload', attachments: [Uint8Array.of(7, 8)], ackId: 4 });
    expect(tree(await session.waitFor((message) => message.kind === 'ACK' && tree(message)['id'] === 4))['data']).toEqual([{ bytes: 2 }]);
    await expect.poll(() => server.events().filter((event) => event.kind === 'client-ack').map((event) => event.detail)).toEqual(['"yes"']);
    expect(session.messages.flatMap((message) => message.violations)).toEqual([]);
  });

  it('stays connected while Frameline pings every pingInterval (the client pings in EIO 3), and is dropped when it stops', async () => {
    const server = await startSocketIoServer({ version: 2, pingIntervalMs, pingTimeoutMs });
    peers.push(server);
    const session = await open(server.url);
    const { pingsAnswered } = await keepAliveThenDrop(session);
    expect(pingsAnswered).toBeGreaterThanOrEqual(3);
    const serverPongs = session.messages.filter((message) => message.kind === 'pong' && message.direction === 'in');
    expect(serverPongs.length).toBeGreaterThanOrEqual(3);
    expect(serverPongs[0]?.rttMicros).toBeGreaterThan(0);
    await expect.poll(() => server.events().find((event) => event.kind === 'disconnect')?.detail).toBe('ping timeout');
  });
});

describe.skipIf(!pythonSocketio.isAvailable)('python-socketio server (Engine.IO 4), a second implementation', () => {
  it('reads and sends the chat, and keeps the session alive only while the pings are answered', async () => {
    const server = await startPythonSocketio({ pingIntervalMs: 500, pingTimeoutMs: 500 });
    peers.push(server);
    const session = await open(server.url);
    await chat(session);
    await expect.poll(() => server.events().filter((line) => line.startsWith('EVENT client-ack')), { timeout: 5_000 }).toEqual(['EVENT client-ack /chat ["yes"]']);
    expect(await session.endedWithin(3_000)).toBeUndefined();
    expect(session.dutySends.length).toBeGreaterThanOrEqual(3);
    session.setDutiesEnabled(false);
    expect(await session.endedWithin(10_000), 'python-socketio kept a session whose pings went unanswered').toBeDefined();
    await expect.poll(() => server.events().some((line) => line.startsWith('EVENT disconnect /chat'))).toBe(true);
    expect(session.messages.flatMap((message) => message.violations)).toEqual([]);
  });
});
