import mqttPacket from 'mqtt-packet';
import type { Packet } from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { MqttDecoder } from '../../../shared/app-protocol/mqtt/mqtt-decoder.js';
import { MqttDuties } from '../../../shared/app-protocol/mqtt/mqtt-duties.js';
import { encodeMqtt } from '../../../shared/app-protocol/mqtt/mqtt-encoder.js';
import type { MqttInput } from '../../../shared/app-protocol/mqtt/mqtt-encoder.js';
import { mqttProtocol } from '../../../shared/app-protocol/mqtt/mqtt-protocol.js';
import { topicMatches } from '../../../shared/app-protocol/mqtt/mqtt-topic.js';
import { contextFor, decodeAll, plainBytes, WireScript } from './app-protocol-fixtures.js';

/** Bytes mqtt-packet (MQTT.js's codec) writes for a packet. */
function reference(packet: Packet, protocolVersion: 4 | 5): Uint8Array {
  return plainBytes(mqttPacket.generate(packet, { protocolVersion }));
}

/** Packets mqtt-packet parses from bytes. */
function parseWithReference(bytes: Uint8Array, protocolVersion: 4 | 5): Packet[] {
  const parser = mqttPacket.parser({ protocolVersion });
  const packets: Packet[] = [];
  const errors: Error[] = [];
  parser.on('packet', (packet) => packets.push(packet));
  parser.on('error', (error) => errors.push(error));
  parser.parse(Buffer.from(bytes));
  if (errors.length > 0) throw errors[0];
  return packets;
}

const v5Session: Array<['in' | 'out', Packet]> = [
  ['out', { cmd: 'connect', protocolId: 'MQTT', protocolVersion: 5, clean: true, keepalive: 30, clientId: 'frameline', properties: { sessionExpiryInterval: 60, userProperties: { app: 'test' } }, username: 'u', password: Buffer.from('secret') }],
  ['in', { cmd: 'connack', sessionPresent: false, reasonCode: 0, properties: { serverKeepAlive: 20, topicAliasMaximum: 10 } }],
  ['out', { cmd: 'subscribe', messageId: 1, subscriptions: [{ topic: 'sensors/+', qos: 2, nl: true, rap: false, rh: 1 }], properties: { subscriptionIdentifier: 5 } }],
  ['in', { cmd: 'suback', messageId: 1, granted: [2] }],
  ['in', { cmd: 'publish', topic: 'sensors/t', payload: Buffer.from('21.5'), qos: 1, retain: false, dup: false, messageId: 7, properties: { subscriptionIdentifier: 5, contentType: 'text/plain' } }],
  ['out', { cmd: 'puback', messageId: 7, reasonCode: 0 }],
  ['out', { cmd: 'publish', topic: 'cmd/x', payload: Buffer.from([0, 1, 2]), qos: 2, retain: true, dup: false, messageId: 8, properties: { topicAlias: 3 } }],
  ['in', { cmd: 'pubrec', messageId: 8, reasonCode: 0 }],
  ['out', { cmd: 'pubrel', messageId: 8, reasonCode: 0 }],
  ['in', { cmd: 'pubcomp', messageId: 8, reasonCode: 0 }],
  ['out', { cmd: 'publish', topic: '', payload: Buffer.from('again'), qos: 0, retain: false, dup: false, properties: { topicAlias: 3 } }],
  ['out', { cmd: 'pingreq' }],
  ['in', { cmd: 'pingresp' }],
  ['out', { cmd: 'unsubscribe', messageId: 2, unsubscriptions: ['sensors/+'] }],
  ['in', { cmd: 'unsuback', messageId: 2, granted: [0x11] } as unknown as Packet],
  ['out', { cmd: 'disconnect', reasonCode: 0x04, properties: { reasonString: 'bye' } }],
];

