import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ProtocolMessageJson } from '../../../shared/contract/api-protocol.js';
import { openEngineSession, savedFileName } from '../../harness/engine-protocol-session.js';
import type { EngineProtocolSession } from '../../harness/engine-protocol-session.js';
import { startRabbitmq } from '../../harness/rabbitmq.js';
import type { RabbitmqPeer } from '../../harness/rabbitmq.js';
import { requirePeer } from '../../harness/require-peer.js';
import { buildCliBundle, runBin } from '../cli/run-bin.js';
import { connectEngineMqtt, engineMqttKeepAliveThenDrop, engineMqttPublishAndReceive } from './engine-mqtt-scenarios.js';

// STOMP and MQTT through Frameline's engine, and STOMP through the real CLI, against RabbitMQ
// (Debian, rabbitmq_web_stomp and rabbitmq_web_mqtt). RabbitMQ boots slowly: one node for the file,
// kept apart from the fast files.

const rabbitmq = requirePeer('rabbitmq');

const sessions: EngineProtocolSession[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.close()));
});

function headers(message: ProtocolMessageJson): Array<[string, string]> {
  return (message.tree as { headers: Array<[string, string]> }).headers;
}

/** Opens Web STOMP offering v12.stomp and CONNECTs promising heart-beats every `heartBeatMs`. */
async function connectStomp(url: string, heartBeatMs: number): Promise<{ session: EngineProtocolSession; connected: ProtocolMessageJson }> {
  const session = await openEngineSession({ url, subprotocols: ['v12.stomp'] });
  sessions.push(session);
  expect((await session.summary()).protocol).toMatchObject({ id: 'stomp', reason: 'subprotocol v12.stomp accepted by the server' });
  await session.send({ protocol: 'stomp', input: { kind: 'frame', command: 'CONNECT', headers: [['accept-version', '1.2'], ['host', '/'], ['login', 'guest'], ['passcode', 'guest'], ['heart-beat', `${heartBeatMs},0`]] } });
  const connected = await session.waitFor((message) => message.kind === 'CONNECTED' || message.kind === 'ERROR');
  expect(connected.kind, connected.summary).toBe('CONNECTED');
  return { session, connected };
}

describe.skipIf(!rabbitmq.isAvailable)('RabbitMQ through the engine', () => {
  let broker: RabbitmqPeer;
  beforeAll(async () => {
    await buildCliBundle();
    broker = await startRabbitmq();
  }, 150_000);
  afterAll(async () => {
    await broker?.stop();
  }, 30_000);

  it('STOMP: subscribe, send, receive the MESSAGE linked to its SUBSCRIBE, ack it; the kind filter finds it', async () => {
    const { session } = await connectStomp(broker.stompUrl, 0);
    await session.send({ protocol: 'stomp', input: { kind: 'frame', command: 'SUBSCRIBE', headers: [['id', 'sub-0'], ['destination', '/topic/frameline'], ['ack', 'client-individual'], ['receipt', 'r-sub']] } });
    const subscribe = await session.waitFor((message) => message.kind === 'SUBSCRIBE');
    await session.waitFor((message) => message.kind === 'RECEIPT');
    await session.send({ protocol: 'stomp', input: { kind: 'frame', command: 'SEND', headers: [['destination', '/topic/frameline'], ['content-type', 'text/plain']], body: 'héllo\nworld' } });
    const delivered = await session.waitFor((message) => message.kind === 'MESSAGE');
    expect(delivered.summary).toBe('STOMP MESSAGE /topic/frameline');
    expect(delivered.links).toEqual([{ relation: 'belongs-to', toIndex: subscribe.index, toSeq: subscribe.seqs.at(-1) }]);
    expect((delivered.tree as { body: unknown }).body).toBe('héllo\nworld');
    const ackId = headers(delivered).find(([name]) => name === 'ack')?.[1] as string;
    await session.send({ protocol: 'stomp', input: { kind: 'frame', command: 'ACK', headers: [['id', ackId]] } });
    const ack = await session.waitFor((message) => message.kind === 'ACK');
    expect(ack.links[0]).toMatchObject({ relation: 'acknowledges', toIndex: delivered.index });
    const onlyMessages = await session.engine.run('getRecords', [session.sessionId, 0, 100, { protocolKinds: ['MESSAGE'] }]);
    expect(onlyMessages.rows.map((row) => row.seq)).toEqual([delivered.seqs.at(-1)]);
    expect((await session.messages()).flatMap((message) => message.violations)).toEqual([]);
    // The export redacts by default: the CONNECT keeps its login, not its passcode.
    const exported = readFileSync(savedFileName(await session.engine.run('exportCapture', [session.sessionId, { format: 'har' }])), 'utf8');
    expect(exported).toContain('login:guest');
    expect(exported).toContain('passcode:*****');
    expect(exported).not.toContain('passcode:guest');
  });

  it('STOMP: heart-beats at the negotiated rate keep a silent session past the timeout; without them RabbitMQ closes it', async () => {
    const { session, connected } = await connectStomp(broker.stompUrl, 500);
    const serverWantsMs = Number(headers(connected).find(([name]) => name === 'heart-beat')?.[1].split(',')[1]);
    const intervalMs = Math.max(500, serverWantsMs);
    expect(await session.closedWithin(4 * intervalMs)).toBeUndefined();
    const beats = (await session.messages()).filter((message) => message.kind === 'heart-beat' && message.direction === 'out');
    expect(beats.length).toBeGreaterThanOrEqual(3);
    expect(beats.every((beat) => beat.isControl && beat.duty === `STOMP heart-beat every ${intervalMs} ms`)).toBe(true);
    await session.engine.run('setProtocolDuties', [session.sessionId, false]);
    const closed = await session.closedWithin(15_000);
    expect(closed, `RabbitMQ kept a STOMP session whose heart-beats stopped:\n${broker.logs().slice(-2000)}`).toBeDefined();
    expect(closed?.closed?.by).toBe('server');
  });

  it('MQTT 3.1.1: subscribe, publish and receive at QoS 0 and 1 (RabbitMQ delivers QoS 2 as 1)', async () => {
    const session = await connectEngineMqtt(broker.mqttUrl, 4, 60, sessions);
    await engineMqttPublishAndReceive(session, [0, 1]);
  });

  it('MQTT: PINGREQs keep a silent session past 1.5 × its keep-alive; without them RabbitMQ drops it', async () => {
    const session = await connectEngineMqtt(broker.mqttUrl, 4, 1, sessions);
    await engineMqttKeepAliveThenDrop(session, 4_000, 10_000);
  });

  it('CLI: frameline connect --protocol auto connects, subscribes, sends and prints the MESSAGE under its frame', async () => {
    const run = await runBin(['connect', broker.stompUrl, '--subprotocol', 'v12.stomp', '--protocol', 'auto', '--protocol-connect', '--subscribe', '/topic/cli', '--stomp', 'SEND /topic/cli', '--stomp-header', 'content-type:text/plain', '--body', 'hello stomp', '--wait', '1'], 30_000);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('≡ application protocol: STOMP (subprotocol v12.stomp accepted by the server)');
    expect(run.stdout).toMatch(/≡ #2 STOMP CONNECTED v1\.2 heart-beat \d+,\d+ {2}· answers #1 · rtt /);
    expect(run.stdout).toMatch(/≡ #\d+ STOMP MESSAGE \/topic\/cli {2}· belongs to #3\n/);
    expect(run.status).toBe(0);
  });
});
