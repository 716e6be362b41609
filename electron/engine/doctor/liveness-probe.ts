import type { ClosedDetails } from '../../../shared/connection/closed-details.js';
import type { DoctorProgress, Evidence, Finding, Liveness, ProbeResult } from '../../../shared/contract/doctor-report.js';
import type { RecordJson } from '../../../shared/contract/records.js';
import type { SessionOptions } from '../../../shared/contract/session-options.js';
import { message } from '../../../shared/i18n/message.js';
import { Opcode } from '../../../shared/protocol/opcode.js';
import type { Session } from '../session/session.js';
import { allRecords, findEvent } from './capture-scan.js';
import { describeClose } from './idle-probe.js';
import { closeProbeSession, delay, elapsedMs, openProbeSession, type ProbeHooks } from './probe-session.js';

/** How the liveness probe waits. */
export interface LivenessProbeOptions extends ProbeHooks {
  readonly limitMs: number;
  readonly onProgress?: (progress: DoctorProgress) => void;
  readonly progressIntervalMs?: number;
}

/** The probe's result and, when both connections opened, what it measured. */
export interface LivenessMeasurement {
  readonly result: ProbeResult;
  readonly liveness: Liveness | null;
}

/** What one watched connection saw: the server's pings (session µs) and how it ended. */
interface Watched {
  readonly session: Session;
  readonly pingsAtMicros: number[];
  readonly openedAtMicros: number;
  closed: ClosedDetails | null;
  closedAtMicros: number | null;
}

// Two intervals are enough to measure one; the answering connection stops watching at the third ping.
const pingsToMeasure = 3;

/**
 * Does the server notice a dead client? Two silent connections at once: one answers the server's
 * pings (auto-pong on) and measures how often they come; the other never answers (auto-pong off),
 * as a client whose process died or whose network vanished, and the probe waits until the server
 * drops it or `limitMs` passes. Both cut at the same moment means the path's idle timeout, not a
 * heartbeat. WebSocket pings only: application heartbeats (Engine.IO, STOMP, MQTT) are read by the
 * protocol layers, which sessions do not run yet; `serverPingTimes` is the seam where they join.
 */
export async function livenessProbe(options: SessionOptions, probe: LivenessProbeOptions): Promise<LivenessMeasurement> {
  const startedAt = performance.now();
  const base = { id: 'liveness' as const, title: message('doctor:probe.liveness.title'), explanation: message('doctor:probe.liveness.explanation') };
  const silent = { ...options, heartbeat: { autoPingIntervalMs: 0, autoPong: true } };
  const [answering, unanswering] = await Promise.all([
    openProbeSession('liveness', silent, probe),
    openProbeSession('liveness', { ...silent, heartbeat: { autoPingIntervalMs: 0, autoPong: false } }, probe),
  ]);
  const skip = (summary: ReturnType<typeof message>): LivenessMeasurement => ({ liveness: null, result: { ...base, status: 'skip', summary, durationMs: elapsedMs(startedAt), evidence: [], findings: [] } });
  if (answering.state !== 'open' || unanswering.state !== 'open') {
    await Promise.all([closeProbeSession(answering), closeProbeSession(unanswering)]);
    return skip(message('doctor:summary.liveness.notOpened'));
  }
  const watchedAnswering = watch(answering);
  const watchedUnanswering = watch(unanswering);
  const limitSeconds = Math.round(probe.limitMs / 1000);
  const openedAt = performance.now();
  const ticker = setInterval(() => {
    const waitedSeconds = Math.floor((performance.now() - openedAt) / 1000);
    probe.onProgress?.({ probe: 'liveness', message: message('doctor:progress.livenessWaiting', { waitedSeconds, limitSeconds, pings: watchedAnswering.pingsAtMicros.length }), waitedSeconds, limitSeconds });
  }, probe.progressIntervalMs ?? 1_000);
  const isAnsweringDone = (): boolean => watchedAnswering.closed !== null || watchedAnswering.pingsAtMicros.length >= pingsToMeasure;
  const limit = delay(probe.limitMs, probe.signal);
  await Promise.race([limit, Promise.all([unanswering.ended, until(isAnsweringDone, probe.signal)])]);
  clearInterval(ticker);
  await Promise.all([closeProbeSession(answering), closeProbeSession(unanswering)]);
  if (probe.signal?.aborted) return skip(message('doctor:summary.cancelled'));
  return judge(watchedAnswering, watchedUnanswering, limitSeconds, base, elapsedMs(startedAt));
}

/** Follows a session's capture for server pings and its end. */
function watch(session: Session): Watched {
  const opened = findEvent(allRecords(session.capture), 'response-received');
  const watched: Watched = { session, pingsAtMicros: [], openedAtMicros: opened?.atMicros ?? session.clock.nowMicros(), closed: null, closedAtMicros: null };
  watched.pingsAtMicros.push(...serverPingTimes(allRecords(session.capture)));
  session.capture.onDidAppend((seq) => {
    const record = session.capture.getRecordJson(seq);
    watched.pingsAtMicros.push(...serverPingTimes([record]));
  });
  void session.ended.then((closed) => {
    // The probe closes both connections itself at the end; only an end before that counts.
    if (watched.closed === null && !isOurClose(closed)) {
      watched.closed = closed;
      watched.closedAtMicros = session.clock.nowMicros();
    }
  });
  return watched;
}

/** When the server sent a heartbeat, among these records: its ping frames (§5.5.2). */
export function serverPingTimes(records: readonly RecordJson[]): number[] {
  return records.flatMap((record) => (record.kind === 'frame' && record.direction === 'in' && record.opcode === Opcode.ping ? [record.atMicros] : []));
}

