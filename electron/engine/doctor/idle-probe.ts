import type { EventRecordJson } from '../../../shared/contract/records.js';
import type { SessionOptions } from '../../../shared/contract/session-options.js';
import type { ClosedDetails } from '../../../shared/connection/closed-details.js';
import { allRecords, findEvent } from './capture-scan.js';
import type { DoctorProgress, Finding, ProbeResult } from '../../../shared/contract/doctor-report.js';
import { closeProbeSession, delay, elapsedMs, openProbeSession, type ProbeHooks } from './probe-session.js';

const explanation = 'Opens a connection and stays silent (no pings; pongs are still answered) until the path closes it or the limit passes. nginx (proxy_read_timeout, default 60 s) and load balancers close silent connections, usually without a close frame; a heartbeat below that interval keeps them open.';

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
  const base = { id: 'idle' as const, title: 'Idle connection', explanation };
  if (session.state === 'closed') {
    return { idleSeconds: null, result: { ...base, status: 'skip', summary: 'the connection did not open', durationMs: elapsedMs(startedAt), evidence: [], findings: [] } };
  }
  const limitSeconds = Math.round(idle.limitMs / 1000);
  const openedAt = performance.now();
  const ticker = setInterval(() => {
    const waitedSeconds = Math.floor((performance.now() - openedAt) / 1000);
    idle.onProgress?.({ probe: 'idle', message: `silent for ${waitedSeconds} s of at most ${limitSeconds} s`, waitedSeconds, limitSeconds });
  }, idle.progressIntervalMs ?? 1_000);
  const closed = await Promise.race([session.ended, delay(idle.limitMs, idle.signal).then(() => null)]);
  clearInterval(ticker);
  if (idle.signal?.aborted) {
    await closeProbeSession(session);
    return { idleSeconds: null, result: { ...base, status: 'skip', summary: 'cancelled', durationMs: elapsedMs(startedAt), evidence: [], findings: [] } };
  }
  if (closed === null) {
    await closeProbeSession(session);
    return { idleSeconds: null, result: { ...base, status: 'pass', summary: `stayed open through ${limitSeconds} s of silence (a longer idle timeout may still exist)`, durationMs: elapsedMs(startedAt), evidence: [], findings: [] } };
  }
  return measureCut(allRecords(session.capture), closed, base);
}

function measureCut(records: ReturnType<typeof allRecords>, closed: ClosedDetails, base: { id: 'idle'; title: string; explanation: string }): IdleMeasurement {
  const opened = findEvent(records, 'response-received');
  const closedEvent = [...records].reverse().find((record): record is EventRecordJson => record.kind === 'event' && record.name === 'closed');
  const lastTraffic = records.filter((record) => record.kind === 'frame' && record.seq < (closedEvent?.seq ?? Infinity)).at(-1)?.atMicros ?? opened?.atMicros ?? 0;
  const silentFrom = Math.max(lastTraffic, opened?.atMicros ?? 0);
  const idleSeconds = Math.round(((closedEvent?.atMicros ?? silentFrom) - silentFrom) / 10_000) / 100;
  const how = describeClose(closed);
  const heartbeatSeconds = recommendHeartbeat(idleSeconds);
  const evidence = [
    ...(opened ? [{ probe: 'idle' as const, seq: opened.seq, text: 'handshake done; silence from here' }] : []),
    ...(closedEvent ? [{ probe: 'idle' as const, seq: closedEvent.seq, text: `closed after ${idleSeconds} s: ${how}` }] : []),
  ];
  const finding: Finding = { causeId: 'idle-timeout', confidence: 'high', details: { seconds: idleSeconds, how, heartbeatSeconds }, evidence };
  return {
    idleSeconds,
    result: { ...base, status: 'fail', summary: `cut after ${idleSeconds} s of silence (${how}); a heartbeat every ${heartbeatSeconds} s keeps it open`, durationMs: Math.round(idleSeconds * 1000), evidence, findings: [finding] },
  };
}

/** "closed by the path with a FIN (no close frame)" and the like. */
export function describeClose(closed: ClosedDetails): string {
  switch (closed.how) {
    case 'close-frame':
      return `close frame from the ${closed.by === 'path' ? 'path' : closed.by}${closed.closeCode !== undefined ? ` with code ${closed.closeCode}` : ''}${closed.closeReason ? ` "${closed.closeReason}"` : ''}`;
    case 'fin':
      return 'TCP closed with a FIN, no WebSocket close frame';
    case 'rst':
      return 'TCP reset (RST), no WebSocket close frame';
    case 'timeout':
      return 'timed out';
    case 'error':
      return closed.message ?? 'ended with an error';
  }
}

/** Half the measured cut, rounded down, at least 1 s: room for one lost heartbeat. */
export function recommendHeartbeat(idleSeconds: number): number {
  return Math.max(1, Math.floor(idleSeconds / 2));
}
