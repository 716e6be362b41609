import { message as sentence } from '../../i18n/message.js';
import type { ProtocolDecoder, ProtocolFacts, ProtocolSessionContext } from '../app-protocol.js';
import { isRecord, numberField, preview, stringField } from '../json-text.js';
import { BoundedMap } from '../bounded-map.js';
import { MessageFactory, linkTo, originOf } from '../message-factory.js';
import type { MessageOrigin } from '../message-factory.js';
import type { ProtocolMessage, ProtocolRecord, ProtocolValue, ProtocolViolation } from '../protocol-message.js';
import type { WireMessage } from '../wire-message.js';
import { decodeUtf8 } from '../../protocol/utf8-text.js';
import { EIO3_BINARY_MESSAGE_PREFIX, parseEngineText } from './engine-io-packet.js';
import type { EngineTextPacket } from './engine-io-packet.js';
import { parseSocketIoPacket } from './socket-io-packet.js';
import type { SocketIoPacket } from './socket-io-packet.js';
import { engineIoVersionOf } from './socket-io-version.js';
import { enginePacketProblem, engineViolation, missingAttachments, socketPacketProblem, unexpectedBinary } from './socket-io-violations.js';
import { ParseProblem } from '../parse-problem.js';

/** A binary packet waiting for its attachments (one per direction at most). */
interface PendingBinary {
  readonly packet: SocketIoPacket;
  readonly origin: MessageOrigin;
  readonly attachments: Uint8Array[];
  readonly seqs: number[];
}

/** An EVENT that asked for an acknowledgement. */
interface AwaitingAck {
  readonly index: number;
  readonly atMicros: number;
}

type Direction = WireMessage['direction'];

/**
 * Socket.IO over Engine.IO 3 or 4: one Engine.IO packet per text message; binary packets collect
 * their attachments from the binary messages that follow; acknowledgements are matched to their
 * EVENT by namespace and id, in either direction, with the round-trip time.
 */
export class SocketIoDecoder implements ProtocolDecoder {
  private readonly factory = new MessageFactory('socket.io');
  /** From the URL's EIO parameter, which every Socket.IO client sends; 4 without it (the open packet does not tell: python-engineio's lacks maxPayload too). */
  private readonly eio: 3 | 4;
  private readonly pending = new Map<Direction, PendingBinary>();
  private readonly awaitingAcks = new BoundedMap<string, AwaitingAck>();
  private readonly lastPing = new Map<Direction, { index: number; atMicros: number }>();
  /** The client's CONNECT per namespace, which the server's CONNECT or CONNECT_ERROR answers. */
  private readonly connecting = new BoundedMap<string, AwaitingAck>();
  private learned: Record<string, string | number | boolean> = {};

  constructor(context: ProtocolSessionContext) {
    this.eio = engineIoVersionOf(context.url) ?? 4;
  }

  facts(): ProtocolFacts {
    return { eio: this.eio, socketIo: this.eio === 3 ? 'v2' : 'v3/v4', ...this.learned };
  }

  push(message: WireMessage): ProtocolMessage[] {
    if (!message.isText) return this.pushBinary(message);
    const out = this.flushPending(message.direction);
    const text = decodeUtf8(message.bytes);
    const packet = parseEngineText(text);
    const origin = originOf(message);
    if (packet instanceof ParseProblem) out.push(this.factory.invalid(origin, enginePacketProblem(packet.text), text));
    else out.push(...this.engineMessage(origin, packet, text));
    return out;
  }

  private engineMessage(origin: MessageOrigin, packet: EngineTextPacket, text: string): ProtocolMessage[] {
    switch (packet.type) {
      case 'open':
        return [this.open(origin, packet.data, text)];
      case 'ping':
      case 'pong':
        return [this.heartbeat(origin, packet)];
      case 'message':
        return this.socketMessage(origin, packet.data);
      default:
        return [this.factory.create(origin, { kind: packet.type, summary: `engine.io ${packet.type}`, tree: { engine: packet.type, data: packet.data }, isControl: packet.type === 'noop' })];
    }
  }

