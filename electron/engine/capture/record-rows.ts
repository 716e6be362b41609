import type { EventRow, FrameRow, HandshakeRow, RecordRow } from '../../../shared/contract/record-row.js';
import type { EventName, EventRecordJson, HandshakeRecordJson, RelayLeg } from '../../../shared/contract/records.js';
import { closedByKeys } from '../../../shared/doctor/names.js';
import { eventMessage } from '../../../shared/i18n/event-text.js';
import { message, type Message } from '../../../shared/i18n/message.js';
import { describeClose } from '../doctor/idle-probe.js';
import type { CaptureLog } from './capture-log.js';
import type { CapturedFrame } from './captured-record.js';
import { previewPayload } from './payload-preview.js';
import { maskingKeyHex } from './record-json.js';

/** Up to `count` timeline rows of `log` from `from` (clamped), payloads as previews of at most `previewBytes` bytes. */
export function recordRows(log: CaptureLog, from: number, count: number, previewBytes: number): RecordRow[] {
  const end = Math.min(log.count, from + count);
  const rows: RecordRow[] = [];
  for (let seq = Math.max(0, from); seq < end; seq += 1) rows.push(recordRow(log, seq, previewBytes));
  return rows;
}

/** The timeline row of one record. */
export function recordRow(log: CaptureLog, seq: number, previewBytes: number): RecordRow {
  const record = log.getRecord(seq);
  if (record.kind === 'handshake') return handshakeRow(record);
  if (record.kind === 'event') return eventRow(record);
  const { bytes, isCut } = log.previewBytes(seq, previewBytes);
  return frameRow(record, previewPayload(bytes, isCut));
}

/** A frame's row: every header field, no bytes, and the preview. */
function frameRow(frame: CapturedFrame, preview: Pick<FrameRow, 'payloadPreview' | 'previewEncoding'>): FrameRow {
  return {
    kind: 'frame',
    seq: frame.seq,
    atMicros: frame.atMicros,
    direction: frame.direction,
    fin: frame.fin,
    rsv1: frame.rsv1,
    rsv2: frame.rsv2,
    rsv3: frame.rsv3,
    opcode: frame.opcode,
    masked: frame.masked,
    maskingKey: frame.maskingKey === null ? null : maskingKeyHex(frame.maskingKey),
    payloadLength: frame.payloadLength,
    payloadTruncated: frame.payloadTruncated,
    messageId: frame.messageId,
    fragment: frame.fragment,
    isCompressed: frame.inflatedPayload !== undefined,
    ...(frame.closeCode !== undefined ? { closeCode: frame.closeCode } : {}),
    ...(frame.closeReason !== undefined ? { closeReason: frame.closeReason } : {}),
    ...(frame.rttMicros !== undefined ? { rttMicros: frame.rttMicros } : {}),
    violations: [...frame.violations],
    ...(frame.redacted ? { redacted: true } : {}),
    ...(frame.leg !== undefined ? { leg: frame.leg } : {}),
    ...(frame.link !== undefined ? { link: frame.link } : {}),
    ...preview,
  };
}

/** The timeline row of a handshake record: request line, status (or why the answer is unreadable) and check counts. */
export function handshakeRow(record: HandshakeRecordJson): HandshakeRow {
  const { method, target, httpVersion } = record.request;
  const version = httpVersion.startsWith('HTTP/') ? httpVersion : `HTTP/${httpVersion}`;
  const passed = record.checks.filter((check) => check.ok).length;
  return {
    kind: 'handshake',
    seq: record.seq,
    atMicros: record.atMicros,
    requestLine: `${method} ${target} ${version}`,
    statusCode: record.response?.statusCode ?? null,
    reason: record.response?.reason ?? (record.unreadableResponse ? `unreadable response: ${record.unreadableResponse.reason}` : ''),
    checksPassed: passed,
    checksFailed: record.checks.length - passed,
    ...(record.leg ? { leg: record.leg } : {}),
  };
}

/** The timeline row of a connection event, with a one-line summary. */
export function eventRow(record: EventRecordJson): EventRow {
  const detail = record['leg'];
  const leg = detail === 'client' || detail === 'server' ? { leg: detail as RelayLeg } : {};
  return { kind: 'event', seq: record.seq, atMicros: record.atMicros, name: record.name, summary: summarizeEvent(record), text: eventSummaryMessage(record), ...leg };
}

const eventNameKeys = {
  dns: 'timeline:event.dns',
  'tcp-connected': 'timeline:event.tcp-connected',
  'proxy-tunnel-established': 'timeline:event.proxy-tunnel-established',
  'socks-step': 'timeline:event.socks-step',
  'tls-established': 'timeline:event.tls-established',
  'handshake-sent': 'timeline:event.handshake-sent',
  'response-received': 'timeline:event.response-received',
  warning: 'timeline:event.warning',
  error: 'timeline:event.error',
  note: 'timeline:event.note',
  closed: 'timeline:event.closed',
} as const satisfies Record<EventName, string>;

/**
 * `summarizeEvent` as a message: the event's name in the reader's words, who closed and how in the
 * Doctor's wording (one home for it), and the event's own sentence as it was recorded.
 */
export function eventSummaryMessage(record: EventRecordJson): Message {
  const name = message(eventNameKeys[record.name]);
  if (record.name === 'closed' && record.by !== undefined && record.how !== undefined) {
    const details = { by: record.by, how: record.how, closeCode: record.closeCode, closeReason: record.closeReason, message: record.message, i18n: record.i18n };
    return message('timeline:event.closedBy', { by: message(closedByKeys[record.by]), how: describeClose(details) });
  }
  if (record.message === undefined && record.i18n === undefined) return name;
  const stage = record.name === 'error' && record.stage !== undefined ? `${record.stage} ` : '';
  return message('timeline:event.withMessage', { name, stage, message: eventMessage(record, 'message') });
}

/** One line for the preview column, e.g. `closed by server (close frame 1000)`. */
export function summarizeEvent(record: EventRecordJson): string {
  const title = record.name.replaceAll('-', ' ');
  if (record.name === 'closed') {
    const by = record.by ? ` by ${record.by}` : '';
    const how = record.how ? record.how.replaceAll('-', ' ') + (record.closeCode !== undefined ? ` ${record.closeCode}` : '') : '';
    return `closed${by}${how ? ` (${how})` : ''}${record.closeReason ? `: ${record.closeReason}` : ''}`;
  }
  if (record.name === 'error') {
    return `${record.stage ?? ''} error${record.message ? `: ${record.message}` : ''}`.trimStart();
  }
  return record.message ? `${title}: ${record.message}` : title;
}
