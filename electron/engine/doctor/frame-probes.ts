import { randomBytes } from 'node:crypto';
import type { FrameRecordJson, RecordJson } from '../../../shared/contract/records.js';
import { Opcode } from '../../../shared/protocol/opcode.js';
import type { Session } from '../session/session.js';
import { millis, waitForRecord } from './capture-scan.js';
import type { ProbeResult } from '../../../shared/contract/doctor-report.js';
import { elapsedMs } from './probe-session.js';
import { message, verbatim } from '../../../shared/i18n/message.js';

/** Ping round trip on an open session. */
export async function pingProbe(session: Session, timeoutMs = 5_000): Promise<ProbeResult> {
  const startedAt = performance.now();
  const payload = Buffer.from(`frameline-doctor-${Date.now()}`);
  const isPong = (record: RecordJson): boolean => record.kind === 'frame' && record.direction === 'in' && record.opcode === Opcode.pong && record.payload === payload.toString('base64');
  const waiting = waitForRecord(session.capture, isPong, timeoutMs, session.ended);
  session.send({ type: 'ping', base64: payload.toString('base64') });
  const pong = (await waiting) as FrameRecordJson | null;
  const base = { id: 'ping' as const, title: message('doctor:probe.ping.title'), durationMs: elapsedMs(startedAt), explanation: message('doctor:probe.ping.explanation'), findings: [] };
  if (!pong) {
    const why = session.state === 'closed' ? message('doctor:summary.ping.ended') : message('doctor:summary.ping.noPong', { seconds: timeoutMs / 1000 });
    return { ...base, status: 'fail', summary: why, evidence: [] };
  }
  const rttMs = millis(pong.rttMicros ?? 0);
  return { ...base, status: rttMs > 1000 ? 'warn' : 'pass', summary: message('doctor:summary.ping.pong', { rttMs }), evidence: [{ probe: 'ping', seq: pong.seq, text: verbatim(`pong rtt ${rttMs} ms`) }] };
}

/** A large binary message: echoed (pass), accepted without echo (pass), or refused (fail). */
export async function largeMessageProbe(session: Session, sizeBytes: number, timeoutMs = 5_000): Promise<ProbeResult> {
  const startedAt = performance.now();
  const size = formatBytes(sizeBytes);
  const base = { id: 'large-message' as const, title: message('doctor:probe.large-message.title', { size }), explanation: message('doctor:probe.large-message.explanation'), findings: [] };
  let received = 0;
  let lastSeq = -1;
  let resolveEcho!: () => void;
  const echoed = new Promise<void>((resolve) => (resolveEcho = resolve));
  let closeFrame: FrameRecordJson | null = null;
  const unsubscribe = session.capture.onDidAppend((seq) => {
    const record = session.capture.getRecords(seq, 1)[0];
    if (!record || record.kind !== 'frame' || record.direction !== 'in') return;
    if (record.opcode === Opcode.close) closeFrame = session.capture.getRecordJson(seq) as FrameRecordJson;
    if (record.opcode === Opcode.binary || record.opcode === Opcode.continuation || record.opcode === Opcode.text) {
      received += record.payloadLength;
      lastSeq = seq;
      if (received >= sizeBytes) resolveEcho();
    }
  });
  session.send({ type: 'binary', base64: randomBytes(sizeBytes).toString('base64') });
  const timedOut = await Promise.race([echoed.then(() => false), session.ended.then(() => false), delayFlag(timeoutMs)]);
  unsubscribe();
  const durationMs = elapsedMs(startedAt);
  if (received >= sizeBytes) return { ...base, durationMs, status: 'pass', summary: message('doctor:summary.large-message.echoed', { ms: Math.round(durationMs) }), evidence: [{ probe: 'large-message', seq: lastSeq, text: message('doctor:evidence.bytesBack', { count: received }) }] };
  if (session.state === 'open' && timedOut) {
    const summary = received > 0 ? message('doctor:summary.large-message.acceptedPartly', { count: received }) : message('doctor:summary.large-message.accepted');
    return { ...base, durationMs, status: 'pass', summary, evidence: [] };
  }
  const close = closeFrame as FrameRecordJson | null;
  const how = close
    ? message(close.closeReason ? 'doctor:summary.large-message.closedWithReason' : 'doctor:summary.large-message.closed', { closeCode: close.closeCode ?? '—', reason: close.closeReason ?? '' })
    : message('doctor:summary.large-message.cut', { how: session.closed?.how ?? '?' });
  const summary = message(close?.closeCode === 1009 ? 'doctor:summary.large-message.tooBig' : 'doctor:summary.large-message.failed', { how, size });
  return { ...base, durationMs, status: 'fail', summary, evidence: close ? [{ probe: 'large-message', seq: close.seq, text: verbatim(`close ${close.closeCode ?? ''}`) }] : [] };
}

function delayFlag(ms: number): Promise<boolean> {
  return new Promise((resolve) => setTimeout(() => resolve(true), ms).unref());
}

/** 1048576 → "1 MiB". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
