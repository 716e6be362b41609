import type { ClosedDetails } from '../../../shared/connection/closed-details.js';
import type { LivenessProtocolSettings } from '../../../shared/contract/api-doctor.js';
import type { DoctorProgress, Evidence, Finding, Liveness, ProbeResult } from '../../../shared/contract/doctor-report.js';
import type { RecordJson } from '../../../shared/contract/records.js';
import type { SessionOptions } from '../../../shared/contract/session-options.js';
import { message } from '../../../shared/i18n/message.js';
import { Opcode } from '../../../shared/protocol/opcode.js';
import { appProtocolById } from '../../../shared/app-protocol/registry.js';
import type { Session } from '../session/session.js';
import { allRecords, findEvent } from './capture-scan.js';
import { describeClose } from './idle-probe.js';
import { LivenessProtocol } from './liveness-protocol.js';
import { closeProbeSession, delay, elapsedMs, openProbeSession, type ProbeHooks } from './probe-session.js';

/** How the liveness probe waits. */
export interface LivenessProbeOptions extends ProbeHooks {
  readonly limitMs: number;
  readonly onProgress?: (progress: DoctorProgress) => void;
  readonly progressIntervalMs?: number;
  /** With an application protocol: the Socket.IO namespace, and the MQTT Keep Alive and STOMP heart-beat the probe asks for. */
  readonly protocolSettings?: LivenessProtocolSettings;
}

/** The probe's result and, when both connections opened, what it measured. */
export interface LivenessMeasurement {
  readonly result: ProbeResult;
  readonly liveness: Liveness | null;
}

/** What one watched connection saw: the server's pings (session µs) and how it ended. */
interface Watched {
  readonly session: Session;
  readonly protocol: LivenessProtocol;
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
 * heartbeat. With an application protocol (chosen or detected) both send its opening message and
 * only the answering one keeps the protocol's duties (Engine.IO pongs, STOMP heart-beats, MQTT
 * PINGREQ), so the protocol's heartbeat is measured and enforced too.
 */
export async function livenessProbe(options: SessionOptions, probe: LivenessProbeOptions): Promise<LivenessMeasurement> {
  const startedAt = performance.now();
  const base = { id: 'liveness' as const, title: message('doctor:probe.liveness.title'), explanation: message('doctor:probe.liveness.explanation') };
  const silent = { ...options, heartbeat: { autoPingIntervalMs: 0, autoPong: true } };
  const keepAliveSeconds = probe.protocolSettings?.keepAliveSeconds ?? Math.min(60, Math.max(1, Math.floor(probe.limitMs / 3000)));
  // Two client ids: a broker drops the older of two connections with the same one (MQTT 5 §3.1.4).
  const opening = (role: string) => ({ ...(probe.protocolSettings?.namespace !== undefined ? { namespace: probe.protocolSettings.namespace } : {}), clientId: `frameline-liveness-${role}-${process.pid}`, keepAliveSeconds, stompHeartBeatMs: keepAliveSeconds * 1000 });
  const answeringProtocol = new LivenessProtocol(opening('answering'));
  const unansweringProtocol = new LivenessProtocol(opening('silent'));
  const open = (sessionOptions: SessionOptions, protocol: LivenessProtocol): Promise<Session> =>
    openProbeSession('liveness', sessionOptions, { ...probe, onSession: (id, session) => (protocol.attach(session), probe.onSession?.(id, session)) }, protocol.sessionHooks);
  const [answering, unanswering] = await Promise.all([
    open(silent, answeringProtocol),
    open({ ...silent, heartbeat: { autoPingIntervalMs: 0, autoPong: false }, protocolDuties: false }, unansweringProtocol),
  ]);
  const skip = (summary: ReturnType<typeof message>): LivenessMeasurement => ({ liveness: null, result: { ...base, status: 'skip', summary, durationMs: elapsedMs(startedAt), evidence: [], findings: [] } });
  if (answering.state !== 'open' || unanswering.state !== 'open') {
    await Promise.all([closeProbeSession(answering), closeProbeSession(unanswering)]);
    return skip(message('doctor:summary.liveness.notOpened'));
  }
  answeringProtocol.sendOpening();
  unansweringProtocol.sendOpening();
  const watchedAnswering = watch(answering, answeringProtocol);
  const watchedUnanswering = watch(unanswering, unansweringProtocol);
  const limitSeconds = Math.round(probe.limitMs / 1000);
  const openedAt = performance.now();
  const ticker = setInterval(() => {
    const waitedSeconds = Math.floor((performance.now() - openedAt) / 1000);
    probe.onProgress?.({ probe: 'liveness', message: message('doctor:progress.livenessWaiting', { waitedSeconds, limitSeconds, pings: heartbeatsOf(watchedAnswering).length }), waitedSeconds, limitSeconds });
  }, probe.progressIntervalMs ?? 1_000);
  // A server that never pings (MQTT brokers wait for the client's PINGREQ) gives nothing to count: the answering connection
  // has proved the path kept it once it outlived the silent one twice over.
  const isAnsweringDone = (): boolean =>
    watchedAnswering.closed !== null ||
    heartbeatsOf(watchedAnswering).length >= pingsToMeasure ||
    (watchedUnanswering.closedAtMicros !== null && answering.clock.nowMicros() - watchedAnswering.openedAtMicros >= 2 * (watchedUnanswering.closedAtMicros - watchedUnanswering.openedAtMicros));
  const limit = delay(probe.limitMs, probe.signal);
  await Promise.race([limit, Promise.all([unanswering.ended, until(isAnsweringDone, probe.signal)])]);
  clearInterval(ticker);
  await Promise.all([closeProbeSession(answering), closeProbeSession(unanswering)]);
  if (probe.signal?.aborted) return skip(message('doctor:summary.cancelled'));
  return judge(watchedAnswering, watchedUnanswering, limitSeconds, base, elapsedMs(startedAt));
}

