import { expect } from 'vitest';
import type { ProtocolMessageJson } from '../../../shared/contract/api-protocol.js';
import { openEngineSession } from '../../harness/engine-protocol-session.js';
import type { EngineProtocolSession } from '../../harness/engine-protocol-session.js';

/** MQTT through Frameline's engine, shared by the mosquitto and RabbitMQ files: the same session against two brokers. */

let clientCount = 0;

function field(message: ProtocolMessageJson, name: string): unknown {
  return (message.tree as Record<string, unknown>)[name];
}

/** Opens a session offering `mqtt` (detected from the subprotocol), sends CONNECT through `sendProtocol`, waits for a good CONNACK. */
export async function connectEngineMqtt(url: string, protocolLevel: 4 | 5, keepAliveSeconds: number, opened: EngineProtocolSession[]): Promise<EngineProtocolSession> {
  const session = await openEngineSession({ url, subprotocols: ['mqtt'] });
  opened.push(session);
  expect((await session.summary()).protocol).toMatchObject({ id: 'mqtt', reason: 'subprotocol mqtt accepted by the server' });
  await session.send({ protocol: 'mqtt', input: { type: 'CONNECT', clientId: `frameline-engine-${process.pid}-${++clientCount}`, keepAliveSeconds, protocolLevel, cleanStart: true } });
  const connack = await session.waitFor((message) => message.kind === 'CONNACK');
  expect(connack.links).toEqual([{ relation: 'answers', toIndex: 1, toSeq: expect.any(Number) }]);
  expect(field(connack, 'reason')).toMatchObject({ code: 0 });
  return session;
}

/**
 * Subscribes to `frameline/#` and publishes at each QoS (packet ids chosen by the session): the
 * broker's acknowledgements link to our PUBLISHes, its deliveries to our SUBSCRIBE, and the duties
 * finish each delivery's flow (PUBACK; PUBREC, then PUBCOMP on the broker's PUBREL).
 */
export async function engineMqttPublishAndReceive(session: EngineProtocolSession, qosLevels: readonly number[]): Promise<void> {
  await session.send({ protocol: 'mqtt', input: { type: 'SUBSCRIBE', topic: 'frameline/#', qos: Math.max(...qosLevels) } });
  const subscribe = await session.waitFor((message) => message.kind === 'SUBSCRIBE');
  const suback = await session.waitFor((message) => message.kind === 'SUBACK');
  expect(suback.links[0]).toMatchObject({ relation: 'answers', toIndex: subscribe.index });
  for (const qos of qosLevels) {
    const from = (await session.messages()).at(-1)?.index ?? 0;
    await session.send({ protocol: 'mqtt', input: { type: 'PUBLISH', topic: 'frameline/t', payload: `qos${qos}`, qos } });
    const publish = await session.waitFor((message) => message.kind === 'PUBLISH' && message.direction === 'out', 10_000, from);
    if (qos > 0) expect(field(publish, 'packetId')).toBeGreaterThan(0);
    const delivery = await session.waitFor((message) => message.kind === 'PUBLISH' && message.direction === 'in' && field(message, 'payload') === `qos${qos}`, 10_000, from);
    expect(delivery.links[0]).toMatchObject({ relation: 'belongs-to', toIndex: subscribe.index });
    if (qos === 1) {
      const puback = await session.waitFor((message) => message.kind === 'PUBACK' && message.direction === 'in', 10_000, from);
      expect(puback.links[0]).toMatchObject({ relation: 'acknowledges', toIndex: publish.index });
      expect(puback.rttMicros).toBeGreaterThan(0);
    }
    if (qos === 2) {
      const pubrec = await session.waitFor((message) => message.kind === 'PUBREC' && message.direction === 'in' && field(message, 'packetId') === field(publish, 'packetId'), 10_000, from);
      expect(pubrec.links[0]).toMatchObject({ relation: 'acknowledges', toIndex: publish.index });
      const pubrel = await session.waitFor((message) => message.kind === 'PUBREL' && message.direction === 'out', 10_000, from);
      expect(pubrel.duty).toBeDefined();
      const pubcomp = await session.waitFor((message) => message.kind === 'PUBCOMP' && message.direction === 'in', 10_000, from);
      expect(pubcomp.links[0]).toMatchObject({ relation: 'completes', toIndex: publish.index });
    }
    const deliveredQos = field(delivery, 'qos') as number;
    if (deliveredQos === 1) expect((await session.waitFor((message) => message.kind === 'PUBACK' && message.direction === 'out' && field(message, 'packetId') === field(delivery, 'packetId'), 10_000, from)).duty).toBeDefined();
    if (deliveredQos === 2) expect((await session.waitFor((message) => message.kind === 'PUBCOMP' && message.direction === 'out' && field(message, 'packetId') === field(delivery, 'packetId'), 10_000, from)).duty).toBeDefined();
  }
  expect((await session.messages()).flatMap((message) => message.violations)).toEqual([]);
}

/**
 * Stays silent for `holdMs` (past 1.5 × the keep-alive, when brokers disconnect) with the duties on:
 * PINGREQs keep the session; then switches them off and expects the broker to drop it.
 */
export async function engineMqttKeepAliveThenDrop(session: EngineProtocolSession, holdMs: number, dropWithinMs: number): Promise<void> {
  expect(await session.closedWithin(holdMs)).toBeUndefined();
  const messages = await session.messages();
  const pings = messages.filter((message) => message.kind === 'PINGREQ');
  expect(pings.length).toBeGreaterThanOrEqual(2);
  expect(pings.every((ping) => ping.isControl && ping.duty !== undefined)).toBe(true);
  expect(messages.find((message) => message.kind === 'PINGRESP')?.links[0]?.relation).toBe('answers');
  // Keep-alive traffic is what the protocol's control filter keeps.
  const control = await session.engine.run('getRecords', [session.sessionId, 0, 2000, { protocolCategory: 'control' }]);
  expect(control.rows.length).toBeGreaterThanOrEqual(2 * pings.length);
  expect(control.rows.every((row) => row.kind === 'frame' && row.protocol?.isControl === true)).toBe(true);
  await session.engine.run('setProtocolDuties', [session.sessionId, false]);
  const closed = await session.closedWithin(dropWithinMs);
  expect(closed, `the broker kept a silent session ${dropWithinMs} ms after the keep-alive duty was switched off`).toBeDefined();
}
