import { caseGroups } from '../../shared/conformance/case-table.js';
import type { CaseResult } from '../../shared/conformance/run-result.js';
import type { ConformanceOutcome } from '../../shared/contract/api-conformance.js';
import type { EventPayload } from '../../shared/contract/api.js';
import { message } from '../../shared/i18n/message.js';
import { wholeNumber } from '../lib/whole-number.js';
import { patchSlice } from './types.js';
import type { GetApp, SetApp } from './types.js';
import { CONFORMANCE_FORM } from './settings-slice.js';

/** One run of the battery as the view follows it: cases as they start and finish, then the outcome. */
export interface ConformanceRun {
  readonly id: string;
  readonly url: string;
  /** Wall-clock ms when it started. */
  readonly startedAt: number;
  readonly caseIds: readonly string[];
  /** Cases running now, with their sessions. */
  readonly running: Readonly<Record<string, string>>;
  readonly results: Readonly<Record<string, CaseResult>>;
  /** null while running. */
  readonly outcome: ConformanceOutcome | null;
  readonly durationMs: number | null;
  readonly message: string | null;
}

/** The view's choices: which groups, how many at once (text as typed). */
export interface ConformanceForm {
  readonly groups: readonly number[];
  readonly concurrency: string;
}

/** How many runs the view remembers (the engine keeps the sessions of the last four). */
const keptRuns = 4;

/** The Conformance view's state. */
export interface ConformanceSlice {
  readonly form: ConformanceForm;
  /** Newest first. */
  readonly runs: readonly ConformanceRun[];
  /** The run shown, and the one compared with it (or null). */
  readonly shownRunId: string | null;
  readonly comparedRunId: string | null;
  readonly selectedCaseId: string | null;
  setForm(change: Partial<ConformanceForm>): void;
  toggleGroup(group: number): void;
  start(): Promise<void>;
  cancel(): Promise<void>;
  show(runId: string): void;
  compareWith(runId: string | null): void;
  selectCase(caseId: string | null): void;
  /** Opens a case's capture in the inspector. */
  openCapture(sessionId: string): void;
  applyCaseStarted(event: EventPayload<'conformanceCaseStarted'>): void;
  applyCaseFinished(event: EventPayload<'conformanceCaseFinished'>): void;
  applyFinished(event: EventPayload<'conformanceFinished'>): void;
}

/** The conformance slice. */
export function createConformanceSlice(set: SetApp, get: GetApp): ConformanceSlice {
  const patch = (value: Partial<ConformanceSlice> | ((slice: ConformanceSlice) => Partial<ConformanceSlice>)): void => patchSlice(set, 'conformance', value);
  const patchRun = (id: string, change: (run: ConformanceRun) => Partial<ConformanceRun>): void =>
    patch((slice) => ({ runs: slice.runs.map((run) => (run.id === id ? { ...run, ...change(run) } : run)) }));

  return {
    form: { groups: caseGroups.map((each) => each.group).filter((group) => group !== 9), concurrency: '4' },
    runs: [],
    shownRunId: null,
    comparedRunId: null,
    selectedCaseId: null,

    setForm(change) {
      patch((slice) => ({ form: { ...slice.form, ...change } }));
    },

    toggleGroup(group) {
      patch((slice) => {
        const groups = slice.form.groups.includes(group) ? slice.form.groups.filter((each) => each !== group) : [...slice.form.groups, group].sort((a, b) => a - b);
        return { form: { ...slice.form, groups } };
      });
    },

    async start() {
      const options = get().settings.validForm(CONFORMANCE_FORM);
      if (!options) return;
      const { form } = get().conformance;
      const concurrency = wholeNumber(form.concurrency, 1, 64);
      if (concurrency === null) return get().sessions.showNotice({ kind: 'error', message: message('conformance:view.concurrencyInvalid', { min: 1, max: 64 }) });
      if (form.groups.length === 0) return get().sessions.showNotice({ kind: 'error', message: message('conformance:view.noGroups') });
      try {
        const { runId, caseIds } = await get().api.runConformance(options, { cases: form.groups.map(String), concurrency });
        const run: ConformanceRun = { id: runId, url: options.url, startedAt: Date.now(), caseIds, running: {}, results: {}, outcome: null, durationMs: null, message: null };
        patch((slice) => ({ runs: [run, ...slice.runs].slice(0, keptRuns), shownRunId: runId, selectedCaseId: null, comparedRunId: slice.comparedRunId === null ? null : slice.shownRunId }));
        get().sessions.showNotice(null);
      } catch (error) {
        get().sessions.reportError(error);
      }
    },

    async cancel() {
      const run = get().conformance.runs.find((each) => each.outcome === null);
      if (!run) return;
      try {
        await get().api.cancelConformance(run.id);
      } catch (error) {
        get().sessions.reportError(error);
      }
    },

    show(runId) {
      patch((slice) => ({ shownRunId: runId, comparedRunId: slice.comparedRunId === runId ? null : slice.comparedRunId }));
    },

    compareWith(runId) {
      patch({ comparedRunId: runId });
    },

    selectCase(caseId) {
      patch({ selectedCaseId: caseId });
    },

    openCapture(sessionId) {
      get().sessions.select(sessionId);
      get().workspace.showView('inspect');
    },

    applyCaseStarted({ runId, caseId, sessionId }) {
      patchRun(runId, (run) => ({ running: { ...run.running, [caseId]: sessionId } }));
    },

    applyCaseFinished({ runId, result }) {
      patchRun(runId, (run) => {
        const { [result.id]: _finished, ...running } = run.running;
        return { running, results: { ...run.results, [result.id]: result } };
      });
    },

    applyFinished({ runId, outcome, results, durationMs, message }) {
      patchRun(runId, (run) => ({
        outcome,
        durationMs,
        message: message ?? null,
        running: {},
        results: results.length > 0 ? Object.fromEntries(results.map((result) => [result.id, result])) : run.results,
      }));
    },
  };
}
