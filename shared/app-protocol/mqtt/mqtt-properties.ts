import { message } from '../../i18n/message.js';
import type { ProtocolValue } from '../protocol-message.js';
import { encodeUtf8 } from '../../protocol/utf8-text.js';
import { MalformedPacket } from './mqtt-byte-reader.js';
import type { MqttByteReader } from './mqtt-byte-reader.js';
import { writeVarint } from './mqtt-varint.js';

/** The data type of a property's value (MQTT 5 §2.2.2.2). */
type PropertyType = 'byte' | 'u16' | 'u32' | 'varint' | 'string' | 'binary' | 'pair';

/** MQTT 5 §2.2.2.2, table 2-4: every property identifier, its name and type. */
const PROPERTIES: ReadonlyMap<number, { readonly name: string; readonly type: PropertyType }> = new Map([
  [0x01, { name: 'payloadFormatIndicator', type: 'byte' }],
  [0x02, { name: 'messageExpiryInterval', type: 'u32' }],
  [0x03, { name: 'contentType', type: 'string' }],
  [0x08, { name: 'responseTopic', type: 'string' }],
  [0x09, { name: 'correlationData', type: 'binary' }],
  [0x0b, { name: 'subscriptionIdentifier', type: 'varint' }],
  [0x11, { name: 'sessionExpiryInterval', type: 'u32' }],
  [0x12, { name: 'assignedClientIdentifier', type: 'string' }],
  [0x13, { name: 'serverKeepAlive', type: 'u16' }],
  [0x15, { name: 'authenticationMethod', type: 'string' }],
  [0x16, { name: 'authenticationData', type: 'binary' }],
  [0x17, { name: 'requestProblemInformation', type: 'byte' }],
  [0x18, { name: 'willDelayInterval', type: 'u32' }],
  [0x19, { name: 'requestResponseInformation', type: 'byte' }],
  [0x1a, { name: 'responseInformation', type: 'string' }],
  [0x1c, { name: 'serverReference', type: 'string' }],
  [0x1f, { name: 'reasonString', type: 'string' }],
  [0x21, { name: 'receiveMaximum', type: 'u16' }],
  [0x22, { name: 'topicAliasMaximum', type: 'u16' }],
  [0x23, { name: 'topicAlias', type: 'u16' }],
  [0x24, { name: 'maximumQoS', type: 'byte' }],
  [0x25, { name: 'retainAvailable', type: 'byte' }],
  [0x26, { name: 'userProperty', type: 'pair' }],
  [0x27, { name: 'maximumPacketSize', type: 'u32' }],
  [0x28, { name: 'wildcardSubscriptionAvailable', type: 'byte' }],
  [0x29, { name: 'subscriptionIdentifierAvailable', type: 'byte' }],
  [0x2a, { name: 'sharedSubscriptionAvailable', type: 'byte' }],
]);

/** A property value: a number, a string, bytes, or a user property's name and value. */
export type MqttPropertyValue = number | string | Uint8Array | readonly [string, string];

/** One property as decoded or to encode. */
export interface MqttProperty {
  readonly id: number;
  readonly value: MqttPropertyValue;
}

/** The identifier of a property named as in MQTT 5 (camelCase), for the composer. */
export function propertyIdByName(name: string): number | undefined {
  for (const [id, entry] of PROPERTIES) if (entry.name === name) return id;
  return undefined;
}

/** Reads a property list: its varint length, then identifier/value pairs (MQTT 5 §2.2.2). */
export function readProperties(reader: MqttByteReader): MqttProperty[] {
  const list = reader.sub(reader.varint());
  const properties: MqttProperty[] = [];
  while (list.remaining > 0) {
    const id = list.varint();
    const entry = PROPERTIES.get(id);
    if (entry === undefined) throw new MalformedPacket(message('protocols:parser.mqtt.unknownProperty', { id: `0x${id.toString(16)}` }));
    properties.push({ id, value: readValue(list, entry.type) });
  }
  return properties;
}

function readValue(reader: MqttByteReader, type: PropertyType): MqttPropertyValue {
  switch (type) {
    case 'byte':
      return reader.u8();
    case 'u16':
      return reader.u16();
    case 'u32':
      return reader.u32();
    case 'varint':
      return reader.varint();
    case 'string':
      return reader.text();
    case 'binary':
      return reader.binary();
    case 'pair':
      return [reader.text(), reader.text()];
  }
}

/** Properties as a tree: a list of `{ name, value }` (user properties may repeat, so not a map). */
export function propertiesTree(properties: readonly MqttProperty[]): ProtocolValue {
  return properties.map(({ id, value }) => ({
    name: PROPERTIES.get(id)?.name ?? `0x${id.toString(16)}`,
    value: Array.isArray(value) ? [value[0], value[1]] : (value as string | number | Uint8Array),
  }));
}

/** The first value of a property, by identifier. */
export function propertyValue(properties: readonly MqttProperty[], id: number): MqttPropertyValue | undefined {
  return properties.find((property) => property.id === id)?.value;
}

/** Writes a property list with its length prefix. */
export function writeProperties(properties: readonly MqttProperty[]): Uint8Array {
  const parts: number[] = [];
  for (const { id, value } of properties) {
    parts.push(...writeVarint(id));
    const type = PROPERTIES.get(id)?.type ?? (typeof value === 'string' ? 'string' : value instanceof Uint8Array ? 'binary' : 'u32');
    parts.push(...writeValue(type, value));
  }
  return Uint8Array.from([...writeVarint(parts.length), ...parts]);
}

function writeValue(type: PropertyType, value: MqttPropertyValue): number[] {
  const number = typeof value === 'number' ? value : 0;
  switch (type) {
    case 'byte':
      return [number & 0xff];
    case 'u16':
      return [(number >> 8) & 0xff, number & 0xff];
    case 'u32':
      return [(number >>> 24) & 0xff, (number >>> 16) & 0xff, (number >>> 8) & 0xff, number & 0xff];
    case 'varint':
      return writeVarint(number);
    case 'string':
      return lengthPrefixed(encodeUtf8(typeof value === 'string' ? value : ''));
    case 'binary':
      return lengthPrefixed(value instanceof Uint8Array ? value : encodeUtf8(String(value)));
    case 'pair': {
      const [name, pairValue] = Array.isArray(value) ? value : ['', ''];
      return [...lengthPrefixed(encodeUtf8(name)), ...lengthPrefixed(encodeUtf8(pairValue))];
    }
  }
}

/** A two-byte length, then the bytes (MQTT "Binary Data" and "UTF-8 Encoded String"). */
export function lengthPrefixed(bytes: Uint8Array): number[] {
  return [(bytes.length >> 8) & 0xff, bytes.length & 0xff, ...bytes];
}
