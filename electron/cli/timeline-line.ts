import { isUtf8 } from 'node:buffer';
import type { EventRecordJson, HandshakeRecordJson } from '../../shared/contract/records.js';
import { closeCodeName } from '../../shared/protocol/close-code.js';
import { opcodeName } from '../../shared/protocol/opcode.js';
import type { CapturedFrame, CapturedRecord } from '../engine/capture/captured-record.js';
import { maskingKeyHex } from '../engine/capture/record-json.js';

const previewChars = 80;
// Validity is decided by isUtf8 first, so one lenient decoder serves every record.
const decoder = new TextDecoder();

/**
 * One record as terminal lines: time since start, an arrow for the direction, the opcode, the
 * header bits that are set, the length and a preview. Payloads are printed with control
 * characters escaped, so a hostile payload cannot drive the terminal.
 */
export function formatRecord(record: CapturedRecord): string[] {
  switch (record.kind) {
    case 'handshake': return formatHandshake(record);
    case 'frame': return [formatFrame(record)];
    case 'event': return [formatEvent(record)];
  }
}

function time(atMicros: number): string {
  return `${(atMicros / 1000).toFixed(3).padStart(10)} ms`;
}

function formatFrame(frame: CapturedFrame): string {
  const arrow = frame.direction === 'out' ? '→' : '←';
  const flags = [frame.fin ? 'FIN' : 'fin=0', frame.rsv1 ? 'RSV1' : '', frame.rsv2 ? 'RSV2' : '', frame.rsv3 ? 'RSV3' : '', frame.masked ? `MASK ${frame.maskingKey === null ? 'null' : maskingKeyHex(frame.maskingKey)}` : '']
    .filter(Boolean)
    .join(' ');
  const fields = [time(frame.atMicros), arrow, opcodeName(frame.opcode).padEnd(12), flags.padEnd(20), `len ${frame.payloadLength}`.padEnd(12)];
  const payload = frame.inflatedPayload ?? frame.payload;
  if (frame.closeCode !== undefined) {
    fields.push(`${frame.closeCode} ${closeCodeName(frame.closeCode)}${frame.closeReason ? `: ${escapeText(frame.closeReason)}` : ''}`);
  } else {
    fields.push(preview(payload, frame.opcode === 2));
  }
  if (frame.rttMicros !== undefined) fields.push(`(rtt ${(frame.rttMicros / 1000).toFixed(3)} ms)`);
  if (frame.payloadTruncated) fields.push('[truncated]');
  for (const violation of frame.violations) fields.push(`\n${' '.repeat(17)}! ${violation.rule} (§${violation.section}, ${violation.closeCode}): ${violation.message}`);
  return fields.join(' ');
}

function formatHandshake(record: HandshakeRecordJson): string[] {
  const lines = [`${time(record.atMicros)} > ${record.request.method} ${record.request.target} HTTP/${record.request.httpVersion}`];
  for (const [name, value] of record.request.headers) lines.push(`${' '.repeat(15)}> ${name}: ${escapeText(value)}`);
  const response = record.response;
  if (!response) {
    lines.push(`${' '.repeat(15)}< (no response)`);
    return lines;
  }
  lines.push(`${' '.repeat(15)}< HTTP/${response.httpVersion} ${response.statusCode} ${escapeText(response.reason)}`);
  for (const [name, value] of response.headers) lines.push(`${' '.repeat(15)}< ${name}: ${escapeText(value)}`);
  if (response.body) lines.push(`${' '.repeat(15)}< ${preview(Buffer.from(response.body, 'base64'), false, 400)}`);
  for (const check of record.checks.filter((each) => !each.ok)) lines.push(`${' '.repeat(15)}! check ${check.id} failed: ${check.detail}`);
  return lines;
}

function formatEvent(event: EventRecordJson): string {
  const details = Object.entries(event)
    .filter(([key]) => !['kind', 'seq', 'atMicros', 'name', 'message', 'hint'].includes(key))
    .filter(([, value]) => typeof value !== 'object' || value === null)
    .map(([key, value]) => `${key}=${escapeText(String(value))}`)
    .join(' ');
  const message = event.message ? ` ${escapeText(String(event.message))}` : '';
  const hint = event.hint ? `\n${' '.repeat(17)}hint: ${escapeText(String(event.hint))}` : '';
  return `${time(event.atMicros)} · ${event.name}${message}${details ? ` (${details})` : ''}${hint}`;
}

function preview(bytes: Uint8Array, isBinary: boolean, limit = previewChars): string {
  const text = isBinary ? null : decodeStrictUtf8(bytes);
  if (text === null) {
    const hex = Buffer.from(bytes.subarray(0, limit / 2)).toString('hex').replace(/(..)/g, '$1 ').trim();
    return bytes.length > limit / 2 ? `${hex} …` : hex;
  }
  const escaped = escapeText(text);
  return escaped.length > limit ? `${escaped.slice(0, limit)}…` : escaped;
}

function decodeStrictUtf8(bytes: Uint8Array): string | null {
  return isUtf8(bytes) ? decoder.decode(bytes) : null;
}

/** Escapes C0/C1 controls and DEL so payload text cannot move the cursor or recolour the terminal. */
export function escapeText(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (char) => {
    if (char === '\n') return '\\n';
    if (char === '\r') return '\\r';
    if (char === '\t') return '\\t';
    return `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
}
