import type { EventRecordJson, FrameRecordJson, HeaderPair, RecordJson } from '../../../shared/contract/records.js';
import { asciiLower } from '../../../shared/protocol/header-text.js';
import { Opcode } from '../../../shared/protocol/opcode.js';
import type { ListenRequestRecord } from '../listen/listen-request.js';
import { findHandshake, framesIn } from './capture-scan.js';
import type { EndSeen, Evidence, Finding, FrameCrossing, HeaderChange, PathComparison } from '../../../shared/contract/doctor-report.js';
import { describeClose, recommendHeartbeat } from './idle-probe.js';
import { message, type Message } from '../../../shared/i18n/message.js';

// Headers whose change decides whether a WebSocket works through the path.
const notableHeaders = new Set(['upgrade', 'connection', 'host', 'x-forwarded-for', 'sec-websocket-extensions', 'sec-websocket-key', 'sec-websocket-version', 'sec-websocket-protocol', 'origin']);

/** Compares the client's capture with the listener's request and capture. */
export function comparePath(client: readonly RecordJson[], request: ListenRequestRecord | null, listener: readonly RecordJson[]): PathComparison {
  const handshake = findHandshake(client);
  const sent = handshake?.request;
  const sentRequestLine = sent ? `${sent.method} ${sent.target} HTTP/${sent.httpVersion}` : '—';
  return {
    sentRequestLine,
    receivedRequestLine: request?.requestLine ?? null,
    httpVersion: { sent: sent?.httpVersion ?? '1.1', received: request?.httpVersion ?? null },
    headers: sent && request ? compareHeaders(sent.headers, request.headers) : [],
    frames: request ? [crossing('client-to-server', framesIn(client, 'out'), framesIn(listener, 'out')), crossing('server-to-client', framesIn(listener, 'in'), framesIn(client, 'in'))] : [],
    ends: [endSeen('client', client), ...(request ? [endSeen('listener', listener)] : [])],
    peer: request ? `${request.peer.address}:${request.peer.port}` : null,
  };
}

/** Dropped, added and rewritten headers, by case-insensitive name; values compared as joined lists. */
export function compareHeaders(sent: readonly HeaderPair[], received: readonly HeaderPair[]): HeaderChange[] {
  const group = (headers: readonly HeaderPair[]): Map<string, { name: string; value: string }> => {
    const map = new Map<string, { name: string; value: string }>();
    for (const [name, value] of headers) {
      const key = asciiLower(name);
      const seen = map.get(key);
      map.set(key, seen ? { name: seen.name, value: `${seen.value}, ${value}` } : { name, value });
    }
    return map;
  };
  const before = group(sent);
  const after = group(received);
  const changes: HeaderChange[] = [];
  for (const [key, { name, value }] of before) {
    const arrived = after.get(key);
    if (!arrived) changes.push({ change: 'dropped', name, sent: value, received: null });
    else if (arrived.value !== value) changes.push({ change: 'rewritten', name, sent: value, received: arrived.value });
  }
  for (const [key, { name, value }] of after) if (!before.has(key)) changes.push({ change: 'added', name, sent: null, received: value });
  return changes;
}

/** True for the headers whose change matters for a WebSocket (Upgrade, Connection, Host, …). */
export function isNotableHeader(name: string): boolean {
  return notableHeaders.has(asciiLower(name));
}

function crossing(direction: FrameCrossing['direction'], sent: FrameRecordJson[], received: FrameRecordJson[]): FrameCrossing {
  const data = (frames: FrameRecordJson[]): FrameRecordJson[] => frames.filter((frame) => frame.opcode < Opcode.close);
  const sentData = data(sent);
  const receivedData = data(received);
  const bytes = (frames: FrameRecordJson[]): number => frames.reduce((sum, frame) => sum + frame.payloadLength, 0);
  const bytesSent = bytes(sentData);
  const bytesReceived = bytes(receivedData);
  const verdict: FrameCrossing['verdict'] =
    sentData.length === 0 ? 'none'
      : bytesReceived < bytesSent ? 'lost'
        : receivedData.length > sentData.length ? 're-chunked'
          : receivedData.length < sentData.length ? 'coalesced'
            : 'same';
  const isMaskKept = direction === 'client-to-server' && verdict === 'same' ? sentData.every((frame, index) => frame.maskingKey === receivedData[index]?.maskingKey) : null;
  return { direction, framesSent: sentData.length, framesReceived: receivedData.length, bytesSent, bytesReceived, verdict, isMaskKept };
}

