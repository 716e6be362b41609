import { message as sentence } from '../../i18n/message.js';
import { parserViolation, protocolViolation } from '../protocol-violation-text.js';
import { ParseProblem } from '../parse-problem.js';
import type { ProtocolDecoder, ProtocolFacts, ProtocolSessionContext } from '../app-protocol.js';
import { isRecord, numberField, parseJson, preview, stringField } from '../json-text.js';
import { BoundedMap } from '../bounded-map.js';
import { MessageFactory, linkTo, originOf } from '../message-factory.js';
import type { MessageOrigin } from '../message-factory.js';
import type { ProtocolLink, ProtocolMessage, ProtocolRecord, ProtocolValue, ProtocolViolation } from '../protocol-message.js';
import type { WireMessage } from '../wire-message.js';
import { decodeUtf8 } from '../../protocol/utf8-text.js';
import { hubTypeName } from './hub-message.js';
import type { HubMessage } from './hub-message.js';
import { classicSummary, readClassicMessage } from './signalr-classic.js';
import { parseJsonHubMessage } from './signalr-json.js';
import { isClassicUrl } from './signalr-mode.js';
import type { SignalrMode } from './signalr-mode.js';
import { parseMsgpackHubMessage } from './signalr-msgpack.js';
import { splitBinaryRecords, splitTextRecords } from './signalr-records.js';

const reference = 'ASP.NET Core SignalR HubProtocol.md';
const classicReference = 'ASP.NET SignalR 2 persistent connection and hubs protocol';

type Direction = WireMessage['direction'];

interface Earlier {
  readonly index: number;
  readonly atMicros: number;
}

/**
 * SignalR: the ASP.NET Core JSON and MessagePack hub protocols (a JSON handshake first, then
 * records ending in 0x1E, or length-prefixed MessagePack records in binary messages), and classic
 * ASP.NET SignalR. Completions and stream items are linked to their invocation by id.
 */
export class SignalrDecoder implements ProtocolDecoder {
  private readonly factory = new MessageFactory('signalr');
  private mode: SignalrMode;
  private handshakeRequest: Earlier | undefined;
  private hasHandshakeResponse = false;
  private readonly invocations = new BoundedMap<string, Earlier>();

  constructor(context: ProtocolSessionContext) {
    this.mode = isClassicUrl(context.url) ? 'classic' : 'json';
  }

  facts(): ProtocolFacts {
    return { mode: this.mode, isHandshakeDone: this.hasHandshakeResponse };
  }

  push(message: WireMessage): ProtocolMessage[] {
    const origin = originOf(message);
    if (!message.isText) return this.binary(origin, message.bytes);
    if (this.mode === 'classic') return [this.classic(origin, decodeUtf8(message.bytes))];
    const { records, rest } = splitTextRecords(message.bytes);
    const out = records.map((record) => this.textRecord(origin, decodeUtf8(record)));
    if (rest.length > 0) {
      const text = decodeUtf8(rest);
      const looksClassic = text.trimStart().startsWith('{"C"') || (text.trim() === '{}' && this.handshakeRequest === undefined);
      if (records.length === 0 && looksClassic) {
        this.mode = 'classic';
        return [this.classic(origin, text)];
      }
      out.push(this.factory.invalid(origin, protocolViolation('signalr-missing-record-separator', reference, sentence('protocols:violation.detail.signalrNoSeparator')), text));
    }
    return out;
  }

  private textRecord(origin: MessageOrigin, text: string): ProtocolMessage {
    if (origin.direction === 'out' && this.handshakeRequest === undefined && /"protocol"/.test(text)) return this.handshake(origin, text);
    if (origin.direction === 'in' && this.handshakeRequest !== undefined && !this.hasHandshakeResponse) return this.handshakeResponse(origin, text);
    const hub = parseJsonHubMessage(text);
    if (hub instanceof ParseProblem) return this.factory.invalid(origin, parserViolation('signalr-malformed-message', reference, hub.text), text);
    return this.hubMessage(origin, hub, []);
  }

  private binary(origin: MessageOrigin, bytes: Uint8Array): ProtocolMessage[] {
    const { records, problem } = splitBinaryRecords(bytes);
    const out = records.map((record) => {
      const hub = parseMsgpackHubMessage(record);
      if (hub instanceof ParseProblem) return this.factory.invalid(origin, parserViolation('signalr-malformed-message', reference, hub.text), record);
      return this.hubMessage(origin, hub, []);
    });
    if (problem !== undefined) out.push(this.factory.invalid(origin, parserViolation('signalr-malformed-length-prefix', reference, problem.text), bytes));
    return out;
  }

  private handshake(origin: MessageOrigin, text: string): ProtocolMessage {
    const parsed = parseJson(text);
    const protocol = parsed.ok ? stringField(parsed.value, 'protocol') : undefined;
    const version = parsed.ok ? numberField(parsed.value, 'version') : undefined;
    if (!parsed.ok || protocol === undefined) return this.factory.invalid(origin, protocolViolation('signalr-bad-handshake', reference, sentence('protocols:violation.detail.signalrBadHandshakeRequest')), text);
    if (protocol === 'messagepack') this.mode = 'messagepack';
    const message = this.factory.create(origin, { kind: 'handshake', summary: `signalr handshake ${protocol} v${version ?? '?'}`, tree: parsed.value });
    this.handshakeRequest = message;
    return message;
  }

