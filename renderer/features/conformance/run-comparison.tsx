import { compareRuns, type CaseResult } from '../../../shared/conformance/run-result.js';
import { useMessage } from '../../lib/use-message.js';
import { useT } from '../../lib/use-t.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import type { ConformanceRun } from '../../store/conformance-slice.js';
import { VerdictBadge } from './verdict-badge.js';

function Cell({ result }: { result: CaseResult | null }) {
  const text = useMessage();
  if (!result) return <td className="muted">—</td>;
  return (
    <td>
      <VerdictBadge verdict={result.verdict} /> <span className="comparison-reason">{text(result.reason)}</span>
      {result.sessionId && (
        <button type="button" className="link" onClick={() => getAppStore().getState().conformance.openCapture(result.sessionId!)}>
          ↗
        </button>
      )}
    </td>
  );
}

/** Two runs side by side (directly and through a proxy, say), the cases whose verdicts differ highlighted and, by default, alone. */
export function RunComparison({ left, right }: { left: ConformanceRun; right: ConformanceRun }) {
  const t = useT();
  const selected = useApp((state) => state.conformance.selectedCaseId);
  const rows = compareRuns(Object.values(left.results), Object.values(right.results));
  const differing = rows.filter((row) => row.isDifferent);
  return (
    <section className="run-comparison" aria-label={t('conformance:view.comparison')}>
      <h3>{t('conformance:view.differing', { count: differing.length, total: rows.length })}</h3>
      <table>
        <thead>
          <tr>
            <th>{t('conformance:report.case')}</th>
            <th>{left.url}</th>
            <th>{right.url}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className={`${row.isDifferent ? 'differs' : 'same'}${row.id === selected ? ' selected' : ''}`} onClick={() => getAppStore().getState().conformance.selectCase(row.id)}>
              <td>
                <code>{row.id}</code>
              </td>
              <Cell result={row.left} />
              <Cell result={row.right} />
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
