import { randomUUID } from 'node:crypto';
import type { DiagnosisOptions } from '../../../shared/contract/api-doctor.js';
import type { DoctorProgress, DoctorReport, Evidence, ProbeId, ProbeResult } from '../../../shared/contract/doctor-report.js';
import type { SessionOptions } from '../../../shared/contract/session-options.js';
import { runDoctor } from '../doctor/path-doctor.js';
import { runPathTest } from '../doctor/path-test.js';
import type { EngineEmit } from './engine-events.js';
import type { Session } from '../session/session.js';
import type { AdoptCapture } from './live-source.js';

// Probes that read the handshake session's capture rather than opening their own.
const probesOnHandshakeSession: ReadonlySet<ProbeId> = new Set(['dns', 'tcp', 'tls', 'handshake', 'ping', 'large-message']);

/**
 * The Doctor runs a window started (issue "Path Doctor": the UI panel). Each probe's session is
 * adopted by the engine so the evidence's record seqs open in the timeline; results stream out as
 * events; cancelling aborts the run, which still finishes with the probes it had.
 */
export class DiagnosisRuns {
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly adopt: AdoptCapture, private readonly emit: EngineEmit) {}

  start(options: SessionOptions, diagnosis: DiagnosisOptions): string {
    const diagnosisId = randomUUID();
    const controller = new AbortController();
    this.running.set(diagnosisId, controller);
    // The first progress event is emitted synchronously; start on the next turn so the window has
    // the id from this command's answer before any event that names it.
    setImmediate(() => void this.run(diagnosisId, options, diagnosis, controller.signal).finally(() => this.running.delete(diagnosisId)));
    return diagnosisId;
  }

  /** Cancels a run; a run that already finished is left alone. */
  cancel(diagnosisId: string): void {
    this.running.get(diagnosisId)?.abort();
  }

  /** Cancels every run (app quit). */
  dispose(): void {
    for (const controller of this.running.values()) controller.abort();
  }

  private async run(diagnosisId: string, options: SessionOptions, diagnosis: DiagnosisOptions, signal: AbortSignal): Promise<void> {
    const sessionIds = new Map<ProbeId, string>();
    // The path test has one client session: every step's evidence is in its capture.
    const sessionOf = (probe: ProbeId): ProbeId => (diagnosis.through ? 'path' : probesOnHandshakeSession.has(probe) ? 'handshake' : probe);
    const linked = (evidence: Evidence): Evidence => {
      const sessionId = sessionIds.get(sessionOf(evidence.probe));
      return evidence.seq !== null && sessionId ? { ...evidence, sessionId } : evidence;
    };
    const linkProbe = (probe: ProbeResult): ProbeResult => ({
      ...probe,
      evidence: probe.evidence.map(linked),
      findings: probe.findings.map((finding) => ({ ...finding, evidence: finding.evidence.map(linked) })),
    });
    const hooks = {
      signal,
      onSession: (probe: ProbeId, session: Session) => {
        sessionIds.set(probe, this.adopt({ url: options.url, capture: session.capture, live: session, origin: { kind: 'doctor', diagnosisId, probe } }));
      },
      onProgress: (progress: DoctorProgress) => this.emit('diagnosisProgressed', { diagnosisId, progress }),
      onProbe: (probe: ProbeResult) => this.emit('diagnosisProbeFinished', { diagnosisId, probe: linkProbe(probe) }),
    };
    try {
      let report: DoctorReport;
      if (diagnosis.through) {
        report = await runPathTest(options, {
          ...hooks,
          listen: diagnosis.through,
          idleLimitMs: diagnosis.isIdleProbeEnabled ? diagnosis.idleLimitMs : null,
          // The backend's side of the path, so a user can read what the proxy forwarded frame by frame.
          onListenerConnection: (connection) =>
            void this.adopt({ url: connection.capture.header.targetUrl, capture: connection.capture, live: connection, origin: { kind: 'doctor', diagnosisId, probe: `listener #${connection.id}` } }),
        });
      } else {
        report = await runDoctor(options, {
          ...hooks,
          idleLimitMs: diagnosis.idleLimitMs,
          isIdleProbeEnabled: diagnosis.isIdleProbeEnabled,
          largeMessageBytes: diagnosis.largeMessageBytes,
          isLivenessProbeEnabled: diagnosis.isLivenessProbeEnabled,
          ...(diagnosis.livenessLimitMs !== null ? { livenessLimitMs: diagnosis.livenessLimitMs } : {}),
          livenessProtocol: diagnosis.livenessProtocol,
        });
      }
      const linkedReport: DoctorReport = { ...report, probes: report.probes.map(linkProbe), causes: report.causes.map((cause) => ({ ...cause, evidence: cause.evidence.map(linked) })) };
      this.emit('diagnosisFinished', { diagnosisId, outcome: signal.aborted ? 'cancelled' : 'finished', report: linkedReport });
    } catch (error) {
      this.emit('diagnosisFinished', { diagnosisId, outcome: 'failed', report: null, message: error instanceof Error ? error.message : String(error) });
    }
  }
}
