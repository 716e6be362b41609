import type { SessionOptions } from '../../../shared/contract/session-options.js';
import { allRecords, upgradeDurationMs } from './capture-scan.js';
import { openStreamedProbeSession } from './connect-probe-stream.js';
import { deflateProbe } from './deflate-probe.js';
import type { DoctorProgress, DoctorReport, ProbeId, ProbeResult } from '../../../shared/contract/doctor-report.js';
import { largeMessageProbe, pingProbe } from './frame-probes.js';
import { classifyHandshake } from './handshake-classification.js';
import { http10Probe } from './http10-probe.js';
import { idleProbe } from './idle-probe.js';
import type { LivenessProtocolSettings } from '../../../shared/contract/api-doctor.js';
import { livenessProbe, type LivenessMeasurement } from './liveness-probe.js';
import { closeProbeSession, elapsedMs, type ProbeHooks } from './probe-session.js';
import { isAmbiguous, rankCauses, verdictMessage } from './verdict.js';
import { collectHops } from './hop-report.js';
import type { HopSignature } from './hop-signatures.js';
import { message, type Message } from '../../../shared/i18n/message.js';

/** What the Doctor runs besides the connection options. */
export interface DoctorOptions extends ProbeHooks {
  /** Default 75 s; the idle probe stops waiting after this. */
  readonly idleLimitMs?: number;
  /** False skips the idle probe (`--no-idle`). */
  readonly isIdleProbeEnabled?: boolean;
  /** Default 1 MiB. */
  readonly largeMessageBytes?: number;
  /** Run the liveness probe (issue 18): does the server notice a client that stops answering its pings? Off by default. */
  readonly isLivenessProbeEnabled?: boolean;
  /** How long the liveness probe waits for the server to drop the silent client; default the idle limit. */
  readonly livenessLimitMs?: number;
  /** With an application protocol (the options' `protocol`): how the liveness probe opens it (namespace, keep-alive). */
  readonly livenessProtocol?: LivenessProtocolSettings;
  readonly onProgress?: (progress: DoctorProgress) => void;
  /** Called with each probe result as soon as it is known. */
  readonly onProbe?: (probe: ProbeResult) => void;
}

export const defaultIdleLimitMs = 75_000;

/**
 * The Path Doctor (DESIGN.md "Path Doctor"): runs the named probes against one URL with the
 * user's connection options, each on its own session so one probe's failure cannot hide
 * another's, and turns their findings into causes, most likely first. Each probe is reported
 * through `onProbe` as it finishes: DNS, TCP and TLS as the handshake session's dial passes them
 * (`ConnectProbeStream`), before the server answers the upgrade.
 */
