import type { DoctorProgress, ProbeResult } from '../../../shared/contract/doctor-report.js';
import { EvidenceList } from './evidence-list.js';

function formatDuration(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

/** Every probe with its status and one-line summary; details hold what it checks and its evidence. */
export function ProbeList({ probes, progress }: { probes: readonly ProbeResult[]; progress: DoctorProgress | null }) {
  return (
    <ul className="probe-list" aria-label="Probes">
      {probes.map((probe) => (
        <li key={probe.id} className={`probe probe-${probe.status}`}>
          <details>
            <summary>
              <span className={`probe-status status-${probe.status}`}>{probe.status}</span>
              <span className="probe-title">{probe.title}</span>
              <span className="probe-summary">{probe.summary}</span>
              {probe.status !== 'skip' && <span className="probe-time">{formatDuration(probe.durationMs)}</span>}
            </summary>
            {probe.explanation && <p className="probe-explanation">{probe.explanation}</p>}
            <EvidenceList evidence={probe.evidence} />
          </details>
        </li>
      ))}
      {progress && (
        <li className="probe probe-running" aria-live="polite">
          <div className="probe-progress">
            <span className="probe-status status-running">…</span>
            <span className="probe-title">{progress.probe}</span>
            <span className="probe-summary">{progress.message}</span>
            {progress.waitedSeconds !== undefined && progress.limitSeconds !== undefined && (
              <progress max={progress.limitSeconds} value={progress.waitedSeconds} aria-label="Idle wait" />
            )}
          </div>
        </li>
      )}
    </ul>
  );
}
