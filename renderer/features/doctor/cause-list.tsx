import type { Cause } from '../../../shared/contract/doctor-report.js';
import type { Message } from '../../../shared/i18n/message.js';
import { useMessage } from '../../lib/use-message.js';
import { useT } from '../../lib/use-t.js';
import { EvidenceList } from './evidence-list.js';
import { FixTabs } from './fix-tabs.js';

const confidenceKeys = { high: 'doctor:confidence.high', medium: 'doctor:confidence.medium', low: 'doctor:confidence.low' } as const;

/** The causes, most likely first: what is wrong in one sentence, the evidence, and the fix. The verdict above already says the first one's sentence. */
export function CauseList({ causes, verdict }: { causes: readonly Cause[]; verdict: Message }) {
  const t = useT();
  const text = useMessage();
  const verdictText = text(verdict);
  return (
    <ol className="cause-list" aria-label={t('doctor:view.causes')}>
      {causes.map((cause, index) => (
        <li key={cause.id} className={`cause-card${index === 0 ? ' is-first' : ''}`}>
          <div className="cause-head">
            <span className="cause-rank">{index + 1}</span>
            <code className="cause-id">{cause.id}</code>
            <span className={`badge confidence-${cause.confidence}`}>{t(confidenceKeys[cause.confidence])}</span>
          </div>
          {!verdictText.includes(text(cause.summary)) && <p className="cause-summary">{text(cause.summary)}</p>}
          <EvidenceList evidence={cause.evidence} />
          <FixTabs fix={cause.fix} label={cause.id} />
        </li>
      ))}
    </ol>
  );
}