describe('MQTT 5 decoding of what mqtt-packet writes', () => {
  it('reads every packet of a session with its fields, reason codes, properties and links', () => {
    const wire = new WireScript();
    const messages = decodeAll(new MqttDecoder(), v5Session.map(([direction, packet]) => wire.message(direction, reference(packet, 5))));
    expect(messages.map((message) => message.summary)).toEqual([
      'MQTT CONNECT v5.0 client=frameline keepalive=30s',
      'MQTT CONNACK Success',
      'MQTT SUBSCRIBE id=1 sensors/+ qos2',
      'MQTT SUBACK id=1 Granted QoS 2',
      'MQTT PUBLISH qos1 id=7 sensors/t',
      'MQTT PUBACK id=7',
      'MQTT PUBLISH qos2 id=8 retain cmd/x',
      'MQTT PUBREC id=8',
      'MQTT PUBREL id=8',
      'MQTT PUBCOMP id=8',
      'MQTT PUBLISH qos0 cmd/x',
      'MQTT PINGREQ',
      'MQTT PINGRESP',
      'MQTT UNSUBSCRIBE id=2 sensors/+',
      'MQTT UNSUBACK id=2 No subscription existed',
      'MQTT DISCONNECT Disconnect with Will Message',
    ]);
    const byIndex = (index: number) => messages[index - 1];
    expect(byIndex(1)?.tree).toMatchObject({ protocolVersion: '5.0', keepAliveSeconds: 30, username: 'u', password: '<6 bytes>', properties: [{ name: 'sessionExpiryInterval', value: 60 }, { name: 'userProperty', value: ['app', 'test'] }] });
    expect(byIndex(2)?.links).toEqual([{ relation: 'answers', toIndex: 1 }]);
    expect(byIndex(3)?.tree).toMatchObject({ subscriptions: [{ topic: 'sensors/+', qos: 2, noLocal: true, retainAsPublished: false, retainHandling: 1 }] });
    expect(byIndex(4)?.links).toEqual([{ relation: 'answers', toIndex: 3 }]);
    expect(byIndex(5)?.links).toEqual([{ relation: 'belongs-to', toIndex: 3 }]);
    expect(byIndex(5)?.tree).toMatchObject({ payload: '21.5', properties: [{ name: 'subscriptionIdentifier', value: 5 }, { name: 'contentType', value: 'text/plain' }] });
    expect(byIndex(6)?.links).toEqual([{ relation: 'acknowledges', toIndex: 5 }]);
    expect(byIndex(7)?.tree).toMatchObject({ payload: Uint8Array.of(0, 1, 2), retain: true });
    expect(byIndex(8)?.links).toEqual([{ relation: 'acknowledges', toIndex: 7 }]);
    expect(byIndex(9)?.links).toEqual([{ relation: 'continues', toIndex: 8 }]);
    expect(byIndex(10)?.links).toEqual([{ relation: 'completes', toIndex: 7 }]);
    expect(byIndex(10)?.rttMicros).toBe(3000);
    expect(byIndex(13)).toMatchObject({ isControl: true, links: [{ relation: 'answers', toIndex: 12 }], rttMicros: 1000 });
    expect(byIndex(15)?.links).toEqual([{ relation: 'answers', toIndex: 14 }]);
    expect(messages.every((message) => message.violations.length === 0)).toBe(true);
  });

  it('decodes the same packets whatever the WebSocket messages cut the stream into', () => {
    const stream = Uint8Array.from(v5Session.filter(([direction]) => direction === 'out').flatMap(([, packet]) => [...reference(packet, 5)]));
    const whole = decodeAll(new MqttDecoder(), [new WireScript().message('out', stream)]).map((message) => message.summary);
    for (let cut = 1; cut < stream.length; cut += 3) {
      const wire = new WireScript();
      const pieces = [stream.slice(0, cut), stream.slice(cut, cut + 5), stream.slice(cut + 5)].filter((piece) => piece.length > 0);
      const messages = decodeAll(new MqttDecoder(), pieces.map((piece) => wire.message('out', piece, 0)));
      expect(messages.map((message) => message.summary)).toEqual(whole);
    }
  });

  it('gives a packet spanning messages the seqs of all of them', () => {
    const bytes = reference({ cmd: 'publish', topic: 'a', payload: Buffer.alloc(10), qos: 0, retain: false, dup: false }, 4);
    const wire = new WireScript();
    const decoder = new MqttDecoder();
    expect(decoder.push(wire.message('in', bytes.slice(0, 4)))).toEqual([]);
    expect(decoder.push(wire.message('in', bytes.slice(4)))[0]?.seqs).toEqual([1, 2]);
  });
});

describe('MQTT 3.1.1', () => {
  it('reads CONNACK return codes and SUBACK failures in 3.1.1 terms', () => {
    const wire = new WireScript();
    const messages = decodeAll(new MqttDecoder(), [
      wire.message('out', reference({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, keepalive: 10, clientId: 'c' }, 4)),
      wire.message('in', reference({ cmd: 'connack', sessionPresent: false, returnCode: 5 }, 4)),
      wire.message('out', reference({ cmd: 'subscribe', messageId: 3, subscriptions: [{ topic: 'a/#', qos: 1 }] }, 4)),
      wire.message('in', reference({ cmd: 'suback', messageId: 3, granted: [128] }, 4)),
    ]);
    expect(messages.map((message) => message.summary)).toEqual(['MQTT CONNECT v3.1.1 client=c keepalive=10s', 'MQTT CONNACK not authorized', 'MQTT SUBSCRIBE id=3 a/# qos1', 'MQTT SUBACK id=3 Failure']);
  });
});

