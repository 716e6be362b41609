import { message, type Message } from '../../i18n/message.js';
import { MalformedPacket, MqttByteReader } from './mqtt-byte-reader.js';
import type { MqttPacket, MqttSubscription, MqttWill } from './mqtt-packet.js';
import { MQTT_PACKET_TYPES, requiredFlags } from './mqtt-packet-type.js';
import type { MqttPacketType } from './mqtt-packet-type.js';
import { readProperties } from './mqtt-properties.js';

/** A parsed packet and the rules it breaks, or only the reason when it could not be parsed (messages, `protocols:parser.mqtt.*`). */
export type MqttParse = { readonly packet: MqttPacket; readonly problems: readonly Message[] } | { readonly reason: Message };

/**
 * Parses one control packet from its first byte and the `body` that its Remaining Length
 * delimits. `protocolLevel` (4 or 5, from the session's CONNECT) decides whether properties and
 * reason codes are present.
 */
export function parseMqttPacket(firstByte: number, body: Uint8Array, protocolLevel: number): MqttParse {
  const type = MQTT_PACKET_TYPES[firstByte >> 4] as MqttPacketType;
  const flags = firstByte & 0x0f;
  const problems: Message[] = [];
  if (type === 'RESERVED') return { reason: message('protocols:parser.mqtt.reservedType') };
  const required = requiredFlags(type);
  if (required !== undefined && flags !== required) problems.push(message('protocols:parser.mqtt.flags', { type, required: required.toString(2).padStart(4, '0'), flags: flags.toString(2).padStart(4, '0') }));
  const reader = new MqttByteReader(body);
  try {
    const packet = parseBody(type, flags, reader, protocolLevel, problems);
    if (reader.remaining > 0) problems.push(message('protocols:parser.mqtt.trailingBytes', { count: reader.remaining, type }));
    return { packet, problems };
  } catch (error) {
    if (error instanceof MalformedPacket) return { reason: message('protocols:parser.mqtt.inPacket', { type, detail: error.text }) };
    throw error;
  }
}

function parseBody(type: MqttPacketType, flags: number, reader: MqttByteReader, level: number, problems: Message[]): MqttPacket {
  const isV5 = level >= 5;
  switch (type) {
    case 'CONNECT':
      return parseConnect(reader, flags, problems);
    case 'CONNACK': {
      const acknowledge = reader.u8();
      const reasonCode = reader.u8();
      return { type, flags, sessionPresent: (acknowledge & 1) === 1, reasonCode, properties: isV5 ? readProperties(reader) : [] };
    }
    case 'PUBLISH':
      return parsePublish(reader, flags, isV5, problems);
    case 'PUBACK':
    case 'PUBREC':
    case 'PUBREL':
    case 'PUBCOMP': {
      const packetId = reader.u16();
      // MQTT 5 §3.4.2.1: the reason code and properties may be left out when the reason is Success.
      const reasonCode = isV5 && reader.remaining > 0 ? reader.u8() : undefined;
      const properties = isV5 && reader.remaining > 0 ? readProperties(reader) : [];
      return { type, flags, packetId, properties, ...(reasonCode === undefined ? {} : { reasonCode }) };
    }
    case 'SUBSCRIBE': {
      const packetId = reader.u16();
      const properties = isV5 ? readProperties(reader) : [];
      const subscriptions: MqttSubscription[] = [];
      while (reader.remaining > 0) subscriptions.push(subscription(reader.text(), reader.u8(), isV5, problems));
      if (subscriptions.length === 0) problems.push(message('protocols:parser.mqtt.noTopicFilter'));
      return { type, flags, packetId, properties, subscriptions };
    }
    case 'SUBACK':
    case 'UNSUBACK': {
      const packetId = reader.u16();
      const properties = isV5 ? readProperties(reader) : [];
      const reasonCodes = Array.from(reader.rest());
      return { type, flags, packetId, properties, reasonCodes };
    }
    case 'UNSUBSCRIBE': {
      const packetId = reader.u16();
      const properties = isV5 ? readProperties(reader) : [];
      const topics: string[] = [];
      while (reader.remaining > 0) topics.push(reader.text());
      return { type, flags, packetId, properties, topics };
    }
    case 'DISCONNECT':
    case 'AUTH': {
      if (!isV5 && type === 'AUTH') problems.push(message('protocols:parser.mqtt.authV5Only'));
      const reasonCode = isV5 && reader.remaining > 0 ? reader.u8() : undefined;
      const properties = isV5 && reader.remaining > 0 ? readProperties(reader) : [];
      return { type, flags, properties, ...(reasonCode === undefined ? {} : { reasonCode }) };
    }
    default:
      return { type, flags, properties: [] };
  }
}

function parseConnect(reader: MqttByteReader, flags: number, problems: Message[]): MqttPacket {
  const protocolName = reader.text();
  const protocolLevel = reader.u8();
  if (protocolName !== 'MQTT' && protocolName !== 'MQIsdp') problems.push(message('protocols:parser.mqtt.protocolName', { name: protocolName }));
  const connectFlags = reader.u8();
  if ((connectFlags & 1) !== 0) problems.push(message('protocols:parser.mqtt.reservedConnectFlag'));
  const keepAliveSeconds = reader.u16();
  const isV5 = protocolLevel >= 5;
  const properties = isV5 ? readProperties(reader) : [];
  const clientId = reader.text();
  let will: MqttWill | undefined;
  if ((connectFlags & 0x04) !== 0) {
    const willProperties = isV5 ? readProperties(reader) : [];
    will = { properties: willProperties, topic: reader.text(), payload: reader.binary(), qos: (connectFlags >> 3) & 3, retain: (connectFlags & 0x20) !== 0 };
  }
  const username = (connectFlags & 0x80) !== 0 ? reader.text() : undefined;
  const password = (connectFlags & 0x40) !== 0 ? reader.binary() : undefined;
  return {
    type: 'CONNECT', flags, properties, protocolName, protocolLevel, cleanStart: (connectFlags & 0x02) !== 0, keepAliveSeconds, clientId,
    ...(will ? { will } : {}), ...(username === undefined ? {} : { username }), ...(password === undefined ? {} : { password }),
  };
}

function parsePublish(reader: MqttByteReader, flags: number, isV5: boolean, problems: Message[]): MqttPacket {
  const qos = (flags >> 1) & 3;
  if (qos === 3) throw new MalformedPacket(message('protocols:parser.mqtt.qos3'));
  const topic = reader.text();
  if (/[+#]/.test(topic)) problems.push(message('protocols:parser.mqtt.wildcardTopic', { topic }));
  const packetId = qos > 0 ? reader.u16() : undefined;
  const properties = isV5 ? readProperties(reader) : [];
  return {
    type: 'PUBLISH', flags, dup: (flags & 0x08) !== 0, qos, retain: (flags & 1) !== 0, topic, properties, payload: reader.rest(),
    ...(packetId === undefined ? {} : { packetId }),
  };
}

function subscription(topic: string, options: number, isV5: boolean, problems: Message[]): MqttSubscription {
  const qos = options & 3;
  if (qos === 3) problems.push(message('protocols:parser.mqtt.subscriptionQos3', { topic }));
  if (!isV5) {
    if ((options & 0xfc) !== 0) problems.push(message('protocols:parser.mqtt.subscriptionReservedBits'));
    return { topic, qos };
  }
  return { topic, qos, noLocal: (options & 0x04) !== 0, retainAsPublished: (options & 0x08) !== 0, retainHandling: (options >> 4) & 3 };
}