function endSeen(side: EndSeen['side'], records: readonly RecordJson[]): EndSeen {
  const closed = [...records].reverse().find((record): record is EventRecordJson => record.kind === 'event' && record.name === 'closed');
  const frames = records.filter((record): record is FrameRecordJson => record.kind === 'frame');
  const sawCloseFrame = frames.some((frame) => frame.opcode === Opcode.close);
  if (!closed) return { side, description: message('doctor:close.stillOpen'), sawCloseFrame, idleSeconds: null };
  const lastActivity = Math.max(frames.at(-1)?.atMicros ?? 0, findHandshake(records)?.atMicros ?? 0);
  const idleSeconds = sawCloseFrame ? null : Math.round((closed.atMicros - lastActivity) / 10_000) / 100;
  const description = describeClose({ by: closed.by ?? 'path', how: closed.how ?? 'fin', ...(closed.closeCode !== undefined ? { closeCode: closed.closeCode } : {}), ...(closed.message ? { message: String(closed.message) } : {}) });
  return { side, description, sawCloseFrame, idleSeconds };
}

/** A sentence when one end saw a close frame and the other did not (the proxy made up or swallowed a close), else null. */
export function closeMismatch(comparison: PathComparison): Message | null {
  const client = comparison.ends.find((end) => end.side === 'client');
  const listener = comparison.ends.find((end) => end.side === 'listener');
  if (!client || !listener || client.sawCloseFrame === listener.sawCloseFrame) return null;
  return client.sawCloseFrame
    ? message('doctor:path.closeOnlyClient', { client: client.description, listener: listener.description })
    : message('doctor:path.closeOnlyListener', { client: client.description, listener: listener.description });
}

const evidence = (text: Message): Evidence => ({ probe: 'path', seq: null, text });

/** What the listener's request says about the upgrade as Doctor findings: lost upgrade headers, an HTTP version change. */
export function upgradeFindings(comparison: PathComparison): Finding[] {
  const findings: Finding[] = [];
  const lost = comparison.headers.filter((change) => change.change === 'dropped' && /^(upgrade|connection)$/i.test(change.name));
  const upgradeRewritten = comparison.headers.filter((change) => change.change === 'rewritten' && /^connection$/i.test(change.name) && !/upgrade/i.test(change.received ?? ''));
  if (lost.length > 0 || upgradeRewritten.length > 0) {
    const items = [
      ...lost.map((change) => message('doctor:path.headerDropped', { name: change.name, sent: change.sent ?? '' })),
      ...upgradeRewritten.map((change) => message('doctor:path.headerRewritten', { name: change.name, sent: change.sent ?? '', received: change.received ?? '' })),
    ];
    findings.push({ causeId: 'upgrade-headers-dropped', confidence: 'high', details: {}, evidence: [evidence(message('doctor:path.listenerReceivedWith', { requestLine: comparison.receivedRequestLine ?? '?', items }))] });
  }
  const { sent, received } = comparison.httpVersion;
  if (received !== null && received !== sent) {
    findings.push({ causeId: 'http-version-downgraded', confidence: 'high', details: { sent, received, requestLine: comparison.receivedRequestLine ?? '' }, evidence: [evidence(message('doctor:path.sentReceived', { sent: comparison.sentRequestLine, received: comparison.receivedRequestLine ?? '' }))] });
  }
  return findings;
}

/** An idle cut seen at the client before the limit, as a finding (only when the idle wait ran: `idleLimitSeconds` not null). */
export function idleFindings(comparison: PathComparison, idleLimitSeconds: number | null): Finding[] {
  const findings: Finding[] = [];
  const clientEnd = comparison.ends.find((end) => end.side === 'client');
  if (idleLimitSeconds !== null && clientEnd && clientEnd.idleSeconds !== null && !clientEnd.sawCloseFrame && clientEnd.idleSeconds < idleLimitSeconds) {
    const listenerEnd = comparison.ends.find((end) => end.side === 'listener');
    const seconds = clientEnd.idleSeconds;
    findings.push({
      causeId: 'idle-timeout',
      confidence: 'high',
      details: { seconds, how: clientEnd.description, heartbeatSeconds: recommendHeartbeat(seconds) },
      evidence: [
        evidence(message('doctor:path.endAfterIdle', { side: message('doctor:path.side.client'), description: clientEnd.description, seconds })),
        ...(listenerEnd ? [evidence(listenerEnd.idleSeconds !== null
          ? message('doctor:path.endAfterIdle', { side: message('doctor:path.side.listener'), description: listenerEnd.description, seconds: listenerEnd.idleSeconds })
          : message('doctor:path.end', { side: message('doctor:path.side.listener'), description: listenerEnd.description }))] : []),
      ],
    });
  }
  return findings;
}