describe('MQTT encoder', () => {
  const inputs: Array<[MqttInput, 4 | 5]> = [
    [{ type: 'CONNECT', clientId: 'c1', keepAliveSeconds: 15, username: 'user', password: 'pw', will: { topic: 'w', payload: 'gone', qos: 1, retain: true } }, 4],
    [{ type: 'CONNECT', clientId: 'c5', protocolLevel: 5, properties: [{ id: 0x11, value: 30 }, { id: 0x26, value: ['k', 'v'] }] }, 5],
    [{ type: 'PUBLISH', topic: 'sensors/t', payload: '20', qos: 1, packetId: 9, retain: true }, 4],
    [{ type: 'PUBLISH', topic: 't', payload: Uint8Array.of(1), qos: 2, packetId: 10, properties: [{ id: 0x03, value: 'application/x' }] }, 5],
    [{ type: 'SUBSCRIBE', packetId: 4, subscriptions: [{ topic: 'a/+', qos: 1 }, { topic: 'b', qos: 2, noLocal: true }] }, 5],
    [{ type: 'UNSUBSCRIBE', packetId: 5, topics: ['a/+'] }, 4],
    [{ type: 'PUBREL', packetId: 10 }, 4],
    [{ type: 'PINGREQ' }, 4],
    [{ type: 'DISCONNECT', reasonCode: 0x04 }, 5],
  ];
  it.each(inputs)('writes %j as mqtt-packet reads it', (input, version) => {
    const [message] = encodeMqtt(input, { protocolLevel: version });
    expect(message?.isText).toBe(false);
    const [parsed] = parseWithReference(message?.bytes as Uint8Array, version);
    expect(parsed?.cmd).toBe(input.type.toLowerCase());
    // And our decoder reads back what we wrote.
    const decoder = new MqttDecoder();
    if (input.type !== 'CONNECT' && version === 5) decoder.push(new WireScript().message('out', encodeMqtt({ type: 'CONNECT', clientId: 'x', protocolLevel: 5 }, {})[0]!.bytes));
    const [decoded] = decoder.push(new WireScript().message('out', message?.bytes as Uint8Array));
    expect(decoded?.violations).toEqual([]);
    expect(decoded?.kind).toBe(input.type);
  });

  it('writes malformed packets on purpose: wrong flags and a wrong Remaining Length', () => {
    const [message] = encodeMqtt({ type: 'SUBSCRIBE', packetId: 1, subscriptions: [{ topic: 'a', qos: 0 }], flags: 0, remainingLength: 2 }, {});
    expect([...(message?.bytes ?? [])].slice(0, 2)).toEqual([0x80, 2]);
  });
});

describe('MQTT violations: never thrown, always explained', () => {
  const cases: Array<[string, number[], string]> = [
    ['reserved type 0', [0x00, 0x00], 'mqtt-malformed-packet'],
    ['QoS 3 publish', [0x36, 0x03, 0x00, 0x01, 0x61], 'mqtt-malformed-packet'],
    ['short CONNACK', [0x20, 0x01, 0x00], 'mqtt-malformed-packet'],
    ['SUBSCRIBE with flags 0000', [0x80, 0x06, 0x00, 0x01, 0x00, 0x01, 0x61, 0x00], 'mqtt-protocol-rule'],
    ['five-byte Remaining Length', [0x30, 0xff, 0xff, 0xff, 0xff, 0x01], 'mqtt-malformed-remaining-length'],
    ['bytes after PINGREQ fields', [0xc0, 0x01, 0x00], 'mqtt-protocol-rule'],
  ];
  it.each(cases)('%s', (_name, bytes, rule) => {
    const [message] = new MqttDecoder().push(new WireScript().message('in', Uint8Array.from(bytes)));
    expect(message?.violations.map((violation) => violation.rule)).toContain(rule);
  });

  it('flags MQTT in a text message but still decodes it', () => {
    const [message] = new MqttDecoder().push(new WireScript().message('out', String.fromCharCode(0x40, 0x02, 0x00, 0x01)));
    expect(message?.kind).toBe('PUBACK');
    expect(message?.violations.map((violation) => violation.rule)).toEqual(['mqtt-text-message']);
  });
});

