import type { Evidence, Finding, PathComparison, ProbeId, ProbeResult } from '../../../shared/contract/doctor-report.js';
import { crossingDirectionKeys, crossingVerdictKeys } from '../../../shared/doctor/names.js';
import { message, type Message } from '../../../shared/i18n/message.js';
import { closeMismatch, idleFindings, isNotableHeader, upgradeFindings } from './path-compare.js';
import { recommendHeartbeat } from './idle-probe.js';

/** The path test's own steps after the connect probes, in the order they run. */
export const pathStepIds = ['path-upgrade', 'path-frames', 'idle', 'path-close'] as const satisfies readonly ProbeId[];

/** One of the path test's steps. */
export type PathStepId = (typeof pathStepIds)[number];

const titleKeys = {
  'path-upgrade': 'doctor:probe.path-upgrade.title',
  'path-frames': 'doctor:probe.path-frames.title',
  idle: 'doctor:probe.idle.title',
  'path-close': 'doctor:probe.path-close.title',
} as const satisfies Record<PathStepId, string>;

const explanationKeys = {
  'path-upgrade': 'doctor:probe.path-upgrade.explanation',
  'path-frames': 'doctor:probe.path-frames.explanation',
  idle: 'doctor:probe.path-idle.explanation',
  'path-close': 'doctor:probe.path-close.explanation',
} as const satisfies Record<PathStepId, string>;

const headerChangeKeys = { dropped: 'doctor:path.change.dropped', added: 'doctor:path.change.added', rewritten: 'doctor:path.change.rewritten' } as const;

function step(id: PathStepId, status: ProbeResult['status'], summary: Message, durationMs: number, findings: Finding[] = [], evidence: Evidence[] = []): ProbeResult {
  return { id, title: message(titleKeys[id]), status, summary, durationMs, evidence, explanation: message(explanationKeys[id]), findings };
}

/** A step that did not run, and why. */
export function skippedStep(id: PathStepId, why: Message): ProbeResult {
  return { ...step(id, 'skip', why, 0), explanation: null };
}

/**
 * The upgrade through the path: the client's handshake outcome and what the listener received
 * (request line, HTTP version, the headers that decide a WebSocket). `handshake` is the client's
 * handshake classification; `isReached` whether any request reached the listener.
 */
export function upgradeStep(comparison: PathComparison, handshake: { readonly findings: readonly Finding[]; readonly evidence: readonly Evidence[] }, isReached: boolean, durationMs: number): ProbeResult {
  const findings = [...handshake.findings, ...upgradeFindings(comparison)];
  if (!isReached) return step('path-upgrade', 'fail', message('doctor:summary.path.notReached'), durationMs, findings, [...handshake.evidence]);
  const { sent, received } = comparison.httpVersion;
  const notable = comparison.headers.filter((change) => isNotableHeader(change.name));
  const summary = message('doctor:summary.path.parts', {
    parts: [
      received !== sent ? message('doctor:summary.path.versionChanged', { sent, received: received ?? '?' }) : message('doctor:summary.path.versionKept', { sent }),
      notable.length > 0 ? message('doctor:summary.path.headersChanged', { changes: notable.map((change) => message(headerChangeKeys[change.change], { name: change.name })) }) : message('doctor:summary.path.headersKept'),
    ],
  });
  const status = findings.length > 0 ? 'fail' : notable.length > 0 ? 'warn' : 'pass';
  return step('path-upgrade', status, summary, durationMs, findings, [...handshake.evidence]);
}

/** How the exchanged frames crossed the path, each direction: frame for frame, re-chunked, coalesced or lost. */
export function framesStep(comparison: PathComparison, durationMs: number): ProbeResult {
  const crossed = comparison.frames.filter((frame) => frame.verdict !== 'none');
  if (crossed.length === 0) return step('path-frames', 'skip', message('doctor:summary.path.noFrames'), durationMs);
  const summary = message('doctor:summary.path.parts', {
    parts: crossed.map((frame) => message('doctor:summary.path.frames', { direction: message(crossingDirectionKeys[frame.direction]), verdict: message(crossingVerdictKeys[frame.verdict]) })),
  });
  return step('path-frames', crossed.every((frame) => frame.verdict === 'same') ? 'pass' : 'warn', summary, durationMs);
}

/** The silent wait seen from the client: cut by the path before the limit (a cause), or still open at it. */
export function idleStep(comparison: PathComparison, idleLimitSeconds: number, durationMs: number): ProbeResult {
  const findings = idleFindings(comparison, idleLimitSeconds);
  const cut = findings[0];
  if (!cut) return step('idle', 'pass', message('doctor:summary.idle.stayedOpen', { limitSeconds: Math.round(idleLimitSeconds) }), durationMs);
  const seconds = Number(cut.details['seconds']);
  const summary = message('doctor:summary.idle.cut', { seconds, how: cut.details['how'] ?? '', heartbeatSeconds: recommendHeartbeat(seconds) });
  return step('idle', 'fail', summary, durationMs, findings, [...cut.evidence]);
}

/** How each end saw the connection end; a close frame only one end saw means the path made it up or swallowed it. */
export function closeStep(comparison: PathComparison, durationMs: number): ProbeResult {
  const mismatch = closeMismatch(comparison);
  if (mismatch) return step('path-close', 'warn', mismatch, durationMs);
  const ends = comparison.ends.map((end) => message('doctor:path.end', { side: message(end.side === 'client' ? 'doctor:path.side.client' : 'doctor:path.side.listener'), description: end.description }));
  return step('path-close', 'pass', message('doctor:summary.path.parts', { parts: ends }), durationMs);
}
