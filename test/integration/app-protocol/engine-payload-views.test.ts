import { encode as encodeMsgpack } from '@msgpack/msgpack';
import { encode as encodeCbor } from 'cbor-x';
import protobuf from 'protobufjs';
import { afterEach, describe, expect, it } from 'vitest';
import { openEngineSession } from '../../harness/engine-protocol-session.js';
import type { EngineProtocolSession } from '../../harness/engine-protocol-session.js';
import { startMosquitto } from '../../harness/mosquitto.js';
import { requirePeer } from '../../harness/require-peer.js';
import type { RunningPeer } from '../../harness/running-peer.js';
import { startWsServer } from '../../harness/ws-server.js';

// Payload views through the engine (setPayloadFormat, getPayloadViews): bytes written by each
// format's reference library, sent by a real ws server, read back in the session's chosen format
// or automatically; and an MQTT PUBLISH payload (mosquitto) viewed inside the protocol message.

const mosquitto = requirePeer('mosquitto');

const proto = `syntax = "proto3";
package chat;
message Message { string author = 1; string text = 2; int32 likes = 3; }`;

const peers: RunningPeer[] = [];
const sessions: EngineProtocolSession[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.close()));
  await Promise.all(peers.splice(0).map((peer) => peer.stop()));
});

/** The frame seqs of the binary messages received, in order. */
async function binarySeqs(session: EngineProtocolSession, count: number): Promise<number[]> {
  await expect.poll(async () => (await session.rows()).filter((row) => row.kind === 'frame' && row.opcode === 2 && row.direction === 'in').length).toBe(count);
  return (await session.rows()).filter((row) => row.kind === 'frame' && row.opcode === 2 && row.direction === 'in').map((row) => row.seq);
}

describe('payload views through the engine', () => {
  it('reads MessagePack, CBOR and Protocol Buffers written by their reference libraries, chosen or automatic', async () => {
    const root = protobuf.parse(proto).root;
    const type = root.lookupType('chat.Message');
    const messages = [
      encodeMsgpack({ author: 'ann', likes: 3, tags: ['a', 'b'] }),
      new Uint8Array(encodeCbor({ author: 'bob', when: 1700000000, ok: true })),
      type.encode(type.create({ author: 'cy', text: 'hi', likes: 7 })).finish(),
    ];
    const server = await startWsServer({ isEcho: false, messagesOnConnect: messages });
    peers.push(server);
    const session = await openEngineSession({ url: server.url, protocol: 'none' });
    sessions.push(session);
    const [msgpackSeq, cborSeq, protobufSeq] = await binarySeqs(session, 3);
    const view = async (seq: number) => (await session.engine.run('getPayloadViews', [session.sessionId, seq as number]))[0];
    expect(await view(msgpackSeq!)).toMatchObject({ part: 'message', format: 'msgpack', ok: true, value: { author: 'ann', likes: 3, tags: ['a', 'b'] } });
    expect(await view(cborSeq!)).toMatchObject({ format: 'cbor', ok: true, value: { author: 'bob', when: 1700000000, ok: true } });
    await session.engine.run('setPayloadFormat', [session.sessionId, { format: 'cbor' }]);
    expect(await view(msgpackSeq!)).toMatchObject({ format: 'cbor' });
    await session.engine.run('setPayloadFormat', [session.sessionId, { format: 'protobuf-wire' }]);
    expect((await view(protobufSeq!))?.ok).toBe(true);
    const { messageTypes } = await session.engine.run('setPayloadFormat', [session.sessionId, { format: 'protobuf-schema', protoText: proto, messageType: 'chat.Message' }]);
    expect(messageTypes).toEqual(['chat.Message']);
    expect(await view(protobufSeq!)).toEqual({ part: 'message', format: 'protobuf-schema', ok: true, value: { author: 'cy', text: 'hi', likes: 7 } });
    await expect(session.engine.run('setPayloadFormat', [session.sessionId, { format: 'protobuf-schema', protoText: 'message {' }])).rejects.toThrow(/does not compile/);
    await expect(session.engine.run('setPayloadFormat', [session.sessionId, { format: 'protobuf-schema', protoText: proto, messageType: 'chat.Nope' }])).rejects.toThrow(/no message type chat\.Nope/);
  });

  describe.skipIf(!mosquitto.isAvailable)('inside a protocol message', () => {
    it('views an MQTT PUBLISH payload written with MessagePack, next to the WebSocket message', async () => {
      const broker = await startMosquitto();
      peers.push(broker);
      const session = await openEngineSession({ url: broker.url, subprotocols: ['mqtt'] });
      sessions.push(session);
      await session.send({ protocol: 'mqtt', input: { type: 'CONNECT', clientId: 'frameline-views', keepAliveSeconds: 60 } });
      await session.waitFor((message) => message.kind === 'CONNACK');
      await session.send({ protocol: 'mqtt', input: { type: 'SUBSCRIBE', topic: 'views/#', qos: 0 } });
      await session.waitFor((message) => message.kind === 'SUBACK');
      const payload = Buffer.from(encodeMsgpack({ temperature: 21.5, unit: 'C' })).toString('base64');
      await session.send({ protocol: 'mqtt', input: { type: 'PUBLISH', topic: 'views/t', payloadBase64: payload } });
      const delivery = await session.waitFor((message) => message.kind === 'PUBLISH' && message.direction === 'in');
      const views = await session.engine.run('getPayloadViews', [session.sessionId, delivery.seqs.at(-1) as number]);
      expect(views.find((view) => view.part === 'protocol-payload')).toEqual({ part: 'protocol-payload', index: delivery.index, format: 'msgpack', ok: true, value: { temperature: 21.5, unit: 'C' } });
      // The whole WebSocket message is an MQTT packet, not a MessagePack value.
      expect(views.find((view) => view.part === 'message')?.ok).toBe(false);
    });
  });
});