describe('MQTT duties (playbooks)', () => {
  function session(keepAlive: number, serverKeepAlive?: number) {
    const wire = new WireScript();
    const decoder = new MqttDecoder();
    const duties = new MqttDuties(true);
    const feed = (direction: 'in' | 'out', input: MqttInput) => encodeMqtt(input, decoder.facts()).flatMap((encoded) => decoder.push(wire.message(direction, encoded.bytes))).flatMap((message) => duties.onMessage(message));
    feed('out', { type: 'CONNECT', clientId: 'c', keepAliveSeconds: keepAlive, protocolLevel: 5 });
    const armed = feed('in', { type: 'CONNACK', reasonCode: 0, ...(serverKeepAlive === undefined ? {} : { properties: [{ id: 0x13, value: serverKeepAlive }] }) });
    return { duties, feed, armed };
  }

  it('pings before the keep-alive runs out, using the Server Keep Alive when the CONNACK sets one', () => {
    expect(session(60).armed).toEqual([{ kind: 'arm-timer', timer: 'mqtt keep-alive', delayMs: 45000 }]);
    expect(session(0).armed).toEqual([]);
    const { duties, feed, armed } = session(60, 4);
    expect(armed).toEqual([{ kind: 'arm-timer', timer: 'mqtt keep-alive', delayMs: 3000 }]);
    expect(feed('out', { type: 'PUBLISH', topic: 'a', payload: 'x' })).toEqual([{ kind: 'arm-timer', timer: 'mqtt keep-alive', delayMs: 3000 }]);
    const fired = duties.onTimer('mqtt keep-alive');
    expect(fired[0]).toMatchObject({ kind: 'send', reason: 'MQTT keep-alive 4 s' });
    expect(fired[0]?.kind === 'send' ? [...fired[0].message.bytes] : []).toEqual([0xc0, 0x00]);
    expect(duties.setEnabled(false)).toEqual([{ kind: 'cancel-timer', timer: 'mqtt keep-alive' }]);
    expect(duties.onTimer('mqtt keep-alive')).toEqual([]);
  });

  it('acknowledges QoS 1 and 2 deliveries and releases its own QoS 2 publish', () => {
    const { feed } = session(0);
    const bytesOf = (commands: ReturnType<typeof feed>) => commands.map((command) => (command.kind === 'send' ? [...command.message.bytes] : command.kind));
    expect(bytesOf(feed('in', { type: 'PUBLISH', topic: 't', payload: 'x', qos: 1, packetId: 7 }))).toEqual([[0x40, 0x02, 0x00, 0x07]]);
    expect(bytesOf(feed('in', { type: 'PUBLISH', topic: 't', payload: 'x', qos: 2, packetId: 8 }))).toEqual([[0x50, 0x02, 0x00, 0x08]]);
    expect(bytesOf(feed('in', { type: 'PUBREL', packetId: 8 }))).toEqual([[0x70, 0x02, 0x00, 0x08]]);
    expect(bytesOf(feed('in', { type: 'PUBREC', packetId: 9 }))).toEqual([[0x62, 0x02, 0x00, 0x09]]);
    expect(bytesOf(feed('in', { type: 'PUBLISH', topic: 't', payload: 'x', qos: 0 }))).toEqual([]);
  });
});

describe('MQTT topics and detection', () => {
  it('matches filters with + and # as MQTT 5 §4.7 says', () => {
    expect(topicMatches('sensors/+', 'sensors/t')).toBe(true);
    expect(topicMatches('sensors/#', 'sensors')).toBe(true);
    expect(topicMatches('sensors/+', 'sensors/a/b')).toBe(false);
    expect(topicMatches('#', '$SYS/x')).toBe(false);
    expect(topicMatches('$share/g/a/+', 'a/b')).toBe(true);
  });

  it('detects the mqtt subprotocol and a CONNECT packet', () => {
    expect(mqttProtocol.detect(contextFor('ws://h/mqtt', 'mqtt'))).toMatchObject({ confidence: 'certain' });
    const connect = reference({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, keepalive: 10, clientId: 'c' }, 4);
    expect(mqttProtocol.detect({ ...contextFor('ws://h/'), firstMessages: [new WireScript().message('out', connect)] })).toMatchObject({ confidence: 'likely' });
  });
});
