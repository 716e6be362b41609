import type { ProtocolFacts } from '../app-protocol.js';
import type { EncodedMessage } from '../wire-message.js';
import { encodeUtf8 } from '../../protocol/utf8-text.js';
import type { MqttSubscription } from './mqtt-packet.js';
import { MQTT_PACKET_TYPES, requiredFlags } from './mqtt-packet-type.js';
import type { MqttPacketType } from './mqtt-packet-type.js';
import { lengthPrefixed, writeProperties } from './mqtt-properties.js';
import type { MqttProperty } from './mqtt-properties.js';
import { writeVarint } from './mqtt-varint.js';

/** Fields every packet input may override to write a malformed packet on purpose. */
interface Overrides {
  /** The four fixed-header flag bits instead of the correct ones. */
  readonly flags?: number;
  /** A Remaining Length that does not match the body. */
  readonly remainingLength?: number;
  /** MQTT 5 properties (ignored for 3.1.1 unless `protocolLevel` is 5). */
  readonly properties?: readonly MqttProperty[];
  /** 4 (3.1.1) or 5; default: the session's level from its CONNECT. */
  readonly protocolLevel?: number;
}

/** A control packet for the composer (client packets, and server packets for listen mode). */
export type MqttInput = Overrides &
  (
    | { readonly type: 'CONNECT'; readonly clientId: string; readonly keepAliveSeconds?: number; readonly cleanStart?: boolean; readonly username?: string; readonly password?: string | Uint8Array; readonly will?: { readonly topic: string; readonly payload: string | Uint8Array; readonly qos?: number; readonly retain?: boolean } }
    | { readonly type: 'CONNACK'; readonly sessionPresent?: boolean; readonly reasonCode?: number }
    | { readonly type: 'PUBLISH'; readonly topic: string; readonly payload?: string | Uint8Array; readonly qos?: number; readonly retain?: boolean; readonly dup?: boolean; readonly packetId?: number }
    | { readonly type: 'PUBACK' | 'PUBREC' | 'PUBREL' | 'PUBCOMP'; readonly packetId: number; readonly reasonCode?: number }
    | { readonly type: 'SUBSCRIBE'; readonly packetId: number; readonly subscriptions: readonly MqttSubscription[] }
    | { readonly type: 'SUBACK' | 'UNSUBACK'; readonly packetId: number; readonly reasonCodes: readonly number[] }
    | { readonly type: 'UNSUBSCRIBE'; readonly packetId: number; readonly topics: readonly string[] }
    | { readonly type: 'PINGREQ' | 'PINGRESP' }
    | { readonly type: 'DISCONNECT' | 'AUTH'; readonly reasonCode?: number }
  );

/** Encodes one control packet as one binary WebSocket message. */
export function encodeMqtt(input: MqttInput, facts: ProtocolFacts): EncodedMessage[] {
  const level = input.protocolLevel ?? (input.type === 'CONNECT' ? 4 : Number(facts['protocolLevel'] ?? 4));
  const isV5 = level >= 5;
  const body = encodeBody(input, level, isV5);
  const typeNumber = MQTT_PACKET_TYPES.indexOf(input.type);
  const flags = input.flags ?? (input.type === 'PUBLISH' ? publishFlags(input) : requiredFlags(input.type) ?? 0);
  const header = [(typeNumber << 4) | (flags & 0x0f), ...writeVarint(input.remainingLength ?? body.length)];
  return [{ isText: false, bytes: Uint8Array.from([...header, ...body]) }];
}

function encodeBody(input: MqttInput, level: number, isV5: boolean): number[] {
  const properties = isV5 ? [...writeProperties(input.properties ?? [])] : [];
  switch (input.type) {
    case 'CONNECT':
      return connectBody(input, level, properties);
    case 'CONNACK':
      return [input.sessionPresent ? 1 : 0, input.reasonCode ?? 0, ...properties];
    case 'PUBLISH':
      return [...lengthPrefixed(encodeUtf8(input.topic)), ...((input.qos ?? 0) > 0 ? u16(input.packetId ?? 1) : []), ...properties, ...bytesOf(input.payload ?? '')];
    case 'PUBACK':
    case 'PUBREC':
    case 'PUBREL':
    case 'PUBCOMP':
      return [...u16(input.packetId), ...(isV5 && (input.reasonCode !== undefined || (input.properties ?? []).length > 0) ? [input.reasonCode ?? 0, ...properties] : [])];
    case 'SUBSCRIBE':
      return [...u16(input.packetId), ...properties, ...input.subscriptions.flatMap((subscription) => [...lengthPrefixed(encodeUtf8(subscription.topic)), subscriptionOptions(subscription, isV5)])];
    case 'SUBACK':
    case 'UNSUBACK':
      return [...u16(input.packetId), ...properties, ...input.reasonCodes];
    case 'UNSUBSCRIBE':
      return [...u16(input.packetId), ...properties, ...input.topics.flatMap((topic) => lengthPrefixed(encodeUtf8(topic)))];
    case 'PINGREQ':
    case 'PINGRESP':
      return [];
    case 'DISCONNECT':
    case 'AUTH':
      return isV5 && (input.reasonCode !== undefined || properties.length > 1) ? [input.reasonCode ?? 0, ...properties] : [];
  }
}

function connectBody(input: Extract<MqttInput, { type: 'CONNECT' }>, level: number, properties: number[]): number[] {
  const will = input.will;
  const flags =
    (input.username !== undefined ? 0x80 : 0) |
    (input.password !== undefined ? 0x40 : 0) |
    (will?.retain ? 0x20 : 0) |
    (((will?.qos ?? 0) & 3) << 3) |
    (will !== undefined ? 0x04 : 0) |
    (input.cleanStart ?? true ? 0x02 : 0);
  return [
    ...lengthPrefixed(encodeUtf8(level === 3 ? 'MQIsdp' : 'MQTT')),
    level,
    flags,
    ...u16(input.keepAliveSeconds ?? 60),
    ...properties,
    ...lengthPrefixed(encodeUtf8(input.clientId)),
    ...(will !== undefined ? [...(level >= 5 ? [0] : []), ...lengthPrefixed(encodeUtf8(will.topic)), ...lengthPrefixed(Uint8Array.from(bytesOf(will.payload)))] : []),
    ...(input.username !== undefined ? lengthPrefixed(encodeUtf8(input.username)) : []),
    ...(input.password !== undefined ? lengthPrefixed(Uint8Array.from(bytesOf(input.password))) : []),
  ];
}

function publishFlags(input: Extract<MqttInput, { type: 'PUBLISH' }>): number {
  return (input.dup ? 0x08 : 0) | (((input.qos ?? 0) & 3) << 1) | (input.retain ? 1 : 0);
}

function subscriptionOptions(subscription: MqttSubscription, isV5: boolean): number {
  if (!isV5) return subscription.qos & 3;
  return (subscription.qos & 3) | (subscription.noLocal ? 0x04 : 0) | (subscription.retainAsPublished ? 0x08 : 0) | (((subscription.retainHandling ?? 0) & 3) << 4);
}

function u16(value: number): number[] {
  return [(value >> 8) & 0xff, value & 0xff];
}

function bytesOf(value: string | Uint8Array): number[] {
  return [...(typeof value === 'string' ? encodeUtf8(value) : value)];
}

/** The packet type names the composer offers. */
export const MQTT_COMPOSER_TYPES: readonly MqttPacketType[] = MQTT_PACKET_TYPES.filter((type) => type !== 'RESERVED');
