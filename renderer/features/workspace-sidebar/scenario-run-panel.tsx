import { Fragment } from 'react';
import type { StepResult } from '../../../shared/workspace/run-result.js';
import { failureReasonLines, stepLabel } from '../../../shared/workspace/run-result.js';
import { useMessage } from '../../lib/use-message.js';
import { useT } from '../../lib/use-t.js';
import { getAppStore, useApp } from '../../store/app-store.js';

const STATUS_KEYS = {
  pending: 'workspace:run.status.pending',
  running: 'workspace:run.status.running',
  passed: 'workspace:run.status.passed',
  failed: 'workspace:run.status.failed',
  skipped: 'workspace:run.status.skipped',
} as const;

const MARKS = { pending: '·', running: '…', passed: '✓', failed: '✗', skipped: '–' } as const;

/** The steps of the run in progress, ticking off live; a failed step shows expected and received and opens its record. */
export function ScenarioRunPanel() {
  const t = useT();
  const render = useMessage();
  const run = useApp((state) => state.workspaceFiles.runs[state.workspaceFiles.activeRunId ?? '']);
  const name = useApp((state) => state.workspaceFiles.view?.scenarios.find((scenario) => scenario.id === run?.scenarioId)?.name ?? run?.scenarioId ?? '');
  if (!run) return null;
  const result = run.result;
  const verdict = result === null ? t('workspace:run.running') : result.error !== undefined && result.steps.length === 0 ? t('workspace:run.error', { message: result.errorText ? render(result.errorText) : result.error }) : result.isPassed ? t('workspace:run.passed', { ms: result.durationMs }) : t('workspace:run.failed');
  return (
    <section className="scenario-run" aria-label={t('workspace:run.heading', { name })}>
      <header>
        <strong>{t('workspace:run.heading', { name })}</strong>
        <span className={`run-verdict${result?.isPassed ? ' is-passed' : result ? ' is-failed' : ''}`}>{verdict}</span>
        {result === null && (
          <button type="button" onClick={() => void getAppStore().getState().workspaceFiles.cancelRun()}>{t('workspace:sidebar.stop')}</button>
        )}
      </header>
      <ol className="run-steps">
        {run.steps.map((step, index) => (
          <Fragment key={index}>
            {step.branch !== undefined && step.branch.path !== run.steps[index - 1]?.branch?.path && (
              <li className="run-branch" role="presentation">
                <span className="step-path">{step.branch.path}</span> {t('workspace:run.branch', { name: step.branch.name })}
              </li>
            )}
            <StepLine step={step} />
          </Fragment>
        ))}
      </ol>
    </section>
  );
}

/** One step: its mark, place and title in the reader's language (the reports keep the English one). */
function StepLine({ step }: { step: StepResult }) {
  const t = useT();
  const render = useMessage();
  const failure = step.failure;
  const title = step.titleMessage ? render(step.titleMessage) : step.title;
  return (
    <li className={`run-step is-${step.status}${step.branch ? ' in-branch' : ''}`} aria-label={`${stepLabel(step)} ${title}: ${t(STATUS_KEYS[step.status])}`}>
      <span className="step-mark" aria-hidden="true">{MARKS[step.status]}</span>
      <span className="step-path">{stepLabel(step)}</span>
      <span className="step-title" title={title}>{title}</span>
      {step.status === 'passed' || step.status === 'failed' ? <span className="step-time">{step.durationMs} ms</span> : null}
      {failure && (
        <div className="step-failure">
          <div>{failure.messageText ? render(failure.messageText) : failure.message}</div>
          {failure.expected !== undefined && (
            <div className="diff-line expected"><span>{t('workspace:run.expected')}</span> <code>{failure.expectedText ? render(failure.expectedText) : failure.expected}</code></div>
          )}
          {failure.received !== undefined && (
            <div className="diff-line received"><span>{t('workspace:run.received')}</span> <code>{failure.receivedText ? render(failure.receivedText) : failure.received}</code></div>
          )}
          {failure.reasons && failure.reasons.length > 0 && (
            <ul aria-label={t('workspace:run.reasons')}>
              {failureReasonLines(failure, render).map((reason, index) => (
                <li key={index}><code>{reason}</code></li>
              ))}
            </ul>
          )}
          {failure.alias !== undefined && failure.seq !== undefined && (
            <button type="button" className="link-button" onClick={() => getAppStore().getState().workspaceFiles.openRecord(failure.alias!, failure.seq!)}>
              {t('workspace:run.openRecord', { seq: failure.seq })}
            </button>
          )}
        </div>
      )}
    </li>
  );
}