  private open(origin: MessageOrigin, data: string, text: string): ProtocolMessage {
    let value: ProtocolValue;
    try {
      value = JSON.parse(data) as ProtocolValue;
    } catch {
      return this.factory.invalid(origin, engineViolation(sentence('protocols:violation.detail.engineOpenNoJson')), text);
    }
    const sid = stringField(value, 'sid');
    const pingIntervalMs = numberField(value, 'pingInterval');
    const pingTimeoutMs = numberField(value, 'pingTimeout');
    if (sid !== undefined) this.learned.sid = sid;
    if (pingIntervalMs !== undefined) this.learned.pingIntervalMs = pingIntervalMs;
    if (pingTimeoutMs !== undefined) this.learned.pingTimeoutMs = pingTimeoutMs;
    const violations: ProtocolViolation[] = [];
    if (sid === undefined || pingIntervalMs === undefined || pingTimeoutMs === undefined) {
      violations.push(engineViolation(sentence('protocols:violation.detail.engineOpenFields')));
    }
    return this.factory.create(origin, {
      kind: 'open',
      summary: `engine.io open sid=${sid ?? '?'} ping ${pingIntervalMs ?? '?'}/${pingTimeoutMs ?? '?'} ms`,
      tree: { engine: 'open', eio: this.eio, handshake: value },
      violations,
    });
  }

  /** EIO 4: the server pings and the client answers; EIO 3: the other way round (Engine.IO v4 "Heartbeat"). */
  private heartbeat(origin: MessageOrigin, packet: EngineTextPacket): ProtocolMessage {
    const tree: ProtocolRecord = { engine: packet.type, data: packet.data };
    const summary = `engine.io ${packet.type}${packet.data === '' ? '' : ` ${packet.data}`}`;
    if (packet.type === 'ping') {
      const message = this.factory.create(origin, { kind: 'ping', summary, tree, isControl: true });
      this.lastPing.set(origin.direction, message);
      return message;
    }
    const ping = this.lastPing.get(origin.direction === 'in' ? 'out' : 'in');
    if (ping === undefined) return this.factory.create(origin, { kind: 'pong', summary, tree, isControl: true });
    this.lastPing.delete(origin.direction === 'in' ? 'out' : 'in');
    return this.factory.create(origin, { kind: 'pong', summary, tree, isControl: true, ...linkTo(ping, 'answers', origin.atMicros) });
  }

  private socketMessage(origin: MessageOrigin, data: string): ProtocolMessage[] {
    const packet = parseSocketIoPacket(data);
    if (packet instanceof ParseProblem) return [this.factory.invalid(origin, socketPacketProblem(packet.text), `4${data}`)];
    if (packet.attachments !== undefined && packet.attachments > 0) {
      this.pending.set(origin.direction, { packet, origin, attachments: [], seqs: [...origin.seqs] });
      return [];
    }
    return [this.socketPacket(origin, packet, [], [])];
  }

  private pushBinary(message: WireMessage): ProtocolMessage[] {
    const pending = this.pending.get(message.direction);
    const origin = originOf(message);
    if (pending === undefined) return [this.factory.invalid(origin, unexpectedBinary, message.bytes)];
    const isPrefixed = this.eio === 3 && message.bytes[0] === EIO3_BINARY_MESSAGE_PREFIX;
    pending.attachments.push(isPrefixed ? message.bytes.subarray(1) : message.bytes);
    pending.seqs.push(...message.seqs);
    if (pending.attachments.length < (pending.packet.attachments ?? 0)) return [];
    this.pending.delete(message.direction);
    const complete = { direction: message.direction, atMicros: message.atMicros, seqs: pending.seqs };
    return [this.socketPacket(complete, pending.packet, pending.attachments, [])];
  }

  private flushPending(direction: Direction): ProtocolMessage[] {
    const pending = this.pending.get(direction);
    if (pending === undefined) return [];
    this.pending.delete(direction);
    const violation = missingAttachments(pending.packet.attachments ?? 0, pending.attachments.length);
    const origin = { ...pending.origin, seqs: pending.seqs };
    return [this.socketPacket(origin, pending.packet, pending.attachments, [violation])];
  }

