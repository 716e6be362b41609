import type { Cause } from '../../../shared/contract/doctor-report.js';
import { EvidenceList } from './evidence-list.js';
import { FixTabs } from './fix-tabs.js';

/** The causes, most likely first: what is wrong in one sentence, the evidence, and the fix. The verdict above already says the first one's sentence. */
export function CauseList({ causes, verdict }: { causes: readonly Cause[]; verdict: string }) {
  return (
    <ol className="cause-list" aria-label="Causes">
      {causes.map((cause, index) => (
        <li key={cause.id} className={`cause-card${index === 0 ? ' is-first' : ''}`}>
          <div className="cause-head">
            <span className="cause-rank">{index + 1}</span>
            <code className="cause-id">{cause.id}</code>
            <span className={`badge confidence-${cause.confidence}`}>{cause.confidence} confidence</span>
          </div>
          {cause.summary !== verdict && <p className="cause-summary">{cause.summary}</p>}
          <EvidenceList evidence={cause.evidence} />
          <FixTabs fix={cause.fix} label={cause.id} />
        </li>
      ))}
    </ol>
  );
}
