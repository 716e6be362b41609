import { isUtf8 } from 'node:buffer';
import type { EventRecordJson, HandshakeRecordJson, UnreadableResponseJson } from '../../shared/contract/records.js';
import type { Translate } from '../../shared/i18n/create-i18n.js';
import { checkDetail, eventMessage } from '../../shared/i18n/event-text.js';
import { renderMessage } from '../../shared/i18n/message.js';
import { closeCodeMessage } from '../../shared/protocol/close-code.js';
import { opcodeName } from '../../shared/protocol/opcode.js';
import { violationMessage } from '../../shared/protocol/violation-catalog.js';
import { visibleText } from '../../shared/text/visible-text.js';
import type { CapturedFrame, CapturedRecord } from '../engine/capture/captured-record.js';
import { maskingKeyHex } from '../engine/capture/record-json.js';

const previewChars = 80;
// Validity is decided by isUtf8 first, so one lenient decoder serves every record.
const decoder = new TextDecoder();

/**
 * One record as terminal lines: time since start, an arrow for the direction, the opcode, the
 * header bits that are set, the length and a preview. Everything a peer or a file chose (payloads,
 * reasons, header names and values, messages) goes through `visibleText`, so no control, bidi or
 * invisible character reaches the terminal raw.
 */
export function formatRecord(record: CapturedRecord, t: Translate): string[] {
  switch (record.kind) {
    case 'handshake': return formatHandshake(record, t);
    case 'frame': return [formatFrame(record, t)];
    case 'event': return [formatEvent(record, t)];
  }
}

function time(atMicros: number): string {
  return `${(atMicros / 1000).toFixed(3).padStart(10)} ms`;
}

function formatFrame(frame: CapturedFrame, t: Translate): string {
  const arrow = frame.direction === 'out' ? '→' : '←';
  const flags = [frame.fin ? 'FIN' : 'fin=0', frame.rsv1 ? 'RSV1' : '', frame.rsv2 ? 'RSV2' : '', frame.rsv3 ? 'RSV3' : '', frame.masked ? `MASK ${frame.maskingKey === null ? 'null' : maskingKeyHex(frame.maskingKey)}` : '']
    .filter(Boolean)
    .join(' ');
  const fields = [time(frame.atMicros), arrow, opcodeName(frame.opcode).padEnd(12), flags.padEnd(20), `len ${frame.payloadLength}`.padEnd(12)];
  const payload = frame.inflatedPayload ?? frame.payload;
  if (frame.closeCode !== undefined) {
    fields.push(`${frame.closeCode} ${renderMessage(t, closeCodeMessage(frame.closeCode))}${frame.closeReason ? `: ${visibleText(frame.closeReason)}` : ''}`);
  } else {
    fields.push(preview(payload, frame.opcode === 2));
  }
  if (frame.rttMicros !== undefined) fields.push(t('cli:timeline.rtt', { ms: (frame.rttMicros / 1000).toFixed(3) }));
  if (frame.payloadTruncated) fields.push(t('cli:timeline.truncated'));
  for (const violation of frame.violations) {
    const text = visibleText(renderMessage(t, violationMessage(violation)));
    fields.push(`\n${' '.repeat(17)}${t('cli:timeline.violation', { rule: violation.rule, section: violation.section, closeCode: violation.closeCode, message: text })}`);
  }
  return fields.join(' ');
}

function formatHandshake(record: HandshakeRecordJson, t: Translate): string[] {
  const lines = [`${time(record.atMicros)} > ${visibleText(`${record.request.method} ${record.request.target} HTTP/${record.request.httpVersion}`)}`];
  for (const [name, value] of record.request.headers) lines.push(`${' '.repeat(15)}> ${visibleText(name)}: ${visibleText(value)}`);
  const response = record.response;
  if (record.unreadableResponse) return [...lines, ...formatUnreadable(record.unreadableResponse, t)];
  if (!response) {
    lines.push(`${' '.repeat(15)}< ${t('cli:timeline.noResponse')}`);
    return lines;
  }
  lines.push(`${' '.repeat(15)}< HTTP/${visibleText(response.httpVersion)} ${response.statusCode} ${visibleText(response.reason)}`);
  for (const [name, value] of response.headers) lines.push(`${' '.repeat(15)}< ${visibleText(name)}: ${visibleText(value)}`);
  if (response.body) lines.push(`${' '.repeat(15)}< ${preview(Buffer.from(response.body, 'base64'), false, 400)}`);
  for (const check of record.checks.filter((each) => !each.ok)) {
    lines.push(`${' '.repeat(15)}! ${t('cli:timeline.checkFailed', { check: check.id, detail: visibleText(renderMessage(t, checkDetail(check))) })}`);
  }
  return lines;
}

/** The most lines of an unreadable answer printed; the capture keeps them all. */
const unreadableLinesShown = 40;

/** An answer that is not a readable HTTP head: the reason, then the bytes as they came, line by line. */
function formatUnreadable(unreadable: UnreadableResponseJson, t: Translate): string[] {
  const indent = ' '.repeat(15);
  const lines = [`${indent}< ${t('cli:timeline.unreadable', { reason: visibleText(unreadable.reason) })}`];
  const received = Buffer.from(unreadable.raw, 'base64').toString('latin1').split('\n');
  if (received.at(-1) === '') received.pop();
  for (const line of received.slice(0, unreadableLinesShown)) lines.push(`${indent}< ${visibleText(line.replace(/\r$/, ''))}`);
  if (received.length > unreadableLinesShown) lines.push(`${indent}< ${t('cli:timeline.moreLines', { count: received.length - unreadableLinesShown })}`);
  if (unreadable.rawTruncated) lines.push(`${indent}< ${t('cli:timeline.moreBytes')}`);
  return lines;
}

/** An event's name, message and details on one line, its hint below; an error's or warning's sentences in the reader's language. */
function formatEvent(event: EventRecordJson, t: Translate): string {
  const details = Object.entries(event)
    .filter(([key]) => !['kind', 'seq', 'atMicros', 'name', 'message', 'hint'].includes(key))
    .filter(([, value]) => typeof value !== 'object' || value === null)
    .map(([key, value]) => `${key}=${visibleText(String(value))}`)
    .join(' ');
  const message = event.message ? ` ${visibleText(renderMessage(t, eventMessage(event, 'message')))}` : '';
  const hint = event.hint ? `\n${' '.repeat(17)}${t('cli:connect.hint', { hint: visibleText(renderMessage(t, eventMessage(event, 'hint'))) })}` : '';
  return `${time(event.atMicros)} · ${visibleText(event.name)}${message}${details ? ` (${details})` : ''}${hint}`;
}

function preview(bytes: Uint8Array, isBinary: boolean, limit = previewChars): string {
  const text = isBinary ? null : decodeStrictUtf8(bytes);
  if (text === null) {
    const hex = Buffer.from(bytes.subarray(0, limit / 2)).toString('hex').replace(/(..)/g, '$1 ').trim();
    return bytes.length > limit / 2 ? `${hex} …` : hex;
  }
  const escaped = visibleText(text);
  return escaped.length > limit ? `${escaped.slice(0, limit)}…` : escaped;
}

function decodeStrictUtf8(bytes: Uint8Array): string | null {
  return isUtf8(bytes) ? decoder.decode(bytes) : null;
}
