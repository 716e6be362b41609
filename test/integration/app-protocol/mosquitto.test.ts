import { afterEach, describe, expect, it } from 'vitest';
import { startMosquitto } from '../../harness/mosquitto.js';
import { requirePeer } from '../../harness/require-peer.js';
import type { RunningPeer } from '../../harness/running-peer.js';
import { connectMqtt, keepAliveThenDrop, publishAndReceive } from './mqtt-scenarios.js';
import type { MqttSession } from './mqtt-scenarios.js';

const mosquitto = requirePeer('mosquitto');

const peers: RunningPeer[] = [];
const sessions: MqttSession[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.close()));
  await Promise.all(peers.splice(0).map((peer) => peer.stop()));
});

describe.skipIf(!mosquitto.isAvailable)('mosquitto (MQTT over WebSocket)', () => {
  it.each([4, 5] as const)('MQTT level %i: subscribe, publish and receive at QoS 0, 1 and 2', async (level) => {
    const broker = await startMosquitto();
    peers.push(broker);
    const session = await connectMqtt(broker.url, level, 60, sessions);
    await publishAndReceive(session, [0, 1, 2]);
  });

  it('keeps a silent session past 1.5 × its keep-alive with PINGREQs, and loses it when they stop', async () => {
    const broker = await startMosquitto();
    peers.push(broker);
    const session = await connectMqtt(broker.url, 5, 1, sessions);
    await keepAliveThenDrop(session, 4_000, 10_000);
    expect(broker.logs()).toMatch(/Received PINGREQ from frameline-[\s\S]*Sending PINGRESP/);
    // Over WebSocket, mosquitto 2.0.11 words its keep-alive cut as the client closing (our side never closes here).
    await expect.poll(() => broker.logs()).toMatch(/closed its connection|exceeded timeout/);
  });
});
