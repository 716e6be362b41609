import type { ProtocolInput, ProtocolInputOf } from '../contract/api-protocol.js';
import { decodeBase64 } from '../protocol/base64.js';
import type { GraphqlWsInput } from './graphql-ws/graphql-ws-encoder.js';
import type { MqttInput } from './mqtt/mqtt-encoder.js';
import type { MqttProperty } from './mqtt/mqtt-properties.js';
import type { SignalrInput } from './signalr/signalr-encoder.js';
import type { SocketIoInput } from './socket-io/socket-io-encoder.js';
import type { StompInput } from './stomp/stomp-encoder.js';

/**
 * The ids a session hands out when structured input leaves them to it: Socket.IO ack ids, MQTT
 * packet ids, GraphQL operation ids, SignalR invocation ids. An id the user typed moves the counter
 * past it, so a later automatic one does not repeat it.
 */
export class InputIds {
  private nextAckId = 1;
  private nextPacketId = 1;
  private nextOperationId = 1;
  private nextInvocationId = 1;

  /** A Socket.IO ack id. */
  ackId(typed?: number): number {
    if (typed !== undefined) {
      this.nextAckId = Math.max(this.nextAckId, typed + 1);
      return typed;
    }
    return this.nextAckId++;
  }

  /** An MQTT packet id, 1–65535 (MQTT 5 §2.2.1: 0 is not a packet id). */
  packetId(typed?: number): number {
    if (typed !== undefined) return typed;
    const id = this.nextPacketId;
    this.nextPacketId = id >= 0xffff ? 1 : id + 1;
    return id;
  }

  /** A GraphQL operation id. */
  operationId(typed?: string): string {
    return typed ?? String(this.nextOperationId++);
  }

  /** A SignalR invocation id. */
  invocationId(typed?: string): string {
    return typed ?? String(this.nextInvocationId++);
  }
}

/** Encoder input from the contract's structured input (base64 to bytes, automatic ids), or why it cannot be. */
export type EncoderInput = { readonly ok: true; readonly input: unknown } | { readonly ok: false; readonly reason: string };

/**
 * Turns contract input into the input of the protocol's encoder. Nothing is parsed or
 * re-serialised: JSON texts go to the encoder as typed, so malformed messages can be sent.
 */
