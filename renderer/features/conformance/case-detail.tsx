import { findCase } from '../../../shared/conformance/case-table.js';
import type { CaseResult } from '../../../shared/conformance/run-result.js';
import { useMessage } from '../../lib/use-message.js';
import { useT } from '../../lib/use-t.js';
import { getAppStore } from '../../store/app-store.js';
import type { ConformanceRun } from '../../store/conformance-slice.js';
import { VerdictBadge } from './verdict-badge.js';

/** Figures of a case that measured something (group 9 above all). */
function Figures({ result }: { result: CaseResult }) {
  const t = useT();
  const figures = result.figures;
  if (!figures || figures.messagesSent === 0) return null;
  const rtt = figures.roundTripMs;
  return (
    <p className="case-figures">
      {t('conformance:report.figureLine', { ms: Math.round(figures.durationMs), messages: figures.messagesEchoed, sent: figures.messagesSent, bytes: figures.bytesEchoed })}
      {rtt ? ` ${t('conformance:report.roundTrips', { min: rtt.min.toFixed(2), median: rtt.median.toFixed(2), max: rtt.max.toFixed(2) })}` : ''}
    </p>
  );
}

/** The selected case: what it sends, what the RFC expects and where, the verdict and why, and its capture. */
export function CaseDetail({ run, caseId }: { run: ConformanceRun; caseId: string }) {
  const t = useT();
  const text = useMessage();
  const testCase = findCase(caseId);
  if (!testCase) return null;
  const result = run.results[caseId];
  const sessionId = result?.sessionId ?? run.running[caseId];
  return (
    <section className="case-detail" aria-label={t('conformance:view.caseDetail', { id: caseId })}>
      <h3>
        <code>{caseId}</code> {result ? <VerdictBadge verdict={result.verdict} /> : <span className="muted">{run.running[caseId] ? t('conformance:view.running') : t('conformance:view.queued')}</span>}
      </h3>
      <p>{text(testCase.description)}</p>
      <h4>{t('conformance:report.expectation')}</h4>
      <p>
        {text(testCase.expectation)} <span className="muted">({testCase.sections.join(', ')})</span>
      </p>
      {result && (
        <>
          <h4>{t('conformance:report.reason')}</h4>
          <p className="case-reason">{text(result.reason)}</p>
          <Figures result={result} />
        </>
      )}
      {sessionId && (
        <button type="button" className="primary" onClick={() => getAppStore().getState().conformance.openCapture(sessionId)}>
          {t('conformance:view.openCapture')}
        </button>
      )}
    </section>
  );
}