  private socketPacket(origin: MessageOrigin, packet: SocketIoPacket, attachments: readonly Uint8Array[], violations: ProtocolViolation[]): ProtocolMessage {
    const data = packet.data === undefined || attachments.length === 0 ? packet.data : withAttachments(packet.data, attachments);
    const tree: Record<string, ProtocolValue> = { type: packet.type, namespace: packet.namespace };
    if (packet.id !== undefined) tree['id'] = packet.id;
    const where = packet.namespace === '/' ? '' : ` ${packet.namespace}`;
    switch (packet.type) {
      case 'EVENT':
      case 'BINARY_EVENT': {
        const args = data as readonly ProtocolValue[];
        const name = typeof args[0] === 'string' ? args[0] : String(args[0]);
        tree['event'] = name;
        tree['args'] = args.slice(1);
        if (attachments.length > 0) tree['attachments'] = [...attachments];
        const idText = packet.id === undefined ? '' : ` id=${packet.id}`;
        const attachmentText = attachments.length > 0 ? ` +${attachments.length} attachment(s)` : '';
        const message = this.factory.create(origin, { kind: packet.type, summary: `socket.io ${packet.type} ${name}${where}${idText}${attachmentText}`, tree, violations });
        if (packet.id !== undefined) this.awaitingAcks.set(ackKey(origin.direction, packet.namespace, packet.id), message);
        return message;
      }
      case 'ACK':
      case 'BINARY_ACK': {
        if (data !== undefined) tree['data'] = data;
        if (attachments.length > 0) tree['attachments'] = [...attachments];
        const key = ackKey(origin.direction === 'in' ? 'out' : 'in', packet.namespace, packet.id ?? -1);
        const emit = this.awaitingAcks.get(key);
        this.awaitingAcks.delete(key);
        const summary = `socket.io ${packet.type} id=${packet.id ?? '?'}${where} ${preview(data, 40)}`;
        return this.factory.create(origin, { kind: packet.type, summary, tree, violations, ...(emit ? linkTo(emit, 'acknowledges', origin.atMicros) : {}) });
      }
      case 'CONNECT': {
        if (data !== undefined) tree['data'] = data;
        if (origin.direction === 'in' && isRecord(data) && typeof data['sid'] === 'string') this.learned[`sid${packet.namespace}`] = data['sid'];
        const message = this.factory.create(origin, { kind: packet.type, tree, violations, summary: `socket.io CONNECT ${packet.namespace}`, ...this.connectAnswer(origin, packet.namespace) });
        if (origin.direction === 'out') this.connecting.set(packet.namespace, message);
        return message;
      }
      case 'CONNECT_ERROR': {
        if (data !== undefined) tree['data'] = data;
        const reason = stringField(data, 'message') ?? (typeof data === 'string' ? data : preview(data, 40));
        const kind = this.eio === 3 ? 'ERROR' : 'CONNECT_ERROR';
        tree['type'] = kind;
        return this.factory.create(origin, { kind, tree, violations, summary: `socket.io ${kind} ${packet.namespace}: ${reason}`, ...this.connectAnswer(origin, packet.namespace) });
      }
      default:
        if (data !== undefined) tree['data'] = data;
        return this.factory.create(origin, { kind: packet.type, tree, violations, summary: `socket.io ${packet.type} ${packet.namespace}` });
    }
  }

  /** The server's CONNECT or CONNECT_ERROR answers the client's CONNECT to that namespace (Socket.IO protocol "Connection to a namespace"). */
  private connectAnswer(origin: MessageOrigin, namespace: string): ReturnType<typeof linkTo> | Record<string, never> {
    if (origin.direction !== 'in') return {};
    const request = this.connecting.get(namespace);
    if (request === undefined) return {};
    this.connecting.delete(namespace);
    return linkTo(request, 'answers', origin.atMicros);
  }
}

function ackKey(direction: Direction, namespace: string, id: number): string {
  return `${direction} ${namespace} ${id}`;
}

/** Replaces `{"_placeholder":true,"num":n}` with attachment n (socket.io-parser's binary reconstruction). */
function withAttachments(value: ProtocolValue, attachments: readonly Uint8Array[]): ProtocolValue {
  if (attachments.length === 0 || value === null || typeof value !== 'object' || value instanceof Uint8Array) return value;
  if (Array.isArray(value)) return value.map((item: ProtocolValue) => withAttachments(item, attachments));
  const record = value as ProtocolRecord;
  if (record['_placeholder'] === true && typeof record['num'] === 'number') return attachments[record['num']] ?? value;
  const out: Record<string, ProtocolValue> = {};
  for (const [key, inner] of Object.entries(record)) out[key] = withAttachments(inner, attachments);
  return out;
}