export function encoderInputOf(request: ProtocolInput, ids: InputIds): EncoderInput {
  try {
    switch (request.protocol) {
      case 'socket.io':
        return { ok: true, input: socketIo(request.input, ids) };
      case 'stomp':
        return { ok: true, input: stomp(request.input) };
      case 'mqtt':
        return { ok: true, input: mqtt(request.input, ids) };
      case 'graphql-ws':
        return { ok: true, input: graphqlWs(request.input, ids) };
      case 'signalr':
        return { ok: true, input: signalr(request.input, ids) };
    }
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

function bytes(base64: string, field: string): Uint8Array {
  const decoded = decodeBase64(base64);
  if (decoded === null) throw new Error(`${field} is not padded base64`);
  return decoded;
}

function socketIo(input: ProtocolInputOf<'socket.io'>, ids: InputIds): SocketIoInput {
  switch (input.kind) {
    case 'event': {
      const ackId = input.ackId !== undefined || input.wantsAck === true ? ids.ackId(input.ackId) : undefined;
      return {
        kind: 'event',
        event: input.event,
        ...(input.namespace !== undefined ? { namespace: input.namespace } : {}),
        ...(input.argsJson !== undefined ? { argsJson: input.argsJson } : {}),
        ...(ackId !== undefined ? { ackId } : {}),
        ...(input.attachments !== undefined ? { attachments: input.attachments.map((each, index) => bytes(each, `attachments[${index}]`)) } : {}),
      };
    }
    case 'ack':
      return {
        kind: 'ack',
        ackId: input.ackId,
        ...(input.namespace !== undefined ? { namespace: input.namespace } : {}),
        ...(input.argsJson !== undefined ? { argsJson: input.argsJson } : {}),
        ...(input.attachments !== undefined ? { attachments: input.attachments.map((each, index) => bytes(each, `attachments[${index}]`)) } : {}),
      };
    default:
      return input;
  }
}

function stomp(input: ProtocolInputOf<'stomp'>): StompInput {
  if (input.kind === 'heart-beat') return input;
  const { bodyBase64, body, ...rest } = input;
  return { ...rest, ...(bodyBase64 !== undefined ? { body: bytes(bodyBase64, 'bodyBase64') } : body !== undefined ? { body } : {}) };
}

function mqtt(input: ProtocolInputOf<'mqtt'>, ids: InputIds): MqttInput {
  const overrides = {
    ...(input.flags !== undefined ? { flags: input.flags } : {}),
    ...(input.remainingLength !== undefined ? { remainingLength: input.remainingLength } : {}),
    ...(input.protocolLevel !== undefined ? { protocolLevel: input.protocolLevel } : {}),
    ...(input.properties !== undefined ? { properties: input.properties.map(property) } : {}),
  };
  const payload = input.payloadBase64 !== undefined ? bytes(input.payloadBase64, 'payloadBase64') : input.payload;
  switch (input.type) {
    case 'CONNECT':
      return {
        ...overrides,
        type: 'CONNECT',
        clientId: input.clientId ?? '',
        ...(input.keepAliveSeconds !== undefined ? { keepAliveSeconds: input.keepAliveSeconds } : {}),
        ...(input.cleanStart !== undefined ? { cleanStart: input.cleanStart } : {}),
        ...(input.username !== undefined ? { username: input.username } : {}),
        ...(input.password !== undefined ? { password: input.password } : {}),
      };
    case 'CONNACK':
      return { ...overrides, type: 'CONNACK', sessionPresent: input.sessionPresent ?? false, reasonCode: input.reasonCode ?? 0 };
    case 'PUBLISH': {
      const qos = input.qos ?? 0;
      return {
        ...overrides,
        type: 'PUBLISH',
        topic: input.topic ?? '',
        qos,
        ...(payload !== undefined ? { payload } : {}),
        ...(input.retain !== undefined ? { retain: input.retain } : {}),
        ...(input.dup !== undefined ? { dup: input.dup } : {}),
        ...(qos > 0 || input.packetId !== undefined ? { packetId: ids.packetId(input.packetId) } : {}),
      };
    }
    case 'PUBACK':
    case 'PUBREC':
    case 'PUBREL':
    case 'PUBCOMP':
      return { ...overrides, type: input.type, packetId: input.packetId ?? 0, ...(input.reasonCode !== undefined ? { reasonCode: input.reasonCode } : {}) };
    case 'SUBSCRIBE':
      return { ...overrides, type: 'SUBSCRIBE', packetId: ids.packetId(input.packetId), subscriptions: input.subscriptions ?? (input.topic !== undefined ? [{ topic: input.topic, qos: input.qos ?? 0 }] : []) };
    case 'SUBACK':
    case 'UNSUBACK':
      return { ...overrides, type: input.type, packetId: input.packetId ?? 0, reasonCodes: input.reasonCodes ?? [] };
    case 'UNSUBSCRIBE':
      return { ...overrides, type: 'UNSUBSCRIBE', packetId: ids.packetId(input.packetId), topics: input.topics ?? (input.topic !== undefined ? [input.topic] : []) };
    case 'PINGREQ':
    case 'PINGRESP':
      return { ...overrides, type: input.type };
    case 'DISCONNECT':
    case 'AUTH':
      return { ...overrides, type: input.type, ...(input.reasonCode !== undefined ? { reasonCode: input.reasonCode } : {}) };
  }
}

function property(entry: NonNullable<ProtocolInputOf<'mqtt'>['properties']>[number]): MqttProperty {
  const value = entry.value;
  if (typeof value === 'object' && !Array.isArray(value)) return { id: entry.id, value: bytes(value.base64, 'properties[].value.base64') };
  return { id: entry.id, value: Array.isArray(value) ? [value[0], value[1]] : value };
}

function graphqlWs(input: ProtocolInputOf<'graphql-ws'>, ids: InputIds): GraphqlWsInput {
  if (input.kind === 'message') return input;
  return {
    kind: 'subscribe',
    id: ids.operationId(input.id),
    query: input.query,
    ...(input.variablesJson !== undefined ? { variablesJson: input.variablesJson } : {}),
    ...(input.operationName !== undefined ? { operationName: input.operationName } : {}),
  };
}

function signalr(input: ProtocolInputOf<'signalr'>, ids: InputIds): SignalrInput {
  if (input.kind !== 'invoke') return input;
  const invocationId = input.invocationId !== undefined || input.wantsResult === true ? ids.invocationId(input.invocationId) : undefined;
  return {
    kind: 'invoke',
    target: input.target,
    ...(input.argumentsJson !== undefined ? { argumentsJson: input.argumentsJson } : {}),
    ...(invocationId !== undefined ? { invocationId } : {}),
    ...(input.isStream !== undefined ? { isStream: input.isStream } : {}),
  };
}
