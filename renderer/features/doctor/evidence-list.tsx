import type { Evidence } from '../../../shared/contract/doctor-report.js';
import { VisibleText } from '../../lib/visible-text.js';
import { getAppStore } from '../../store/app-store.js';

/** The facts behind a cause or probe; those that are one record open it in the timeline. */
export function EvidenceList({ evidence }: { evidence: readonly Evidence[] }) {
  if (evidence.length === 0) return null;
  return (
    <ul className="evidence-list" aria-label="Evidence">
      {evidence.map((item, index) => (
        <li key={index}>
          <code className="evidence-text"><VisibleText text={item.text} /></code>
          {item.sessionId !== undefined && item.seq !== null && (
            <button type="button" className="link-button" onClick={() => getAppStore().getState().doctor.openEvidence(item)} title={`Record #${item.seq} of the ${item.probe} probe's session`}>
              Show record #{item.seq}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
