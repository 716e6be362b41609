import type { DoctorProgress, ProbeResult } from '../../../shared/contract/doctor-report.js';
import { probeTitleKeys, statusKeys } from '../../../shared/doctor/names.js';
import { useMessage } from '../../lib/use-message.js';
import { useT } from '../../lib/use-t.js';
import { EvidenceList } from './evidence-list.js';

function formatDuration(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

/** Every probe with its status and one-line summary, and its parts under it (a SOCKS exchange's); details hold what it checks and its evidence. */
export function ProbeList({ probes, progress }: { probes: readonly ProbeResult[]; progress: DoctorProgress | null }) {
  const t = useT();
  const text = useMessage();
  return (
    <ul className="probe-list" aria-label={t('doctor:view.probes')}>
      {probes.map((probe) => (
        <li key={probe.id} className={`probe probe-${probe.status}`}>
          <details>
            <summary>
              <span className={`probe-status status-${probe.status}`}>{t(statusKeys[probe.status])}</span>
              <span className="probe-title">{text(probe.title)}</span>
              <span className="probe-summary">{text(probe.summary)}</span>
              {probe.status !== 'skip' && <span className="probe-time">{formatDuration(probe.durationMs)}</span>}
            </summary>
            {probe.explanation && <p className="probe-explanation">{text(probe.explanation)}</p>}
            <EvidenceList evidence={probe.evidence} />
          </details>
          {probe.steps && probe.steps.length > 0 && (
            <ol className="probe-parts" aria-label={text(probe.title)}>
              {probe.steps.map((part, index) => (
                <li key={index} className={`probe-part probe-part-${part.status}`}>
                  <span className={`probe-status status-${part.status}`}>{t(statusKeys[part.status])}</span>
                  <span className="probe-part-text">
                    <span className="probe-part-title">{text(part.title)}</span> <span className="probe-part-summary">{text(part.summary)}</span>
                  </span>
                  <span className="probe-part-time">{formatDuration(part.durationMs)}</span>
                </li>
              ))}
            </ol>
          )}
        </li>
      ))}
      {progress && (
        <li className="probe probe-running" aria-live="polite">
          <div className="probe-progress">
            <span className="probe-status status-running">…</span>
            <span className="probe-title">{t(probeTitleKeys[progress.probe])}</span>
            <span className="probe-summary">{text(progress.message)}</span>
            {progress.waitedSeconds !== undefined && progress.limitSeconds !== undefined && (
              <progress max={progress.limitSeconds} value={progress.waitedSeconds} aria-label={t('doctor:view.idleWait')} />
            )}
          </div>
        </li>
      )}
    </ul>
  );
}
