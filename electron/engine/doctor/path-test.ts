import { randomBytes } from 'node:crypto';
import type { SessionOptions } from '../../../shared/contract/session-options.js';
import { getHeaderValue } from '../../../shared/protocol/header-list.js';
import type { ListenConnection } from '../listen/listen-connection.js';
import { Listener, type ListenAddress } from '../listen/listener.js';
import type { Session } from '../session/session.js';
import { allRecords } from './capture-scan.js';
import type { DoctorProgress, DoctorReport, PathComparison, ProbeResult } from '../../../shared/contract/doctor-report.js';
import { classifyHandshake } from './handshake-classification.js';
import { closeMismatch, comparePath, isNotableHeader, pathFindings } from './path-compare.js';
import { assembleReport } from './path-doctor.js';
import { collectHops } from './hop-report.js';
import { closeProbeSession, delay, elapsedMs, openProbeSession, type ProbeHooks } from './probe-session.js';
import { message, type Message } from '../../../shared/i18n/message.js';
import { crossingDirectionKeys, crossingVerdictKeys } from '../../../shared/doctor/names.js';

/** How the path test runs. */
export interface PathTestOptions extends ProbeHooks {
  readonly listen: { readonly host: string; readonly port: number };
  /** Stay silent after the messages until the path cuts the connection or this passes; null skips the wait. */
  readonly idleLimitMs: number | null;
  readonly onProgress?: (progress: DoctorProgress) => void;
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
 * captures are compared.
 */
export async function runPathTest(options: SessionOptions, test: PathTestOptions): Promise<PathTestReport> {
  const startedAt = performance.now();
  const listener = new Listener({ host: test.listen.host, port: test.listen.port, echo: true });
  const address = await listener.start();
  test.onListening?.(address);
  const connections: ListenConnection[] = [];
  listener.onDidAccept((connection) => {
    connections.push(connection);
    test.onListenerConnection?.(connection);
  });
  try {
    test.onProgress?.({ probe: 'path', message: message('doctor:progress.pathConnecting', { url: options.url, address: `${address.host}:${address.port}` }) });
    const session = await openProbeSession('path', { ...options, heartbeat: { autoPingIntervalMs: 0, autoPong: true } }, test);
    if (session.state === 'open') await exchange(session, test.signal);
    const idleLimitSeconds = session.state === 'open' && test.idleLimitMs !== null ? await waitIdle(session, test.idleLimitMs, test) : null;
    await closeProbeSession(session);
    const clientRecords = allRecords(session.capture);
    const connection = await matchConnection(connections, getHeaderValue(clientRecords.find((record) => record.kind === 'handshake')?.request.headers ?? [], 'sec-websocket-key'));
    const comparison = comparePath(clientRecords, connection?.request ?? null, connection ? allRecords(connection.capture) : []);
    const outcome = classifyHandshake(clientRecords, 'path', options.limits.handshakeTimeoutMs);
    const findings = [...outcome.findings, ...pathFindings(comparison, idleLimitSeconds)];
    const probe: ProbeResult = {
      id: 'path',
      title: message('doctor:probe.path.title'),
      status: !connection ? 'fail' : findings.length > 0 ? 'fail' : pathHasChanges(comparison) ? 'warn' : 'pass',
      summary: pathSummary(comparison, connection !== undefined),
      durationMs: elapsedMs(startedAt),
      evidence: [...outcome.evidence],
      explanation: message('doctor:probe.path.explanation'),
      findings,
    };
    const clientIdle = comparison.ends.find((end) => end.side === 'client');
    const idleSeconds = idleLimitSeconds !== null && clientIdle && !clientIdle.sawCloseFrame ? clientIdle.idleSeconds : null;
    const hops = collectHops([{ probe: 'path', status: outcome.statusCode, hops: outcome.hops }]);
    return { ...assembleReport(options.url, [probe], idleSeconds, hops), path: comparison };
  } finally {
    await listener.stop();
  }
}

/** Messages whose framing the proxy may change: a short text, a text in 3 fragments, 64 KiB binary, a ping. */
async function exchange(session: Session, signal: AbortSignal | undefined): Promise<void> {
  session.send({ type: 'text', data: 'frameline path test' });
  session.send({ type: 'frame', opcode: 1, fin: true, rsv1: false, rsv2: false, rsv3: false, mask: 'random', payload: Buffer.from('fragmented message').toString('base64'), fragmentSize: 6 });
  session.send({ type: 'binary', base64: randomBytes(64 * 1024).toString('base64') });
  session.send({ type: 'ping', base64: Buffer.from('path-test').toString('base64') });
  // Echoes come back through the proxy; a second is plenty on any working path.
  await Promise.race([delay(1_000, signal), session.ended]);
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

/** The listener connection that carried our handshake (same key), else the first one; waits for it to end. */
async function matchConnection(connections: readonly ListenConnection[], key: string | null): Promise<ListenConnection | undefined> {
  const connection = connections.find((each) => key !== null && each.request !== null && getHeaderValue(each.request.headers, 'sec-websocket-key') === key) ?? connections[0];
  if (connection) await Promise.race([connection.ended, delay(3_000)]);
  if (connection && !connection.closed) connection.destroy();
  return connection;
}

function pathHasChanges(comparison: PathComparison): boolean {
  return comparison.headers.some((change) => isNotableHeader(change.name)) || comparison.frames.some((frame) => frame.verdict !== 'same' && frame.verdict !== 'none') || closeMismatch(comparison) !== null;
}

function pathSummary(comparison: PathComparison, isReached: boolean): Message {
  if (!isReached) return message('doctor:summary.path.notReached');
  const { sent, received } = comparison.httpVersion;
  const notable = comparison.headers.filter((change) => isNotableHeader(change.name)).map((change) => message(headerChangeKeys[change.change], { name: change.name }));
  const parts: Message[] = [
    received !== sent ? message('doctor:summary.path.versionChanged', { sent, received: received ?? '?' }) : message('doctor:summary.path.versionKept', { sent }),
    notable.length > 0 ? message('doctor:summary.path.headersChanged', { changes: notable }) : message('doctor:summary.path.headersKept'),
    ...comparison.frames.filter((frame) => frame.verdict !== 'none').map((frame) => message('doctor:summary.path.frames', { direction: message(crossingDirectionKeys[frame.direction]), verdict: message(crossingVerdictKeys[frame.verdict]) })),
  ];
  const close = closeMismatch(comparison);
  if (close) parts.push(close);
  return message('doctor:summary.path.parts', { parts });
}

const headerChangeKeys = { dropped: 'doctor:path.change.dropped', added: 'doctor:path.change.added', rewritten: 'doctor:path.change.rewritten' } as const;
