import { Client } from '@stomp/stompjs';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startRabbitmq } from '../../harness/rabbitmq.js';
import type { RabbitmqPeer } from '../../harness/rabbitmq.js';
import { requirePeer } from '../../harness/require-peer.js';

const rabbitmq = requirePeer('rabbitmq');

// RabbitMQ takes seconds to boot: one node for the whole file.
describe.skipIf(!rabbitmq.isAvailable)('RabbitMQ peer (Web STOMP, Web MQTT), proven with @stomp/stompjs and MQTT.js', () => {
  let broker: RabbitmqPeer;
  beforeAll(async () => {
    broker = await startRabbitmq();
  }, 150_000);
  afterAll(async () => {
    await broker?.stop();
  }, 30_000);

  it('STOMP: a subscriber receives what is sent to its topic', async () => {
    const client = new Client({ brokerURL: broker.stompUrl, webSocketFactory: () => new WebSocket(broker.stompUrl, ['v12.stomp']), reconnectDelay: 0, connectHeaders: { login: 'guest', passcode: 'guest' } });
    try {
      await new Promise<void>((resolve, reject) => {
        client.onConnect = () => resolve();
        client.onStompError = (frame) => reject(new Error(frame.headers['message']));
        client.onWebSocketError = () => reject(new Error(`cannot reach ${broker.stompUrl}:\n${broker.logs()}`));
        client.activate();
      });
      const received = new Promise<string>((resolve) => client.subscribe('/topic/proof', (message) => resolve(message.body)));
      client.publish({ destination: '/topic/proof', body: 'hello' });
      expect(await received).toBe('hello');
    } finally {
      await client.deactivate();
    }
  });

  it('MQTT: a QoS 1 publish reaches a subscriber', async () => {
    const client = await mqtt.connectAsync(broker.mqttUrl, { protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 10_000 });
    try {
      await client.subscribeAsync('proof/#', { qos: 1 });
      const received = new Promise<string>((resolve) => client.on('message', (topic, payload) => resolve(`${topic} ${payload.toString()}`)));
      await client.publishAsync('proof/a', 'hello', { qos: 1 });
      expect(await received).toBe('proof/a hello');
    } finally {
      await client.endAsync(true);
    }
  });
});
