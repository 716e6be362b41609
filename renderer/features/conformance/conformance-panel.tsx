import { countVerdicts } from '../../../shared/conformance/run-result.js';
import { verdicts } from '../../../shared/conformance/verdict.js';
import { useT } from '../../lib/use-t.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import type { ConformanceRun } from '../../store/conformance-slice.js';
import { CaseDetail } from './case-detail.js';
import { CaseGrid } from './case-grid.js';
import { RunComparison } from './run-comparison.js';
import { VerdictBadge } from './verdict-badge.js';

/** Before the first run: what the battery is and how to compare a direct run with one through a proxy. */
function ConformanceIntro() {
  const t = useT();
  return (
    <div className="doctor-intro">
      <h2>{t('conformance:view.title')}</h2>
      <p>{t('conformance:view.introBattery')}</p>
      <p>{t('conformance:view.introVerdicts')}</p>
      <p>{t('conformance:view.introCompare')}</p>
    </div>
  );
}

/** The run's progress and verdict counts; the runs to show or compare with. */
function RunHeader({ run, runs }: { run: ConformanceRun; runs: readonly ConformanceRun[] }) {
  const t = useT();
  const compared = useApp((state) => state.conformance.comparedRunId);
  const done = Object.keys(run.results).length;
  const counts = countVerdicts(Object.values(run.results));
  const { conformance } = getAppStore().getState();
  const label = (each: ConformanceRun) => `${new Date(each.startedAt).toLocaleTimeString()} · ${each.url}`;
  return (
    <header className="run-header">
      <div className="run-status" role="status">
        {run.outcome === null
          ? t('conformance:view.progress', { done, total: run.caseIds.length, url: run.url })
          : run.outcome === 'failed'
            ? t('conformance:view.failed', { message: run.message ?? '?' })
            : t(run.outcome === 'cancelled' ? 'conformance:view.cancelled' : 'conformance:view.finished', { total: run.caseIds.length, url: run.url, seconds: ((run.durationMs ?? 0) / 1000).toFixed(1) })}
      </div>
      <div className="run-counts">
        {verdicts.filter((verdict) => counts[verdict] > 0).map((verdict) => (
          <span key={verdict}>
            <VerdictBadge verdict={verdict} /> {counts[verdict]}
          </span>
        ))}
      </div>
      <label>
        {t('conformance:view.shown')}
        <select value={run.id} onChange={(event) => conformance.show(event.target.value)}>
          {runs.map((each) => (
            <option key={each.id} value={each.id}>{label(each)}</option>
          ))}
        </select>
      </label>
      <label>
        {t('conformance:view.compareWith')}
        <select value={compared ?? ''} disabled={runs.length < 2} onChange={(event) => conformance.compareWith(event.target.value === '' ? null : event.target.value)}>
          <option value="">{t('conformance:view.noComparison')}</option>
          {runs.filter((each) => each.id !== run.id).map((each) => (
            <option key={each.id} value={each.id}>{label(each)}</option>
          ))}
        </select>
      </label>
    </header>
  );
}

/** The Conformance view: the run's cases by group (or two runs compared) on the left, the selected case on the right. */
export function ConformancePanel() {
  const t = useT();
  const runs = useApp((state) => state.conformance.runs);
  const shownId = useApp((state) => state.conformance.shownRunId);
  const comparedId = useApp((state) => state.conformance.comparedRunId);
  const selected = useApp((state) => state.conformance.selectedCaseId);
  const run = runs.find((each) => each.id === shownId) ?? runs[0];
  if (!run) return <section className="conformance" aria-label={t('conformance:view.title')}><ConformanceIntro /></section>;
  const compared = runs.find((each) => each.id === comparedId && each.id !== run.id);
  return (
    <section className="conformance" aria-label={t('conformance:view.title')}>
      <div className="conformance-main">
        <RunHeader run={run} runs={runs} />
        {compared ? <RunComparison left={compared} right={run} /> : <CaseGrid run={run} />}
      </div>
      <div className="conformance-side">{selected ? <CaseDetail run={run} caseId={selected} /> : <p className="muted case-hint">{t('conformance:view.pickCase')}</p>}</div>
    </section>
  );
}
