import type { EventRow, HandshakeRow } from '../../../shared/contract/record-row.js';
import type { EventRecordJson, HandshakeRecordJson, RelayLeg } from '../../../shared/contract/records.js';

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
  return { kind: 'event', seq: record.seq, atMicros: record.atMicros, name: record.name, summary: summarizeEvent(record), ...leg };
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
