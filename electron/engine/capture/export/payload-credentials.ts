import { parseMqttPacket } from '../../../../shared/app-protocol/mqtt/mqtt-packet-parser.js';
import { readRemainingLength } from '../../../../shared/app-protocol/mqtt/mqtt-varint.js';
import { credentialNameHint } from './credential-query-name.js';
import { fillerByte, type RedactionRules } from './redaction-rules.js';

/** A credential's bytes in a payload, and the name `redactions[]` lists for it. */
interface CredentialSpan {
  readonly start: number;
  readonly end: number;
  readonly name: string;
}

// Buffer's own latin1 reader, called on a plain Uint8Array without wrapping it in a Buffer first.
const latin1Slice = Buffer.prototype.latin1Slice as (this: Uint8Array, start: number, end: number) => string;

// Where a JSON member with a string value starts: `"name": "`. Its value is then read to its
// closing quote by hand, so the scan stays linear whatever the text (no backtracking over values).
const jsonStringMemberStart = /"([A-Za-z0-9_.$-]{1,64})"\s*:\s*"/g;

/**
 * Payload bytes with the credentials an application protocol carries in them replaced by filler of
 * the same length, as an export does by default with the handshake's (docs/capture-format.md,
 * "Redaction"): the values of a STOMP `CONNECT` or `STOMP` frame's `passcode` header and of headers
 * with a secret's name; an MQTT `CONNECT` packet's password, and the Authentication Data of an
 * MQTT 5 `CONNECT`, `CONNACK` or `AUTH`; and string members of JSON text whose names are credentials' by the query-name
 * rule (credential-query-name.ts): a Socket.IO `auth` token, a GraphQL `connection_init`
 * `Authorization`. Lengths stay, so frame lengths and packet lengths still add up.
 */
export function redactPayloadCredentials(payload: Uint8Array, rules: RedactionRules): { bytes: Uint8Array; isChanged: boolean } {
  if (!rules.isEnabled || payload.byteLength === 0) return { bytes: payload, isChanged: false };
  const spans = (mqttAuthPacketTypes.has(payload[0] as number) ? mqttCredentials(payload) : null) ?? textCredentials(payload, rules);
  if (spans.length === 0) return { bytes: payload, isChanged: false };
  const bytes = Uint8Array.from(payload);
  for (const span of spans) {
    bytes.fill(fillerByte, span.start, span.end);
    rules.note({ location: 'frame-payload', name: span.name });
  }
  return { bytes, isChanged: true };
}

// First bytes of the MQTT packets that carry credentials: CONNECT, CONNACK and AUTH (flags 0).
const mqttAuthPacketTypes = new Set([0x10, 0x20, 0xf0]);
// MQTT 5 Authentication Data (§3.1.2.11.10): the exchange's secret material, such as a SCRAM proof.
const authenticationDataProperty = 0x16;

// A CONNECT's password, its last field (3.1.1 §3.1.3.5, 5.0 §3.1.3.6), and the Authentication
// Data an MQTT 5 CONNECT, CONNACK or AUTH carries in its properties (§4.12, enhanced
// authentication). Null when the payload is no such packet (it may be text that starts alike).
function mqttCredentials(payload: Uint8Array): CredentialSpan[] | null {
  const length = readRemainingLength(payload, 1);
  if (typeof length !== 'object') return null;
  const bodyStart = 1 + length.length;
  const bodyEnd = bodyStart + length.value;
  if (bodyEnd > payload.byteLength) return null;
  const first = payload[0] as number;
  // A CONNECT's parse reads the protocol level from the packet itself; CONNACK has properties only
  // in MQTT 5 (3.1.1's is two bytes), and AUTH exists only there.
  if (first === 0x20 && length.value <= 2) return null;
  const parsed = parseMqttPacket(first, payload.subarray(bodyStart, bodyEnd), first === 0x10 ? 4 : 5);
  if (!('packet' in parsed)) return null;
  const packet = parsed.packet;
  if (packet.type !== 'CONNECT' && packet.type !== 'CONNACK' && packet.type !== 'AUTH') return null;
  const spans: CredentialSpan[] = [];
  for (const property of packet.properties) {
    if (property.id === authenticationDataProperty && property.value instanceof Uint8Array) pushSpanOf(spans, payload, property.value, 'authenticationData');
  }
  if (packet.type === 'CONNECT' && packet.password !== undefined) pushSpanOf(spans, payload, packet.password, 'password');
  return spans;
}

// The parser's binary fields are views of the packet, so a field's place in the payload is its offset there.
function pushSpanOf(spans: CredentialSpan[], payload: Uint8Array, field: Uint8Array, name: string): void {
  const start = field.byteOffset - payload.byteOffset;
  if (field.byteLength === 0 || field.buffer !== payload.buffer || start < 0 || start + field.byteLength > payload.byteLength) return;
  spans.push({ start, end: start + field.byteLength, name });
}

// Text is read as latin1, one character per byte, so a match's index is its byte offset. Cheap
// tests first: a STOMP frame starts with C or S, a JSON member has a quote.
function textCredentials(payload: Uint8Array, rules: RedactionRules): CredentialSpan[] {
  const first = payload[0];
  const mayBeStomp = first === 0x43 || first === 0x53;
  const mayBeJson = payload.indexOf(0x22) >= 0;
  if (!mayBeStomp && !mayBeJson) return [];
  const text = latin1Slice.call(payload, 0, payload.byteLength);
  const spans = mayBeStomp ? stompHeaders(text, rules) : [];
  if (!mayBeJson || !credentialNameHint.test(text)) return spans;
  const starts = jsonStringMemberStart;
  starts.lastIndex = 0;
  for (let match = starts.exec(text); match !== null; match = starts.exec(text)) {
    const name = match[1] as string;
    const start = starts.lastIndex;
    const end = closingQuote(text, start);
    if (end === text.length) break;
    if (text.charCodeAt(end) === 0x22 && end > start && rules.isSecretQueryName(name)) spans.push({ start, end, name });
    starts.lastIndex = end + 1;
  }
  return spans;
}

// Where a JSON string whose text starts at `from` ends: its closing quote (escapes skipped), a line
// break (not JSON: no value), or the end of the text.
function closingQuote(text: string, from: number): number {
  for (let index = from; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 0x22 || code === 0x0a || code === 0x0d) return index;
    if (code === 0x5c) index += 1;
  }
  return text.length;
}

// STOMP 1.2 "Connecting": CONNECT (or STOMP), then header lines up to an empty line. Read here
// rather than with `readStompItem`, which gives headers decoded and so not where their bytes are.
function stompHeaders(text: string, rules: RedactionRules): CredentialSpan[] {
  const command = /^(CONNECT|STOMP)\r?\n/.exec(text);
  if (command === null) return [];
  const spans: CredentialSpan[] = [];
  let lineStart = command[0].length;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const contentEnd = lineEnd > lineStart && text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
    if (contentEnd === lineStart) break;
    const colon = text.indexOf(':', lineStart);
    if (colon > lineStart && colon < contentEnd) {
      const name = text.slice(lineStart, colon);
      if (contentEnd > colon + 1 && (name.toLowerCase() === 'passcode' || rules.isSecretHeader(name) || rules.isSecretQueryName(name))) spans.push({ start: colon + 1, end: contentEnd, name });
    }
    lineStart = lineEnd + 1;
  }
  return spans;
}
