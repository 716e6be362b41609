import { expect } from 'vitest';
import type { MqttInput } from '../../../shared/app-protocol/mqtt/mqtt-encoder.js';
import { mqttProtocol } from '../../../shared/app-protocol/mqtt/mqtt-protocol.js';
import type { ProtocolMessage } from '../../../shared/app-protocol/protocol-message.js';
import { openProtocolSession } from '../../harness/protocol-session.js';
import type { ProtocolSession } from '../../harness/protocol-session.js';

/** MQTT scenarios shared by the mosquitto and RabbitMQ test files: the same client against two brokers. */
export type MqttSession = ProtocolSession<MqttInput>;

let clientCount = 0;

function field(message: ProtocolMessage, name: string): unknown {
  return (message.tree as Record<string, unknown>)[name];
}

/** Opens a WebSocket with subprotocol `mqtt`, sends CONNECT and waits for a successful CONNACK. */
export async function connectMqtt(url: string, protocolLevel: 4 | 5, keepAliveSeconds: number, opened: MqttSession[]): Promise<MqttSession> {
  const session = await openProtocolSession(mqttProtocol, url, { subprotocols: ['mqtt'] });
  opened.push(session);
  expect(session.context.acceptedSubprotocol).toBe('mqtt');
  session.send({ type: 'CONNECT', clientId: `frameline-${process.pid}-${++clientCount}`, keepAliveSeconds, protocolLevel, cleanStart: true });
  const connack = await session.waitFor((message) => message.kind === 'CONNACK');
  expect(connack.links).toEqual([{ relation: 'answers', toIndex: 1 }]);
  expect(field(connack, 'reason')).toMatchObject({ code: 0 });
  return session;
}

/**
 * Subscribes to `frameline/#` and publishes to `frameline/t` at each QoS in `qosLevels`: the
 * broker's acknowledgements link to our PUBLISHes, its deliveries to our SUBSCRIBE, and the duties
 * complete each delivery's flow (PUBACK; PUBREC, then PUBCOMP on the broker's PUBREL).
 */
export async function publishAndReceive(session: MqttSession, qosLevels: readonly number[]): Promise<void> {
  const top = Math.max(...qosLevels);
  session.send({ type: 'SUBSCRIBE', packetId: 1, subscriptions: [{ topic: 'frameline/#', qos: top }] });
  const subscribe = await session.waitFor((message) => message.kind === 'SUBSCRIBE');
  const suback = await session.waitFor((message) => message.kind === 'SUBACK');
  expect(suback.links).toEqual([{ relation: 'answers', toIndex: subscribe.index }]);
  for (const [i, qos] of qosLevels.entries()) {
    const packetId = 10 + i;
    const from = session.messages.length;
    session.send({ type: 'PUBLISH', topic: 'frameline/t', payload: `qos${qos}`, qos, ...(qos > 0 ? { packetId } : {}) });
    const publish = await session.waitFor((message) => message.kind === 'PUBLISH' && message.direction === 'out', 10_000, from);
    const delivery = await session.waitFor((message) => message.kind === 'PUBLISH' && message.direction === 'in' && field(message, 'payload') === `qos${qos}`, 10_000, from);
    expect(delivery.links).toEqual([{ relation: 'belongs-to', toIndex: subscribe.index }]);
    if (qos === 1) {
      const puback = await session.waitFor((message) => message.kind === 'PUBACK' && message.direction === 'in', 10_000, from);
      expect(puback.links).toEqual([{ relation: 'acknowledges', toIndex: publish.index }]);
    }
    if (qos === 2) {
      const pubrec = await session.waitFor((message) => message.kind === 'PUBREC' && message.direction === 'in' && field(message, 'packetId') === packetId, 10_000, from);
      expect(pubrec.links).toEqual([{ relation: 'acknowledges', toIndex: publish.index }]);
      const pubcomp = await session.waitFor((message) => message.kind === 'PUBCOMP' && message.direction === 'in', 10_000, from);
      expect(pubcomp.links).toEqual([{ relation: 'completes', toIndex: publish.index }]);
    }
    const deliveredQos = field(delivery, 'qos') as number;
    if (deliveredQos === 1) await session.waitFor((message) => message.kind === 'PUBACK' && message.direction === 'out' && field(message, 'packetId') === field(delivery, 'packetId'), 10_000, from);
    if (deliveredQos === 2) await session.waitFor((message) => message.kind === 'PUBCOMP' && message.direction === 'out' && field(message, 'packetId') === field(delivery, 'packetId'), 10_000, from);
  }
  expect(session.messages.flatMap((message) => message.violations)).toEqual([]);
}

/**
 * Stays silent for `holdMs` (longer than 1.5 × the keep-alive, when brokers disconnect) with the
 * duties on: PINGREQs keep the session; then switches them off and returns how long the broker
 * took to drop it.
 */
export async function keepAliveThenDrop(session: MqttSession, holdMs: number, dropWithinMs: number): Promise<number> {
  expect(await session.endedWithin(holdMs)).toBeUndefined();
  const pingResponses = session.messages.filter((message) => message.kind === 'PINGRESP');
  expect(pingResponses.length).toBeGreaterThanOrEqual(2);
  expect(pingResponses[0]?.links[0]?.relation).toBe('answers');
  session.setDutiesEnabled(false);
  const offAt = Date.now();
  const end = await session.endedWithin(dropWithinMs);
  expect(end, `the broker kept a silent session ${dropWithinMs} ms after the keep-alive duty was switched off`).toBeDefined();
  return Date.now() - offAt;
}
