import { randomBytes } from 'node:crypto';
import type { SessionOptions } from '../../../shared/contract/session-options.js';
import type { DoctorProgress, DoctorReport, PathComparison, ProbeId, ProbeResult } from '../../../shared/contract/doctor-report.js';
import { message, type Message } from '../../../shared/i18n/message.js';
import { getHeaderValue } from '../../../shared/protocol/header-list.js';
import { Opcode } from '../../../shared/protocol/opcode.js';
import type { ListenConnection } from '../listen/listen-connection.js';
import { Listener, type ListenAddress } from '../listen/listener.js';
import type { Session } from '../session/session.js';
import { allRecords, upgradeDurationMs } from './capture-scan.js';
import { openStreamedProbeSession } from './connect-probe-stream.js';
import { classifyHandshake } from './handshake-classification.js';
import { collectHops } from './hop-report.js';
import { comparePath } from './path-compare.js';
import { assembleReport } from './path-doctor.js';
import { closeStep, framesStep, idleStep, pathStepIds, skippedStep, upgradeStep } from './path-steps.js';
import { closeProbeSession, delay, elapsedMs, type ProbeHooks } from './probe-session.js';

// Echoes come back through the proxy at once on any working path; this long only when it loses them.
const echoWaitMs = 5_000;

/** How the path test runs. */
export interface PathTestOptions extends ProbeHooks {
  readonly listen: { readonly host: string; readonly port: number };
  /** Stay silent after the messages until the path cuts the connection or this passes; null skips the wait. */
  readonly idleLimitMs: number | null;
  readonly onProgress?: (progress: DoctorProgress) => void;
  /** Called with each step's result as soon as it is known (the Doctor's `onProbe`). */
  readonly onProbe?: (probe: ProbeResult) => void;
  /** Called once the listener is up, before the client connects. */
  readonly onListening?: (address: ListenAddress) => void;
  /** Called with each connection the listener accepts (the backend's side of the path). */
  readonly onListenerConnection?: (connection: ListenConnection) => void;
}

/** The Doctor's report plus what the path did. */
export interface PathTestReport extends DoctorReport {
  readonly path: PathComparison;
}

/**
 * The path test (issue "Path test"): a listener stands in for the backend; the client connects to
 * `options.url` (a proxy configured to forward to the listener), sends a text message, a
 * fragmented message and a 64 KiB binary message, pings, optionally stays silent, and both
 * captures are compared. Each step is reported through `onProbe` as it finishes: DNS, TCP and TLS
 * as the dial passes them (`ConnectProbeStream`), the upgrade once the path answers it, the frames
 * once their echoes are back, the idle wait at its limit (or, when the path cuts the connection,
 * once both ends have seen the cut), and the close once both ends have seen the end.
 */
export async function runPathTest(options: SessionOptions, test: PathTestOptions): Promise<PathTestReport> {
  const listener = new Listener({ host: test.listen.host, port: test.listen.port, echo: true });
  const address = await listener.start();
  test.onListening?.(address);
  const connections: ListenConnection[] = [];
  listener.onDidAccept((connection) => {
    connections.push(connection);
    test.onListenerConnection?.(connection);
  });
  const probes: ProbeResult[] = [];
  const add = (probe: ProbeResult): void => {
    probes.push(probe);
    test.onProbe?.(probe);
  };
  const isDone = (id: ProbeId): boolean => probes.some((probe) => probe.id === id);
  const skipRest = (why: Message): null => {
    for (const id of pathStepIds) if (!isDone(id)) add(skippedStep(id, why));
    return null;
  };
  const progress = (probe: ProbeId, text: Message): void => test.onProgress?.({ probe, message: text });
  try {
    progress('path-upgrade', message('doctor:progress.pathConnecting', { url: options.url, address: `${address.host}:${address.port}` }));
    const startedAt = performance.now();
    const { session, connecting } = await openStreamedProbeSession('path', options, test, add, {
      // Says what the run waits for while a proxy holds its answer, and once the dial is done but the upgrade is unanswered.
      upgrade: { probe: 'path-upgrade', text: message('doctor:progress.pathUpgrade') },
      onProgress: progress,
    });
    const handshakeRecords = allRecords(session.capture);
    const outcome = classifyHandshake(handshakeRecords, 'path', options.limits.handshakeTimeoutMs);
    const key = getHeaderValue(handshakeRecords.find((record) => record.kind === 'handshake')?.request.headers ?? [], 'sec-websocket-key');
    const compareNow = (): PathComparison => {
      const connection = findConnection(connections, key);
      return comparePath(allRecords(session.capture), connection?.request ?? null, connection ? allRecords(connection.capture) : []);
    };

    /** The steps before the close, the idle wait included; returns the idle wait's limit and length when it ran. */
    const stepsUntilClose = async (): Promise<{ limitSeconds: number; waitedMs: number } | null> => {
      const connected = connecting.settle(session.capture);
      if (connected.some((probe) => probe.status === 'fail')) return skipRest(message('doctor:summary.noConnection'));
      add(upgradeStep(compareNow(), outcome, findConnection(connections, key) !== undefined, upgradeDurationMs(handshakeRecords) ?? elapsedMs(startedAt)));
      if (test.signal?.aborted) return skipRest(message('doctor:summary.cancelled'));
      if (session.state !== 'open') return skipRest(message(outcome.kind === 'upgraded' ? 'doctor:summary.closedAfterHandshake' : 'doctor:summary.handshakeFailed'));

      progress('path-frames', message('doctor:progress.pathFrames'));
      const exchangedAt = performance.now();
      await exchange(session, test.signal);
      if (test.signal?.aborted) return skipRest(message('doctor:summary.cancelled'));
      add(framesStep(compareNow(), elapsedMs(exchangedAt)));

      if (test.idleLimitMs === null) add(skippedStep('idle', message('doctor:summary.idle.skipped')));
      else if (session.state !== 'open') add(skippedStep('idle', message('doctor:summary.idle.notOpened')));
      else {
        progress('idle', message('doctor:progress.idle', { limitSeconds: Math.round(test.idleLimitMs / 1000) }));
        const silentAt = performance.now();
        const limitSeconds = await waitIdle(session, test.idleLimitMs, test);
        const waitedMs = elapsedMs(silentAt);
        if (test.signal?.aborted) add(skippedStep('idle', message('doctor:summary.cancelled')));
        else {
          // A cut ends the wait at both ends of the path: the listener's side of it (bounded) is evidence too.
          const connection = findConnection(connections, key);
          if (session.closed && connection) await endConnection(connection);
          add(idleStep(compareNow(), limitSeconds, waitedMs));
        }
        return { limitSeconds, waitedMs };
      }
      return null;
    };
    const idle = await stepsUntilClose();

    if (!isDone('path-close')) progress('path-close', message('doctor:progress.pathClosing'));
    const closingAt = performance.now();
    await closeProbeSession(session);
    const connection = findConnection(connections, key);
    if (connection) await endConnection(connection);
    const comparison = compareNow();
    if (!isDone('path-close')) add(closeStep(comparison, elapsedMs(closingAt)));

    const clientIdle = comparison.ends.find((end) => end.side === 'client');
    const idleSeconds = idle && clientIdle && !clientIdle.sawCloseFrame ? clientIdle.idleSeconds : null;
    const hops = collectHops([{ probe: 'path', status: outcome.statusCode, hops: outcome.hops }]);
    return { ...assembleReport(options.url, probes, idleSeconds, hops), path: comparison };
  } finally {
    await listener.stop();
  }
}

