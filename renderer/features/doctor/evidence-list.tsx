import type { Evidence } from '../../../shared/contract/doctor-report.js';
import { useMessage } from '../../lib/use-message.js';
import { useT } from '../../lib/use-t.js';
import { VisibleText } from '../../lib/visible-text.js';
import { getAppStore } from '../../store/app-store.js';

/** The facts behind a cause or probe; those that are one record open it in the timeline. */
export function EvidenceList({ evidence }: { evidence: readonly Evidence[] }) {
  const t = useT();
  const text = useMessage();
  if (evidence.length === 0) return null;
  return (
    <ul className="evidence-list" aria-label={t('doctor:view.evidence')}>
      {evidence.map((item, index) => (
        <li key={index}>
          <code className="evidence-text"><VisibleText text={text(item.text)} /></code>
          {item.sessionId !== undefined && item.seq !== null && (
            <button type="button" className="link-button" onClick={() => getAppStore().getState().doctor.openEvidence(item)} title={t('doctor:view.showRecordTitle', { seq: item.seq, probe: item.probe })}>
              {t('doctor:view.showRecord', { seq: item.seq })}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
