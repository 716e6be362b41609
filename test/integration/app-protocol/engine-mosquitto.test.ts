import { afterEach, describe, expect, it } from 'vitest';
import type { EngineProtocolSession } from '../../harness/engine-protocol-session.js';
import { startMosquitto } from '../../harness/mosquitto.js';
import { requirePeer } from '../../harness/require-peer.js';
import type { RunningPeer } from '../../harness/running-peer.js';
import { connectEngineMqtt, engineMqttKeepAliveThenDrop, engineMqttPublishAndReceive } from './engine-mqtt-scenarios.js';

// MQTT through Frameline's engine against mosquitto (Debian), a `protocol websockets` listener.

const mosquitto = requirePeer('mosquitto');

const peers: RunningPeer[] = [];
const sessions: EngineProtocolSession[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.close()));
  await Promise.all(peers.splice(0).map((peer) => peer.stop()));
});

describe.skipIf(!mosquitto.isAvailable)('mosquitto through the engine', () => {
  it.each([4, 5] as const)('MQTT level %i: subscribe, publish and receive at QoS 0, 1 and 2', async (level) => {
    const broker = await startMosquitto();
    peers.push(broker);
    const session = await connectEngineMqtt(broker.url, level, 60, sessions);
    await engineMqttPublishAndReceive(session, [0, 1, 2]);
  });

  it('keeps a silent session past 1.5 × its keep-alive with PINGREQs, and loses it when they stop', async () => {
    const broker = await startMosquitto();
    peers.push(broker);
    const session = await connectEngineMqtt(broker.url, 5, 1, sessions);
    await engineMqttKeepAliveThenDrop(session, 4_000, 10_000);
    expect(broker.logs()).toMatch(/Received PINGREQ from frameline-engine-[\s\S]*Sending PINGRESP/);
  });
});
