import { message as sentence } from '../../i18n/message.js';
import { protocolViolation } from '../protocol-violation-text.js';
import type { ProtocolDecoder, ProtocolFacts, ProtocolSessionContext } from '../app-protocol.js';
import { BoundedMap } from '../bounded-map.js';
import { MessageFactory, linkTo } from '../message-factory.js';
import type { MessageOrigin } from '../message-factory.js';
import type { ProtocolLink, ProtocolMessage, ProtocolRecord, ProtocolViolation } from '../protocol-message.js';
import { matchingSubprotocol } from '../url-shape.js';
import type { WireMessage } from '../wire-message.js';
import { textOrBytes } from '../../payload-format/text-or-bytes.js';
import { readStompItem } from './stomp-frame-reader.js';
import type { StompFrame } from './stomp-frame-reader.js';
import { headerValue, parseHeartBeat, stompVersionOf } from './stomp-headers.js';
import type { StompHeaders, StompVersion } from './stomp-headers.js';

const reference = 'STOMP 1.2 "STOMP Frames"';
/** A content-length larger than this is not waited for across messages. */
const maxBufferedBytes = 16 * 1024 * 1024;

type Direction = WireMessage['direction'];

interface Earlier {
  readonly index: number;
  readonly atMicros: number;
}

/** Bytes of a frame whose content-length reaches into the next message. */
interface Partial {
  bytes: Uint8Array;
  seqs: number[];
}

/**
 * STOMP 1.0–1.2 over WebSocket: each message holds frames and heart-beat EOLs, several per message
 * allowed; a body with content-length may continue into the next message. The version comes from
 * the subprotocol or the CONNECTED frame and decides header escaping.
 */
export class StompDecoder implements ProtocolDecoder {
  private readonly factory = new MessageFactory('stomp');
  private version: StompVersion;
  private readonly partial = new Map<Direction, Partial>();
  private readonly subscriptions = new BoundedMap<string, Earlier>();
  private readonly receipts = new BoundedMap<string, Earlier>();
  private readonly deliveries = new BoundedMap<string, Earlier>();
  private connect: Earlier | undefined;
  private isConnected = false;
  private learned: Record<string, string | number> = {};

  constructor(context: ProtocolSessionContext) {
    const subprotocol = matchingSubprotocol(context, (name) => stompVersionOf(name) !== undefined);
    this.version = stompVersionOf(subprotocol?.name) ?? '1.2';
  }

  facts(): ProtocolFacts {
    return { version: this.version, ...this.learned };
  }

  push(message: WireMessage): ProtocolMessage[] {
    const held = this.partial.get(message.direction);
    const bytes = held === undefined ? message.bytes : concat(held.bytes, message.bytes);
    const seqs = held === undefined ? message.seqs : [...held.seqs, ...message.seqs];
    this.partial.delete(message.direction);
    const origin: MessageOrigin = { direction: message.direction, atMicros: message.atMicros, seqs };
    const out: ProtocolMessage[] = [];
    let offset = 0;
    let heartBeats = 0;
    let hasFrame = false;
    while (offset < bytes.length) {
      const item = readStompItem(bytes, offset, this.version);
      if (item.kind === 'needs-more') {
        if (bytes.length - offset > maxBufferedBytes) {
          out.push(this.factory.invalid(origin, protocolViolation('stomp-missing-nul', reference, sentence('protocols:violation.detail.stompBeyondBuffer')), bytes.subarray(offset)));
          return out;
        }
        this.partial.set(message.direction, { bytes: bytes.slice(offset), seqs: [...seqs] });
        break;
      }
      if (item.kind === 'heart-beat') heartBeats += item.eolCount;
      else {
        hasFrame = true;
        out.push(this.frameMessage(origin, item.frame));
      }
      offset = item.end;
    }
    // EOLs after a frame's NUL are allowed padding (STOMP 1.2); only EOLs alone are heart-beats.
    if (heartBeats > 0 && !hasFrame && !this.partial.has(message.direction)) {
      out.push(this.factory.create(origin, { kind: 'heart-beat', summary: heartBeats === 1 ? 'STOMP heart-beat' : `STOMP heart-beat ×${heartBeats}`, tree: { heartBeat: heartBeats }, isControl: true }));
    }
    return out;
  }

  private frameMessage(origin: MessageOrigin, frame: StompFrame): ProtocolMessage {
    const violations: ProtocolViolation[] = frame.problems.map((problem) => ({ ...problem, reference }));
    const headers = frame.headers;
    const tree: ProtocolRecord = {
      command: frame.command,
      headers,
      body: textOrBytes(frame.body),
    };
    const related = this.relate(origin, frame, headers);
    const message = this.factory.create(origin, { kind: frame.command, summary: summarize(frame.command, headers), tree, violations, ...related });
    this.remember(frame.command, headers, message);
    return message;
  }

