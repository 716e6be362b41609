import { randomBytes } from 'node:crypto';
import type { FrameRecordJson, RecordJson } from '../../../shared/contract/records.js';
import { Opcode } from '../../../shared/protocol/opcode.js';
import type { Session } from '../session/session.js';
import { millis, waitForRecord } from './capture-scan.js';
import type { ProbeResult } from '../../../shared/contract/doctor-report.js';
import { elapsedMs } from './probe-session.js';

const pingExplanation = 'Sends a ping and times the pong (RFC 6455 §5.5.2). Pings are what heartbeats are made of; a path that loses them will also lose keep-alives.';
const largeExplanation = 'Sends one large binary message and waits for it to come back (or at least for the connection to survive it). Message size limits on the server or a proxy show up here as a close code 1009 or a cut connection.';

/** Ping round trip on an open session. */
export async function pingProbe(session: Session, timeoutMs = 5_000): Promise<ProbeResult> {
  const startedAt = performance.now();
  const payload = Buffer.from(`frameline-doctor-${Date.now()}`);
  const isPong = (record: RecordJson): boolean => record.kind === 'frame' && record.direction === 'in' && record.opcode === Opcode.pong && record.payload === payload.toString('base64');
  const waiting = waitForRecord(session.capture, isPong, timeoutMs, session.ended);
  session.send({ type: 'ping', base64: payload.toString('base64') });
  const pong = (await waiting) as FrameRecordJson | null;
  const base = { id: 'ping' as const, title: 'Ping round trip', durationMs: elapsedMs(startedAt), explanation: pingExplanation, findings: [] };
  if (!pong) {
    const why = session.state === 'closed' ? 'the connection ended before the pong' : `no pong within ${timeoutMs / 1000} s`;
    return { ...base, status: 'fail', summary: why, evidence: [] };
  }
  const rttMs = millis(pong.rttMicros ?? 0);
  return { ...base, status: rttMs > 1000 ? 'warn' : 'pass', summary: `pong after ${rttMs} ms`, evidence: [{ probe: 'ping', seq: pong.seq, text: `pong rtt ${rttMs} ms` }] };
}

/** A large binary message: echoed (pass), accepted without echo (pass), or refused (fail). */
export async function largeMessageProbe(session: Session, sizeBytes: number, timeoutMs = 5_000): Promise<ProbeResult> {
  const startedAt = performance.now();
  const base = { id: 'large-message' as const, title: `Large message (${formatBytes(sizeBytes)})`, explanation: largeExplanation, findings: [] };
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
  if (received >= sizeBytes) return { ...base, durationMs, status: 'pass', summary: `echoed back whole in ${Math.round(durationMs)} ms`, evidence: [{ probe: 'large-message', seq: lastSeq, text: `received ${received} bytes back` }] };
  if (session.state === 'open' && timedOut) {
    return { ...base, durationMs, status: 'pass', summary: `accepted (the connection stayed open; the server does not echo${received > 0 ? `, ${received} bytes came back` : ''})`, evidence: [] };
  }
  const close = closeFrame as FrameRecordJson | null;
  const how = close ? `the server closed with ${close.closeCode ?? 'no code'}${close.closeReason ? ` (${close.closeReason})` : ''}` : `the connection was cut (${session.closed?.how ?? 'unknown'})`;
  return { ...base, durationMs, status: 'fail', summary: `${how} after the ${formatBytes(sizeBytes)} message${close?.closeCode === 1009 ? ': too big for the server or a proxy' : ''}`, evidence: close ? [{ probe: 'large-message', seq: close.seq, text: `close ${close.closeCode ?? ''}` }] : [] };
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