  private handshakeResponse(origin: MessageOrigin, text: string): ProtocolMessage {
    this.hasHandshakeResponse = true;
    const parsed = parseJson(text);
    if (!parsed.ok || !isRecord(parsed.value)) return this.factory.invalid(origin, protocolViolation('signalr-bad-handshake', reference, sentence('protocols:violation.detail.signalrBadHandshakeResponse')), text);
    const error = stringField(parsed.value, 'error');
    const link = this.handshakeRequest ? linkTo(this.handshakeRequest, 'answers', origin.atMicros) : {};
    return this.factory.create(origin, { kind: 'handshake-response', summary: error === undefined ? 'signalr handshake accepted' : `signalr handshake refused: ${error}`, tree: parsed.value, ...link });
  }

  private hubMessage(origin: MessageOrigin, hub: HubMessage, violations: ProtocolViolation[]): ProtocolMessage {
    const name = hubTypeName(hub.type);
    const related = this.relate(origin, hub);
    const message = this.factory.create(origin, { kind: name, summary: summarize(hub), tree: hubTree(hub), isControl: hub.type === 6, violations, ...related });
    if ((hub.type === 1 || hub.type === 4) && hub.invocationId !== undefined) this.invocations.set(`${origin.direction} ${hub.invocationId}`, message);
    if (hub.type === 3 && hub.invocationId !== undefined) this.invocations.delete(`${opposite(origin.direction)} ${hub.invocationId}`);
    return message;
  }

  private relate(origin: MessageOrigin, hub: HubMessage): { links?: ProtocolLink[]; rttMicros?: number } {
    if (hub.invocationId === undefined) return {};
    const fromOther = this.invocations.get(`${opposite(origin.direction)} ${hub.invocationId}`);
    const fromSame = this.invocations.get(`${origin.direction} ${hub.invocationId}`);
    if (hub.type === 3 && fromOther) return linkTo(fromOther, 'completes', origin.atMicros);
    if (hub.type === 2 && fromOther) return { links: linkTo(fromOther, 'belongs-to', origin.atMicros).links };
    if (hub.type === 5 && fromSame) return { links: linkTo(fromSame, 'completes', origin.atMicros).links };
    return {};
  }

  private classic(origin: MessageOrigin, text: string): ProtocolMessage {
    const parsed = parseJson(text);
    if (!parsed.ok) return this.factory.invalid(origin, protocolViolation('signalr-classic-not-json', classicReference, sentence('protocols:violation.detail.notJson', { reason: parsed.reason })), text);
    const classic = readClassicMessage(parsed.value);
    if (classic instanceof ParseProblem) return this.factory.invalid(origin, parserViolation('signalr-classic-unknown-shape', classicReference, classic.text), parsed.value);
    const kind = classic.kind === 'envelope' && classic.isInit ? 'init' : classic.kind;
    const invocation = classic.kind === 'result' ? this.invocations.get(`${opposite(origin.direction)} ${classic.id.replace(/^P\|/, '')}`) : undefined;
    const link = invocation === undefined ? {} : classic.kind === 'result' && classic.isProgress ? { links: linkTo(invocation, 'belongs-to', origin.atMicros).links } : linkTo(invocation, 'completes', origin.atMicros);
    const message = this.factory.create(origin, { kind, summary: classicSummary(classic), tree: parsed.value, isControl: classic.kind === 'keep-alive', ...link });
    if (classic.kind === 'invocation' && classic.id !== undefined) this.invocations.set(`${origin.direction} ${classic.id}`, message);
    return message;
  }
}

function opposite(direction: Direction): Direction {
  return direction === 'in' ? 'out' : 'in';
}

function hubTree(hub: HubMessage): ProtocolRecord {
  const tree: Record<string, ProtocolValue> = { type: hub.type, typeName: hubTypeName(hub.type) };
  for (const key in hub) {
    const value = (hub as unknown as ProtocolRecord)[key];
    if (key !== 'type' && value !== undefined) tree[key] = value;
  }
  return tree;
}

function summarize(hub: HubMessage): string {
  const parts = [`signalr ${hubTypeName(hub.type)}`];
  if (hub.target !== undefined) parts.push(`${hub.target}(${preview((hub.arguments ?? []) as ProtocolValue, 40).replace(/^\[|\]$/g, '')})`);
  if (hub.invocationId !== undefined) parts.push(`id=${hub.invocationId}`);
  if (hub.type === 2) parts.push(preview(hub.item, 40));
  if (hub.type === 3) parts.push(hub.error !== undefined ? `error: ${hub.error}` : hub.result !== undefined ? preview(hub.result, 40) : 'void');
  if (hub.type === 7 && hub.error !== undefined) parts.push(hub.error);
  if (hub.sequenceId !== undefined) parts.push(`seq=${hub.sequenceId}`);
  return parts.join(' ');
}