  private relate(origin: MessageOrigin, frame: StompFrame, headers: StompHeaders): { links?: ProtocolLink[]; rttMicros?: number } {
    const at = origin.atMicros;
    switch (frame.command) {
      case 'CONNECTED': {
        const version = stompVersionOf(headerValue(headers, 'version'));
        if (version !== undefined) this.version = version;
        const beat = parseHeartBeat(headerValue(headers, 'heart-beat'));
        if (beat !== undefined) {
          this.learned.serverHeartBeatMs = beat.canSendMs;
          this.learned.serverWantsHeartBeatMs = beat.wantsMs;
        }
        this.isConnected = true;
        return this.connect ? linkTo(this.connect, 'answers', at) : {};
      }
      case 'MESSAGE':
        return this.linkBy(this.subscriptions, headerValue(headers, 'subscription'), 'belongs-to', at, false);
      case 'RECEIPT':
        return this.linkBy(this.receipts, headerValue(headers, 'receipt-id'), 'answers', at, true);
      case 'ERROR': {
        const byReceipt = this.linkBy(this.receipts, headerValue(headers, 'receipt-id'), 'answers', at, true);
        // STOMP 1.2 "CONNECT or STOMP Frame": a server that refuses the connection answers with ERROR.
        if (byReceipt.links === undefined && this.connect !== undefined && !this.isConnected) return linkTo(this.connect, 'answers', at);
        return byReceipt;
      }
      case 'ACK':
      case 'NACK':
        return this.linkBy(this.deliveries, headerValue(headers, 'id') ?? headerValue(headers, 'message-id'), 'acknowledges', at, true);
      case 'UNSUBSCRIBE':
        return this.linkBy(this.subscriptions, headerValue(headers, 'id') ?? headerValue(headers, 'destination'), 'completes', at, false);
      default:
        return {};
    }
  }

  private linkBy(table: Map<string, Earlier>, key: string | undefined, relation: 'answers' | 'belongs-to' | 'acknowledges' | 'completes', at: number, withRtt: boolean) {
    const earlier = key === undefined ? undefined : table.get(key);
    if (earlier === undefined) return {};
    const link = linkTo(earlier, relation, at);
    return withRtt ? link : { links: link.links };
  }

  private remember(command: string, headers: StompHeaders, message: ProtocolMessage): void {
    const receipt = headerValue(headers, 'receipt');
    if (receipt !== undefined) this.receipts.set(receipt, message);
    if (command === 'CONNECT' || command === 'STOMP') {
      this.connect = message;
      const beat = parseHeartBeat(headerValue(headers, 'heart-beat'));
      if (beat !== undefined) {
        this.learned.clientHeartBeatMs = beat.canSendMs;
        this.learned.clientWantsHeartBeatMs = beat.wantsMs;
      }
    }
    // STOMP 1.0 subscriptions may omit the id; messages then carry the destination.
    if (command === 'SUBSCRIBE') this.subscriptions.set(headerValue(headers, 'id') ?? headerValue(headers, 'destination') ?? '', message);
    if (command === 'MESSAGE') {
      const ackId = headerValue(headers, 'ack') ?? headerValue(headers, 'message-id');
      if (ackId !== undefined) this.deliveries.set(ackId, message);
    }
  }
}

function summarize(command: string, headers: StompHeaders): string {
  const parts = [`STOMP ${command}`];
  const destination = headerValue(headers, 'destination');
  if (destination !== undefined) parts.push(destination);
  if (command === 'SUBSCRIBE' || command === 'UNSUBSCRIBE') parts.push(`id=${headerValue(headers, 'id') ?? '?'}`);
  if (command === 'CONNECTED' || command === 'CONNECT' || command === 'STOMP') {
    const version = headerValue(headers, 'version') ?? headerValue(headers, 'accept-version');
    if (version !== undefined) parts.push(`v${version}`);
    const beat = headerValue(headers, 'heart-beat');
    if (beat !== undefined) parts.push(`heart-beat ${beat}`);
  }
  if (command === 'RECEIPT') parts.push(`receipt-id=${headerValue(headers, 'receipt-id') ?? '?'}`);
  if (command === 'ERROR') parts.push(headerValue(headers, 'message') ?? '');
  if (command === 'ACK' || command === 'NACK') parts.push(`id=${headerValue(headers, 'id') ?? headerValue(headers, 'message-id') ?? '?'}`);
  return parts.join(' ').trimEnd();
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
