import type { EventRecordJson } from '../../../shared/contract/records.js';
import type { SessionOptions } from '../../../shared/contract/session-options.js';
import type { ClosedDetails } from '../../../shared/connection/closed-details.js';
import { allRecords, findEvent } from './capture-scan.js';
import type { DoctorProgress, Finding, ProbeResult } from '../../../shared/contract/doctor-report.js';
import { closeProbeSession, delay, elapsedMs, openProbeSession, type ProbeHooks } from './probe-session.js';
import { message, type Message } from '../../../shared/i18n/message.js';
import { closedByKeys } from '../../../shared/doctor/names.js';

/** How the idle probe waits. */
export interface IdleProbeOptions extends ProbeHooks {
  readonly limitMs: number;
  readonly onProgress?: (progress: DoctorProgress) => void;
  /** Default 1 s. */
  readonly progressIntervalMs?: number;
}

/** What the idle probe measured, besides its probe result. */
export interface IdleMeasurement {
  readonly result: ProbeResult;
  /** Seconds from the end of the handshake to the cut; null when the connection outlived the limit. */
  readonly idleSeconds: number | null;
}

/**
 * Stays silent on a fresh connection until it is closed or `limitMs` passes (issue "the idle
 * probe"), then reports after how long and how it ended: a close frame with its code, a FIN, or
 * an RST.
 */
export async function idleProbe(options: SessionOptions, idle: IdleProbeOptions): Promise<IdleMeasurement> {
  const startedAt = performance.now();
  const session = await openProbeSession('idle', { ...options, heartbeat: { autoPingIntervalMs: 0, autoPong: true } }, idle);
  const base = { id: 'idle' as const, title: message('doctor:probe.idle.title'), explanation: message('doctor:probe.idle.explanation') };
  if (session.state === 'closed') {
    return { idleSeconds: null, result: { ...base, status: 'skip', summary: message('doctor:summary.idle.notOpened'), durationMs: elapsedMs(startedAt), evidence: [], findings: [] } };
  }
  const limitSeconds = Math.round(idle.limitMs / 1000);
  const openedAt = performance.now();
  const ticker = setInterval(() => {
    const waitedSeconds = Math.floor((performance.now() - openedAt) / 1000);
    idle.onProgress?.({ probe: 'idle', message: message('doctor:progress.silentFor', { waitedSeconds, limitSeconds }), waitedSeconds, limitSeconds });
  }, idle.progressIntervalMs ?? 1_000);
  const closed = await Promise.race([session.ended, delay(idle.limitMs, idle.signal).then(() => null)]);
  clearInterval(ticker);
  if (idle.signal?.aborted) {
    await closeProbeSession(session);
    return { idleSeconds: null, result: { ...base, status: 'skip', summary: message('doctor:summary.cancelled'), durationMs: elapsedMs(startedAt), evidence: [], findings: [] } };
  }
  if (closed === null) {
    await closeProbeSession(session);
    return { idleSeconds: null, result: { ...base, status: 'pass', summary: message('doctor:summary.idle.stayedOpen', { limitSeconds }), durationMs: elapsedMs(startedAt), evidence: [], findings: [] } };
  }
  return measureCut(allRecords(session.capture), closed, base);
}

function measureCut(records: ReturnType<typeof allRecords>, closed: ClosedDetails, base: { id: 'idle'; title: Message; explanation: Message }): IdleMeasurement {
  const opened = findEvent(records, 'response-received');
  const closedEvent = [...records].reverse().find((record): record is EventRecordJson => record.kind === 'event' && record.name === 'closed');
  const lastTraffic = records.filter((record) => record.kind === 'frame' && record.seq < (closedEvent?.seq ?? Infinity)).at(-1)?.atMicros ?? opened?.atMicros ?? 0;
  const silentFrom = Math.max(lastTraffic, opened?.atMicros ?? 0);
  const idleSeconds = Math.round(((closedEvent?.atMicros ?? silentFrom) - silentFrom) / 10_000) / 100;
  const how = describeClose(closed);
  const heartbeatSeconds = recommendHeartbeat(idleSeconds);
  const evidence = [
    ...(opened ? [{ probe: 'idle' as const, seq: opened.seq, text: message('doctor:evidence.silenceFromHere') }] : []),
    ...(closedEvent ? [{ probe: 'idle' as const, seq: closedEvent.seq, text: message('doctor:evidence.closedAfter', { seconds: idleSeconds, how }) }] : []),
  ];
  const finding: Finding = { causeId: 'idle-timeout', confidence: 'high', details: { seconds: idleSeconds, how, heartbeatSeconds }, evidence };
  return {
    idleSeconds,
    result: { ...base, status: 'fail', summary: message('doctor:summary.idle.cut', { seconds: idleSeconds, how, heartbeatSeconds }), durationMs: Math.round(idleSeconds * 1000), evidence, findings: [finding] },
  };
}

/** Who ended a connection and how, as a message: "closed by the server: close frame 1002" and the like. */
export function closedByMessage(closed: ClosedDetails): Message {
  return message('timeline:event.closedBy', { by: message(closedByKeys[closed.by]), how: describeClose(closed) });
}

/** How a connection ended, as a message: "TCP closed with a FIN, no WebSocket close frame" and the like. */
export function describeClose(closed: ClosedDetails): Message {
  switch (closed.how) {
    case 'close-frame': {
      const by = message(closedByKeys[closed.by]);
      if (closed.closeCode === undefined) return message('doctor:close.closeFrame', { by });
      return message(closed.closeReason ? 'doctor:close.closeFrameWithReason' : 'doctor:close.closeFrameWithCode', { by, closeCode: closed.closeCode, reason: closed.closeReason ?? '' });
    }
    case 'fin':
      return message('doctor:close.fin');
    case 'rst':
      return message('doctor:close.rst');
    case 'timeout':
      return message('doctor:close.timeout');
    case 'error':
      if (closed.i18n) return message('doctor:close.errorWithMessage', { message: closed.i18n.message });
      return closed.message ? message('doctor:close.errorWithMessage', { message: closed.message }) : message('doctor:close.error');
  }
}

/** Half the measured cut, rounded down, at least 1 s: room for one lost heartbeat. */
export function recommendHeartbeat(idleSeconds: number): number {
  return Math.max(1, Math.floor(idleSeconds / 2));
}
