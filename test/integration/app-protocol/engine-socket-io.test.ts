import { afterEach, describe, expect, it } from 'vitest';
import type { ProtocolMessageJson } from '../../../shared/contract/api-protocol.js';
import { openEngineSession } from '../../harness/engine-protocol-session.js';
import type { EngineProtocolSession } from '../../harness/engine-protocol-session.js';
import { startPythonSocketio } from '../../harness/python-socketio-server.js';
import { requirePeer } from '../../harness/require-peer.js';
import type { RunningPeer } from '../../harness/running-peer.js';
import { startSocketIoServer } from '../../harness/socket-io-server.js';

// Socket.IO through Frameline's own engine: openSession with protocol detection, sendProtocol,
// the protocol column of getRecords, getProtocolMessages with links and RTT, and the duties.

const pythonSocketio = requirePeer('python-socketio');

const peers: RunningPeer[] = [];
const sessions: EngineProtocolSession[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.close()));
  await Promise.all(peers.splice(0).map((peer) => peer.stop()));
});

const pingIntervalMs = 300;
const pingTimeoutMs = 200;
/** Several ping periods past the server's timeout (interval + timeout). */
const heldMs = 4 * (pingIntervalMs + pingTimeoutMs);

function tree(message: ProtocolMessageJson): Record<string, unknown> {
  return message.tree as Record<string, unknown>;
}

async function open(url: string, protocolDuties = true): Promise<EngineProtocolSession> {
  const session = await openEngineSession({ url, protocolDuties });
  sessions.push(session);
  await session.waitFor((message) => message.kind === 'open');
  return session;
}

/** `/chat`: connect, an emit with an ack (RTT, linked both ways), the echo, and the server's question answered. */
async function chat(session: EngineProtocolSession): Promise<void> {
  await session.send({ protocol: 'socket.io', input: { kind: 'connect', namespace: '/chat' } });
  await session.waitFor((message) => message.direction === 'in' && message.kind === 'CONNECT' && tree(message)['namespace'] === '/chat');
  await session.send({ protocol: 'socket.io', input: { kind: 'event', namespace: '/chat', event: 'chat:message', argsJson: '{"text":"hi"}', wantsAck: true } });
  const emit = await session.waitFor((message) => message.direction === 'out' && message.kind === 'EVENT' && tree(message)['event'] === 'chat:message');
  const ack = await session.waitFor((message) => message.direction === 'in' && message.kind === 'ACK');
  expect(ack.links).toEqual([{ relation: 'acknowledges', toIndex: emit.index, toSeq: emit.seqs.at(-1) }]);
  expect(ack.rttMicros).toBeGreaterThan(0);
  expect(tree(ack)['data']).toEqual([{ ok: true, echo: { text: 'hi' } }]);
  // The emit's frame links forward to its ack (what the window's "acknowledged by" jump uses).
  const emitAgain = (await session.engine.run('getProtocolMessages', [session.sessionId, emit.seqs.at(-1) as number]))?.messages[0];
  expect(emitAgain?.linkedFrom).toEqual([{ relation: 'acknowledges', fromIndex: ack.index, fromSeq: ack.seqs.at(-1) }]);
  // The timeline row of the ack carries the summary, the RTT and the link to the emit's frame.
  const rows = await session.rows();
  const ackRow = rows.find((row) => row.seq === ack.seqs.at(-1));
  expect(ackRow?.kind === 'frame' ? ackRow.protocol : undefined).toMatchObject({ protocol: 'socket.io', kind: 'ACK', isControl: false, links: [{ relation: 'acknowledges', toSeq: emit.seqs.at(-1) }] });
  await session.waitFor((message) => message.kind === 'EVENT' && tree(message)['event'] === 'chat:echo');
  await session.send({ protocol: 'socket.io', input: { kind: 'event', namespace: '/chat', event: 'ask', wantsAck: true } });
  const question = await session.waitFor((message) => message.direction === 'in' && tree(message)['event'] === 'question');
  await session.send({ protocol: 'socket.io', input: { kind: 'ack', namespace: '/chat', ackId: tree(question)['id'] as number, argsJson: '"yes"' } });
}

/** Holds the session for several ping timeouts (duties on), switches the duties off, and waits for the server to drop it. */
async function keepAliveThenDrop(session: EngineProtocolSession): Promise<{ dutySends: number }> {
  expect(await session.closedWithin(heldMs)).toBeUndefined();
  const dutySends = (await session.messages()).filter((message) => message.duty !== undefined).length;
  await session.engine.run('setProtocolDuties', [session.sessionId, false]);
  expect((await session.summary()).protocol?.isDutiesEnabled).toBe(false);
  const closed = await session.closedWithin(20 * (pingIntervalMs + pingTimeoutMs));
  expect(closed, 'the server kept the session although Frameline stopped its duties').toBeDefined();
  expect(closed?.closed?.by).toBe('server');
  return { dutySends };
}