export async function runDoctor(options: SessionOptions, doctor: DoctorOptions = {}): Promise<DoctorReport> {
  const probes: ProbeResult[] = [];
  const add = (probe: ProbeResult): void => {
    probes.push(probe);
    doctor.onProbe?.(probe);
  };
  const progress = (probe: ProbeId, text: Message): void => doctor.onProgress?.({ probe, message: text });
  const seenHops: Array<{ probe: ProbeId; status: number | null; hops: readonly HopSignature[] }> = [];
  let liveness: LivenessMeasurement['liveness'] = null;
  const report = (idleTimeoutSeconds: number | null): DoctorReport => ({
    ...assembleReport(options.url, probes, idleTimeoutSeconds, collectHops(seenHops)),
    ...(liveness ? { liveness } : {}),
  });
  const laterProbes = doctor.isLivenessProbeEnabled ? [...probesAfterHandshake, livenessTitle] : probesAfterHandshake;

  progress('handshake', message('doctor:progress.handshake'));
  const startedAt = performance.now();
  const isCancelled = (): boolean => doctor.signal?.aborted === true;
  // A cancelled run still returns a report: what finished, and the rest marked as skipped.
  const cancelled = (): DoctorReport => {
    const done = new Set(probes.map((probe) => probe.id));
    for (const [id, title] of laterProbes) if (!done.has(id)) add(skipped(id, title, message('doctor:summary.cancelled')));
    return report(null);
  };
  const { session, connecting } = await openStreamedProbeSession('handshake', options, doctor, add, {
    // Says what the run waits for while a proxy holds its answer, and once the dial is done but the upgrade is unanswered.
    upgrade: { probe: 'handshake', text: message('doctor:progress.handshakeAnswer') },
    onProgress: progress,
  });
  const records = allRecords(session.capture);
  const handshakeMs = upgradeDurationMs(records) ?? elapsedMs(startedAt);
  connecting.settle(session.capture);
  if (isCancelled()) {
    await closeProbeSession(session);
    return cancelled();
  }
  const isConnected = probes.every((probe) => probe.status !== 'fail');
  const outcome = classifyHandshake(records, 'handshake', options.limits.handshakeTimeoutMs);
  const isOpen = session.state === 'open';
  seenHops.push({ probe: 'handshake', status: outcome.statusCode, hops: outcome.hops });

  if (!isConnected) {
    for (const [id, title] of laterProbes) add(skipped(id, title, message('doctor:summary.noConnection')));
    await closeProbeSession(session);
    return report(null);
  }
  add({
    id: 'handshake',
    title: message('doctor:probe.handshake.title'),
    status: outcome.kind === 'upgraded' ? 'pass' : 'fail',
    summary: outcome.summary,
    durationMs: handshakeMs,
    evidence: outcome.evidence,
    explanation: message('doctor:probe.handshake.explanation'),
    findings: outcome.findings,
  });

  if (isOpen) {
    progress('ping', message('doctor:progress.ping'));
    add(await pingProbe(session));
    const size = doctor.largeMessageBytes ?? 1024 * 1024;
    progress('large-message', message('doctor:progress.largeMessage'));
    add(await largeMessageProbe(session, size));
  }
  await closeProbeSession(session);
  if (isCancelled()) return cancelled();

  progress('http1.0', message('doctor:progress.http10'));
  const downgraded = await http10Probe(options, doctor);
  if (isCancelled()) return cancelled();
  seenHops.push({ probe: 'http1.0', status: downgraded.status, hops: downgraded.hops });
  // The HTTP/1.0 hang is a cause only when the real handshake failed too; otherwise it is a warning about the path.
  add(outcome.kind === 'upgraded' ? { ...downgraded.result, findings: [] } : downgraded.result);

  if (!isOpen) {
    // An upgrade the server ended at once is not a failed handshake: say what happened instead.
    const why = outcome.kind === 'upgraded' ? message('doctor:summary.closedAfterHandshake') : message('doctor:summary.handshakeFailed');
    for (const [id, title] of laterProbes.filter(([id]) => id !== 'handshake' && id !== 'http1.0')) add(skipped(id, title, why));
    return report(null);
  }
  progress('deflate', message('doctor:progress.deflate'));
  const deflate = await deflateProbe(options, doctor);
  seenHops.push({ probe: 'deflate', status: deflate.status, hops: deflate.hops });
  add(deflate.result);
  if (isCancelled()) return cancelled();

  const limitMs = doctor.idleLimitMs ?? defaultIdleLimitMs;
  // The liveness probe waits like the idle probe, so both wait at once.
  const waitingForLiveness = doctor.isLivenessProbeEnabled
    ? livenessProbe(options, { ...doctor, limitMs: doctor.livenessLimitMs ?? limitMs, ...(doctor.livenessProtocol ? { protocolSettings: doctor.livenessProtocol } : {}) }).then((measured) => {
        liveness = measured.liveness;
        return measured.result;
      })
    : null;
  let idleSeconds: number | null = null;
  if (doctor.isIdleProbeEnabled === false) {
    add(skipped('idle', message('doctor:probe.idle.title'), message('doctor:summary.idle.skipped')));
  } else {
    progress('idle', message('doctor:progress.idle', { limitSeconds: Math.round(limitMs / 1000) }));
    const idle = await idleProbe(options, { ...doctor, limitMs });
    add(idle.result);
    idleSeconds = idle.idleSeconds;
  }
  if (waitingForLiveness) add(await waitingForLiveness);
  return report(idleSeconds);
}

const livenessTitle: readonly [ProbeId, Message] = ['liveness', message('doctor:probe.liveness.title')];

// In the order they run after the handshake; `large-message` is named without its size when it never ran.
const probesAfterHandshake: ReadonlyArray<readonly [ProbeId, Message]> = [
  ['handshake', message('doctor:probe.handshake.title')],
  ['http1.0', message('doctor:probe.http10.title')],
  ['ping', message('doctor:probe.ping.title')],
  ['deflate', message('doctor:probe.deflate.title')],
  ['large-message', message('doctor:probe.large-message.titleUnsized')],
  ['idle', message('doctor:probe.idle.title')],
];

function skipped(id: ProbeId, title: Message, why: Message): ProbeResult {
  return { id, title, status: 'skip', summary: why, durationMs: 0, evidence: [], explanation: null, findings: [] };
}

/** Assembles the report from the probes (in run order) and the hops their responses named. */
export function assembleReport(url: string, probes: ProbeResult[], idleTimeoutSeconds: number | null, hops: DoctorReport['hops']): DoctorReport {
  const findings = probes.flatMap((probe) => probe.findings);
  const causes = rankCauses(findings);
  return {
    url,
    verdict: verdictMessage(causes, probes, findings),
    causes,
    probes,
    idleTimeoutSeconds,
    hops,
    nextStep: isAmbiguous(causes) ? message('doctor:next.pathTest', { url }) : null,
  };
}