/** Messages whose framing the proxy may change: a short text, a text in 3 fragments, 64 KiB binary, a ping. */
async function exchange(session: Session, signal: AbortSignal | undefined): Promise<void> {
  const text = 'frameline path test';
  const fragmented = 'fragmented message';
  const binary = randomBytes(64 * 1024);
  // The listener echoes every data frame, so the exchange is over once as many data bytes came back.
  const echoed = echoedBytes(session, Buffer.byteLength(text) + Buffer.byteLength(fragmented) + binary.byteLength, echoWaitMs, signal);
  session.send({ type: 'text', data: text });
  session.send({ type: 'frame', opcode: 1, fin: true, rsv1: false, rsv2: false, rsv3: false, mask: 'random', payload: Buffer.from(fragmented).toString('base64'), fragmentSize: 6 });
  session.send({ type: 'binary', base64: binary.toString('base64') });
  session.send({ type: 'ping', base64: Buffer.from('path-test').toString('base64') });
  await echoed;
}

/**
 * Resolves once the client has read `bytes` payload bytes of data frames, the session ended, the
 * wait passed (a path that loses them) or the run was cancelled.
 */
function echoedBytes(session: Session, bytes: number, waitMs: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    let received = 0;
    const unsubscribe = session.capture.onDidAppend((seq) => {
      const record = session.capture.getRecordJson(seq);
      if (record.kind === 'frame' && record.direction === 'in' && record.opcode < Opcode.close) received += record.payloadLength;
      if (received >= bytes) done();
    });
    const done = (): void => {
      unsubscribe();
      resolve();
    };
    void Promise.race([delay(waitMs, signal), session.ended]).then(done);
  });
}

/** Silence until the path cuts the connection or the limit passes; returns the limit in seconds. */
async function waitIdle(session: Session, limitMs: number, { onProgress, signal }: PathTestOptions): Promise<number> {
  const limitSeconds = Math.round(limitMs / 1000);
  const openedAt = performance.now();
  const ticker = setInterval(() => {
    const waitedSeconds = Math.floor((performance.now() - openedAt) / 1000);
    onProgress?.({ probe: 'idle', message: message('doctor:progress.silentFor', { waitedSeconds, limitSeconds }), waitedSeconds, limitSeconds });
  }, 1_000);
  await Promise.race([session.ended, delay(limitMs, signal)]);
  clearInterval(ticker);
  return limitMs / 1000;
}

/** The listener connection that carried our handshake (same key), else the first one. */
function findConnection(connections: readonly ListenConnection[], key: string | null): ListenConnection | undefined {
  return connections.find((each) => key !== null && each.request !== null && getHeaderValue(each.request.headers, 'sec-websocket-key') === key) ?? connections[0];
}

/** Waits (bounded) for the listener's side to see the end the client saw; drops it if it does not. */
async function endConnection(connection: ListenConnection): Promise<void> {
  await Promise.race([connection.ended, delay(3_000)]);
  if (!connection.closed) connection.destroy();
}
