import { memo } from 'react';
import { caseGroups, findCase } from '../../../shared/conformance/case-table.js';
import { countVerdicts } from '../../../shared/conformance/run-result.js';
import { verdicts } from '../../../shared/conformance/verdict.js';
import { useMessage } from '../../lib/use-message.js';
import { useT } from '../../lib/use-t.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import type { ConformanceRun } from '../../store/conformance-slice.js';
import { VerdictBadge, verdictClass } from './verdict-badge.js';

/** One case's cell: its id coloured by verdict, pulsing while it runs, empty while queued. */
const CaseCell = memo(function CaseCell({ run, caseId, isSelected }: { run: ConformanceRun; caseId: string; isSelected: boolean }) {
  const text = useMessage();
  const result = run.results[caseId];
  const state = result ? verdictClass[result.verdict] : run.running[caseId] ? 'running' : 'queued';
  const testCase = findCase(caseId);
  return (
    <button
      type="button"
      className={`case-cell ${state}${isSelected ? ' selected' : ''}`}
      title={`${caseId} · ${testCase ? text(testCase.description) : ''}${result ? ` — ${text(result.reason)}` : ''}`}
      aria-pressed={isSelected}
      onClick={() => getAppStore().getState().conformance.selectCase(caseId)}
    >
      {caseId}
    </button>
  );
});

/** Every case of a run, by group, with each group's verdict counts. */
export function CaseGrid({ run }: { run: ConformanceRun }) {
  const t = useT();
  const selected = useApp((state) => state.conformance.selectedCaseId);
  const groups = caseGroups.filter(({ group }) => run.caseIds.some((id) => id.startsWith(`${group}.`)));
  return (
    <div className="case-grid" aria-label={t('conformance:view.cases')}>
      {groups.map(({ group, titleKey }) => {
        const ids = run.caseIds.filter((id) => id.startsWith(`${group}.`));
        const counts = countVerdicts(ids.flatMap((id) => (run.results[id] ? [run.results[id]!] : [])));
        return (
          <section key={group} className="case-group">
            <h3>
              {group} · {t(titleKey as 'conformance:group.framing')}
              <span className="group-counts">
                {verdicts.filter((verdict) => counts[verdict] > 0).map((verdict) => (
                  <span key={verdict}>
                    <VerdictBadge verdict={verdict} /> {counts[verdict]}
                  </span>
                ))}
              </span>
            </h3>
            <div className="case-cells">
              {ids.map((id) => (
                <CaseCell key={id} run={run} caseId={id} isSelected={id === selected} />
              ))}
            </div>
          </section>
        );
      })}
    </div>
  );
}