describe('Socket.IO v4 through the engine (npm socket.io, Engine.IO 4)', () => {
  it('detects Socket.IO from the URL, and reads and sends the chat with acks and binary events', async () => {
    const server = await startSocketIoServer({ version: 4, pingIntervalMs: 5000, pingTimeoutMs: 5000 });
    peers.push(server);
    const session = await open(server.url);
    expect((await session.summary()).protocol).toMatchObject({ choice: 'auto', state: 'active', id: 'socket.io', confidence: 'certain', hasDuties: true, isDutiesEnabled: true });
    await chat(session);
    await session.send({ protocol: 'socket.io', input: { kind: 'event', namespace: '/chat', event: 'upload', attachments: [Buffer.from([7, 8, 9]).toString('base64')], ackId: 40 } });
    const uploadAck = await session.waitFor((message) => message.kind === 'ACK' && tree(message)['id'] === 40);
    expect(tree(uploadAck)['data']).toEqual([{ bytes: 3 }]);
    const blob = await session.waitFor((message) => message.kind === 'BINARY_EVENT' && message.direction === 'in');
    expect(tree(blob)['args']).toEqual([{ $bytes: Buffer.from([1, 2, 3]).toString('base64') }]);
    // The binary event is the packet text plus one attachment message: both frames carry it.
    expect(blob.seqs).toHaveLength(2);
    await expect.poll(() => server.events().filter((event) => event.kind === 'client-ack').map((event) => event.detail)).toEqual(['"yes"']);
    expect((await session.messages()).flatMap((message) => message.violations)).toEqual([]);
  });

  it('stays connected past the ping timeout while Frameline answers the pings, and is dropped when the duties are off', async () => {
    const server = await startSocketIoServer({ version: 4, pingIntervalMs, pingTimeoutMs });
    peers.push(server);
    const session = await open(server.url);
    await session.send({ protocol: 'socket.io', input: { kind: 'connect' } });
    const { dutySends } = await keepAliveThenDrop(session);
    expect(dutySends).toBeGreaterThanOrEqual(3);
    const pongs = (await session.messages()).filter((message) => message.kind === 'pong' && message.direction === 'out');
    expect(pongs.every((pong) => pong.duty === 'answer Engine.IO ping' && pong.links[0]?.relation === 'answers')).toBe(true);
    await expect.poll(() => server.events().find((event) => event.kind === 'disconnect')?.detail).toBe('ping timeout');
  });

  it('never answers a ping with the duties off from the start', async () => {
    const server = await startSocketIoServer({ version: 4, pingIntervalMs, pingTimeoutMs });
    peers.push(server);
    const session = await open(server.url, false);
    const closed = await session.closedWithin(20 * (pingIntervalMs + pingTimeoutMs));
    expect(closed?.closed?.by).toBe('server');
    expect((await session.messages()).filter((message) => message.direction === 'out')).toEqual([]);
  });
});

describe('Socket.IO v3 through the engine (npm socket.io@3, Engine.IO 4)', () => {
  it('reads and sends the chat with acks, and keeps the session past the ping timeout until the duties stop', async () => {
    const server = await startSocketIoServer({ version: 3, pingIntervalMs, pingTimeoutMs });
    peers.push(server);
    const session = await open(server.url);
    expect((await session.summary()).protocol).toMatchObject({ id: 'socket.io', facts: { eio: 4, socketIo: 'v3/v4' } });
    await chat(session);
    const { dutySends } = await keepAliveThenDrop(session);
    expect(dutySends).toBeGreaterThanOrEqual(3);
    await expect.poll(() => server.events().find((event) => event.kind === 'disconnect')?.detail).toBe('ping timeout');
    expect((await session.messages()).flatMap((message) => message.violations)).toEqual([]);
  });
});

describe('Socket.IO v2 through the engine (npm socket.io@2, Engine.IO 3)', () => {
  it('reads the chat and binary events with the 0x04 attachment prefix', async () => {
    const server = await startSocketIoServer({ version: 2, pingIntervalMs: 5000, pingTimeoutMs: 5000 });
    peers.push(server);
    const session = await open(server.url);
    expect((await session.summary()).protocol?.facts).toMatchObject({ eio: 3 });
    await chat(session);
    const blob = await session.waitFor((message) => message.kind === 'BINARY_EVENT' && message.direction === 'in');
    expect(tree(blob)['args']).toEqual([{ $bytes: Buffer.from([1, 2, 3]).toString('base64') }]);
    await expect.poll(() => server.events().filter((event) => event.kind === 'client-ack').map((event) => event.detail)).toEqual(['"yes"']);
  });

  it('stays connected while Frameline pings every pingInterval (the client pings in EIO 3), and is dropped when it stops', async () => {
    const server = await startSocketIoServer({ version: 2, pingIntervalMs, pingTimeoutMs });
    peers.push(server);
    const session = await open(server.url);
    const { dutySends } = await keepAliveThenDrop(session);
    expect(dutySends).toBeGreaterThanOrEqual(3);
    const serverPongs = (await session.messages()).filter((message) => message.kind === 'pong' && message.direction === 'in');
    expect(serverPongs.length).toBeGreaterThanOrEqual(3);
    expect(serverPongs[0]?.rttMicros).toBeGreaterThan(0);
    await expect.poll(() => server.events().find((event) => event.kind === 'disconnect')?.detail).toBe('ping timeout');
  });
});

describe.skipIf(!pythonSocketio.isAvailable)('python-socketio through the engine (Debian python3-socketio)', () => {
  it('reads the chat and keeps the session past the ping timeout, then is dropped without the duties', async () => {
    const server = await startPythonSocketio({ pingIntervalMs: 500, pingTimeoutMs: 500 });
    peers.push(server);
    const session = await open(server.url);
    await chat(session);
    await expect.poll(() => server.events().some((line) => line.includes('client-ack') && line.includes('yes')), { timeout: 5000 }).toBe(true);
    expect(await session.closedWithin(4 * 1000)).toBeUndefined();
    await session.engine.run('setProtocolDuties', [session.sessionId, false]);
    const closed = await session.closedWithin(10_000);
    expect(closed?.closed).toMatchObject({ by: 'server' });
  });
});
