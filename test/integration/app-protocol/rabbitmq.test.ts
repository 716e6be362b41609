import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ProtocolMessage } from '../../../shared/app-protocol/protocol-message.js';
import type { StompInput } from '../../../shared/app-protocol/stomp/stomp-encoder.js';
import { stompProtocol } from '../../../shared/app-protocol/stomp/stomp-protocol.js';
import { openProtocolSession } from '../../harness/protocol-session.js';
import type { ProtocolSession } from '../../harness/protocol-session.js';
import { startRabbitmq } from '../../harness/rabbitmq.js';
import type { RabbitmqPeer } from '../../harness/rabbitmq.js';
import { requirePeer } from '../../harness/require-peer.js';
import { connectMqtt, keepAliveThenDrop, publishAndReceive } from './mqtt-scenarios.js';
import type { MqttSession } from './mqtt-scenarios.js';

const rabbitmq = requirePeer('rabbitmq');

const stompSessions: Array<ProtocolSession<StompInput>> = [];
const mqttSessions: MqttSession[] = [];
afterEach(async () => {
  await Promise.all([...stompSessions.splice(0), ...mqttSessions.splice(0)].map((session) => session.close()));
});

function headers(message: ProtocolMessage): Array<[string, string]> {
  return (message.tree as { headers: Array<[string, string]> }).headers;
}

/** Opens Web STOMP 1.2 and CONNECTs promising heart-beats every `heartBeatMs` and wanting none. */
async function connectStomp(url: string, heartBeatMs: number): Promise<{ session: ProtocolSession<StompInput>; connected: ProtocolMessage }> {
  const session = await openProtocolSession(stompProtocol, url, { subprotocols: ['v12.stomp'] });
  stompSessions.push(session);
  expect(session.context.acceptedSubprotocol).toBe('v12.stomp');
  session.send({ kind: 'frame', command: 'CONNECT', headers: [['accept-version', '1.2'], ['host', '/'], ['login', 'guest'], ['passcode', 'guest'], ['heart-beat', `${heartBeatMs},0`]] });
  const connected = await session.waitFor((message) => message.kind === 'CONNECTED' || message.kind === 'ERROR');
  expect(connected.kind, connected.summary).toBe('CONNECTED');
  expect(connected.links).toEqual([{ relation: 'answers', toIndex: 1 }]);
  return { session, connected };
}

// RabbitMQ boots in seconds: one node for the whole file, kept apart from the faster files.
describe.skipIf(!rabbitmq.isAvailable)('RabbitMQ 3 (rabbitmq_web_stomp, rabbitmq_web_mqtt)', () => {
  let broker: RabbitmqPeer;
  beforeAll(async () => {
    broker = await startRabbitmq();
  }, 150_000);
  afterAll(async () => {
    await broker?.stop();
  }, 30_000);

  it('STOMP: subscribe with a receipt, send, receive the MESSAGE linked to its SUBSCRIBE, ack it', async () => {
    const { session } = await connectStomp(broker.stompUrl, 0);
    session.send({ kind: 'frame', command: 'SUBSCRIBE', headers: [['id', 'sub-0'], ['destination', '/topic/frameline'], ['ack', 'client-individual'], ['receipt', 'r-sub']] });
    const subscribe = await session.waitFor((message) => message.kind === 'SUBSCRIBE');
    const receipt = await session.waitFor((message) => message.kind === 'RECEIPT');
    expect(receipt.links).toEqual([{ relation: 'answers', toIndex: subscribe.index }]);
    session.send({ kind: 'frame', command: 'SEND', headers: [['destination', '/topic/frameline'], ['content-type', 'text/plain']], body: 'héllo\nworld' });
    const delivered = await session.waitFor((message) => message.kind === 'MESSAGE');
    expect(delivered.summary).toBe('STOMP MESSAGE /topic/frameline');
    expect(delivered.links).toEqual([{ relation: 'belongs-to', toIndex: subscribe.index }]);
    expect((delivered.tree as { body: unknown }).body).toBe('héllo\nworld');
    const ackId = headers(delivered).find(([name]) => name === 'ack')?.[1] as string;
    session.send({ kind: 'frame', command: 'ACK', headers: [['id', ackId], ['receipt', 'r-ack']] });
    const ack = await session.waitFor((message) => message.kind === 'ACK');
    expect(ack.links).toEqual([{ relation: 'acknowledges', toIndex: delivered.index }]);
    await session.waitFor((message) => message.kind === 'RECEIPT' && message.links[0]?.toIndex === ack.index);
    expect(session.messages.flatMap((message) => message.violations)).toEqual([]);
  });

  it('STOMP: heart-beats at the negotiated rate keep a silent session; without them RabbitMQ closes it', async () => {
    const { session, connected } = await connectStomp(broker.stompUrl, 500);
    // STOMP 1.2 "Heart-beating": the client sends every max(cx, sy) ms.
    const serverWantsMs = Number(headers(connected).find(([name]) => name === 'heart-beat')?.[1].split(',')[1]);
    const intervalMs = Math.max(500, serverWantsMs);
    expect(await session.endedWithin(4 * intervalMs)).toBeUndefined();
    expect(session.dutySends).toContain(`STOMP heart-beat every ${intervalMs} ms`);
    expect(session.dutySends.length).toBeGreaterThanOrEqual(3);
    expect(session.messages.filter((message) => message.kind === 'heart-beat' && message.direction === 'out').every((message) => message.isControl)).toBe(true);
    session.setDutiesEnabled(false);
    const end = await session.endedWithin(15_000);
    expect(end, `RabbitMQ kept a STOMP session whose heart-beats stopped:\n${broker.logs().slice(-2000)}`).toBeDefined();
  });

  it('MQTT 3.1.1: subscribe, publish and receive at QoS 0 and 1', async () => {
    const session = await connectMqtt(broker.mqttUrl, 4, 60, mqttSessions);
    await publishAndReceive(session, [0, 1]);
  });

  it('MQTT: PINGREQs keep a silent session past 1.5 × its keep-alive; without them RabbitMQ drops it', async () => {
    const session = await connectMqtt(broker.mqttUrl, 4, 1, mqttSessions);
    await keepAliveThenDrop(session, 4_000, 10_000);
  });
});