function isOurClose(closed: ClosedDetails): boolean {
  return closed.by === 'client' && (closed.closeCode === 1000 || closed.how !== 'close-frame');
}

function judge(answering: Watched, unanswering: Watched, limitSeconds: number, base: Pick<ProbeResult, 'id' | 'title' | 'explanation'>, durationMs: number): LivenessMeasurement {
  const pings = answering.pingsAtMicros.length >= unanswering.pingsAtMicros.length ? answering.pingsAtMicros : unanswering.pingsAtMicros;
  const intervalMs = medianGapMs(pings);
  const interval = intervalMs === null ? null : Math.round(intervalMs / 100) / 10;
  const records = allRecords(unanswering.session.capture);
  const closedEvent = [...records].reverse().find((record) => record.kind === 'event' && record.name === 'closed');
  const firstUnanswered = unanswering.pingsAtMicros[0] ?? null;
  const evidence: Evidence[] = records
    .filter((record) => record.kind === 'frame' && record.direction === 'in' && record.opcode === Opcode.ping)
    .slice(0, 2)
    .map((record) => ({ probe: 'liveness' as const, seq: record.seq, text: message('doctor:evidence.unansweredPing') }));
  const pathCut = isPathCut(answering, unanswering);
  if (unanswering.closed === null || unanswering.closedAtMicros === null) {
    const finding: Finding = pings.length === 0
      ? { causeId: 'no-server-heartbeat', confidence: 'medium', details: { limitSeconds }, evidence }
      : { causeId: 'heartbeat-not-enforced', confidence: 'medium', details: { limitSeconds, intervalSeconds: interval ?? '?' }, evidence };
    const summary = pings.length === 0 ? message('doctor:summary.liveness.keptNoPing', { limitSeconds }) : message('doctor:summary.liveness.kept', { limitSeconds, intervalSeconds: interval ?? '?' });
    return {
      liveness: { pingIntervalMs: intervalMs, pingsSeen: pings.length, outcome: 'kept', closedAfterUnansweredMs: null, closedAfterOpenMs: null, closeCode: null, closeHow: null, limitSeconds },
      result: { ...base, status: 'fail', summary, durationMs, evidence, findings: [finding] },
    };
  }
  const how = describeClose(unanswering.closed);
  const afterOpenSeconds = round((unanswering.closedAtMicros - unanswering.openedAtMicros) / 1e6);
  const afterUnansweredSeconds = firstUnanswered === null ? null : round((unanswering.closedAtMicros - firstUnanswered) / 1e6);
  if (closedEvent) evidence.push({ probe: 'liveness', seq: closedEvent.seq, text: message('doctor:evidence.closedAfter', { seconds: afterOpenSeconds, how }) });
  const liveness: Liveness = {
    pingIntervalMs: intervalMs,
    pingsSeen: pings.length,
    outcome: pathCut ? 'path-cut' : 'dropped',
    closedAfterUnansweredMs: afterUnansweredSeconds === null ? null : Math.round(afterUnansweredSeconds * 1000),
    closedAfterOpenMs: Math.round(afterOpenSeconds * 1000),
    closeCode: unanswering.closed.how === 'close-frame' ? (unanswering.closed.closeCode ?? null) : null,
    closeHow: how,
    limitSeconds,
  };
  if (pathCut) {
    const findings: Finding[] = pings.length > 0 ? [{ causeId: 'heartbeat-slower-than-idle-timeout', confidence: 'medium', details: { seconds: afterOpenSeconds, firstPingSeconds: round((pings[0]! - answering.openedAtMicros) / 1e6) }, evidence }] : [];
    return { liveness, result: { ...base, status: 'warn', summary: message('doctor:summary.liveness.pathCut', { seconds: afterOpenSeconds, how }), durationMs, evidence, findings } };
  }
  const summary = afterUnansweredSeconds === null
    ? message('doctor:summary.liveness.droppedWithoutPing', { seconds: afterOpenSeconds, how })
    : interval === null
      ? message('doctor:summary.liveness.droppedOnePing', { afterSeconds: afterUnansweredSeconds, openSeconds: afterOpenSeconds, how })
      : message('doctor:summary.liveness.dropped', { intervalSeconds: interval, afterSeconds: afterUnansweredSeconds, openSeconds: afterOpenSeconds, how });
  return { liveness, result: { ...base, status: 'pass', summary, durationMs, evidence, findings: [] } };
}

// The answering connection ended too, at about the same time: silence was cut, not a missed pong.
function isPathCut(answering: Watched, unanswering: Watched): boolean {
  if (answering.closedAtMicros === null || unanswering.closedAtMicros === null) return false;
  const answeringAfter = answering.closedAtMicros - answering.openedAtMicros;
  const unansweringAfter = unanswering.closedAtMicros - unanswering.openedAtMicros;
  return Math.abs(answeringAfter - unansweringAfter) <= Math.max(0.25 * unansweringAfter, 250_000);
}

/** The median gap between consecutive times, in ms; null with fewer than two. */
export function medianGapMs(timesMicros: readonly number[]): number | null {
  if (timesMicros.length < 2) return null;
  const gaps = timesMicros.slice(1).map((time, index) => time - timesMicros[index]!).sort((a, b) => a - b);
  const middle = gaps.length >> 1;
  const median = gaps.length % 2 === 1 ? gaps[middle]! : (gaps[middle - 1]! + gaps[middle]!) / 2;
  return Math.round(median / 100) / 10;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Resolves once `isDone()` holds (checked every 100 ms) or `signal` aborts. */
async function until(isDone: () => boolean, signal?: AbortSignal): Promise<void> {
  while (!isDone() && !signal?.aborted) await delay(100, signal);
}