/** Follows a session's capture for server pings and its end. */
function watch(session: Session, protocol: LivenessProtocol): Watched {
  const opened = findEvent(allRecords(session.capture), 'response-received');
  const watched: Watched = { session, protocol, pingsAtMicros: [], openedAtMicros: opened?.atMicros ?? session.clock.nowMicros(), closed: null, closedAtMicros: null };
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
  const pings = heartbeatsOf(answering).length >= heartbeatsOf(unanswering).length ? heartbeatsOf(answering) : heartbeatsOf(unanswering);
  const protocolId = answering.protocol.protocolId ?? unanswering.protocol.protocolId;
  const protocol = protocolId === null ? null : appProtocolById(protocolId).displayName;
  const protocolFields = { protocol: protocolId, protocolHeartbeatsSeen: Math.max(answering.protocol.heartbeatsAtMicros.length, unanswering.protocol.heartbeatsAtMicros.length) };
  const intervalMs = medianGapMs(pings);
  const interval = intervalMs === null ? null : Math.round(intervalMs / 100) / 10;
  const records = allRecords(unanswering.session.capture);
  const closedEvent = [...records].reverse().find((record) => record.kind === 'event' && record.name === 'closed');
  const firstUnanswered = heartbeatsOf(unanswering)[0] ?? null;
  const heartbeatSeqs = new Set(unanswering.protocol.heartbeatSeqs);
  const evidence: Evidence[] = records
    .filter((record) => record.kind === 'frame' && record.direction === 'in' && (record.opcode === Opcode.ping || heartbeatSeqs.has(record.seq)))
    .slice(0, 2)
    .map((record) => ({ probe: 'liveness' as const, seq: record.seq, text: message('doctor:evidence.unansweredPing') }));
  const pathCut = isPathCut(answering, unanswering);
  if (unanswering.closed === null || unanswering.closedAtMicros === null) {
    const finding: Finding = pings.length === 0
      ? { causeId: 'no-server-heartbeat', confidence: 'medium', details: { limitSeconds }, evidence }
      : { causeId: 'heartbeat-not-enforced', confidence: 'medium', details: { limitSeconds, intervalSeconds: interval ?? '?' }, evidence };
    const summary =
      protocol !== null
        ? message('doctor:summary.liveness.protocolKept', { protocol, limitSeconds })
        : pings.length === 0
          ? message('doctor:summary.liveness.keptNoPing', { limitSeconds })
          : message('doctor:summary.liveness.kept', { limitSeconds, intervalSeconds: interval ?? '?' });
    return {
      liveness: { pingIntervalMs: intervalMs, pingsSeen: pings.length, outcome: 'kept', closedAfterUnansweredMs: null, closedAfterOpenMs: null, closeCode: null, closeHow: null, limitSeconds, ...protocolFields, closedAfterLastSentMs: null },
      result: { ...base, status: 'fail', summary, durationMs, evidence, findings: [finding] },
    };
  }
  const how = describeClose(unanswering.closed);
  const afterOpenSeconds = round((unanswering.closedAtMicros - unanswering.openedAtMicros) / 1e6);
  const afterUnansweredSeconds = firstUnanswered === null ? null : round((unanswering.closedAtMicros - firstUnanswered) / 1e6);
  const lastSentAtMicros = lastDataSentAtMicros(records, unanswering.closedAtMicros);
  const lastSentSeconds = lastSentAtMicros === null ? null : round((unanswering.closedAtMicros - lastSentAtMicros) / 1e6);
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
    ...protocolFields,
    closedAfterLastSentMs: lastSentSeconds === null ? null : Math.round(lastSentSeconds * 1000),
  };
  if (pathCut) {
    const findings: Finding[] = pings.length > 0 ? [{ causeId: 'heartbeat-slower-than-idle-timeout', confidence: 'medium', details: { seconds: afterOpenSeconds, firstPingSeconds: round((pings[0]! - answering.openedAtMicros) / 1e6) }, evidence }] : [];
    return { liveness, result: { ...base, status: 'warn', summary: message('doctor:summary.liveness.pathCut', { seconds: afterOpenSeconds, how }), durationMs, evidence, findings } };
  }
  const summary = protocol !== null && lastSentSeconds !== null
    ? interval === null
      ? message('doctor:summary.liveness.protocolDropped', { protocol, silentSeconds: lastSentSeconds, openSeconds: afterOpenSeconds, how })
      : message('doctor:summary.liveness.protocolDroppedPings', { protocol, intervalSeconds: interval, silentSeconds: lastSentSeconds, openSeconds: afterOpenSeconds, how })
    : afterUnansweredSeconds === null
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

/** The server's heartbeats on one connection: its WebSocket pings, or else its protocol's own. */
function heartbeatsOf(watched: Watched): readonly number[] {
  return watched.pingsAtMicros.length > 0 ? watched.pingsAtMicros : watched.protocol.heartbeatsAtMicros;
}

/** When the client last sent a data message before `beforeMicros` (its opening message, once the duties are off); null if it sent none. */
function lastDataSentAtMicros(records: readonly RecordJson[], beforeMicros: number): number | null {
  let last: number | null = null;
  for (const record of records) {
    if (record.kind === 'frame' && record.direction === 'out' && record.opcode < Opcode.close && record.atMicros <= beforeMicros) last = record.atMicros;
  }
  return last;
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
