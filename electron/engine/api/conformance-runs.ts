import { randomUUID } from 'node:crypto';
import { MessageError } from '../../../shared/i18n/message-error.js';
import { message } from '../../../shared/i18n/message.js';
import { conformanceCases } from '../../../shared/conformance/case-table.js';
import { selectCases } from '../../../shared/conformance/case-selection.js';
import type { CaseResult } from '../../../shared/conformance/run-result.js';
import type { ConformanceOptions } from '../../../shared/contract/api-conformance.js';
import type { SessionOptions } from '../../../shared/contract/session-options.js';
import { runBattery } from '../conformance/battery-run.js';
import { caseResultOf } from '../conformance/case-result.js';
import type { EngineEmit } from './engine-events.js';
import type { AdoptCapture, ReleaseCapture } from './live-source.js';

/** How many finished runs keep their case sessions (two runs are compared side by side; a few more stay for going back). */
const keptRuns = 4;

/**
 * Conformance runs the window started: each case's capture is adopted as a read-only session
 * (origin `conformance`) so any case opens in the inspector; results stream out as events. The
 * sessions of runs older than the last few are released, so repeated runs do not pile up.
 */
export class ConformanceRuns {
  private readonly running = new Map<string, AbortController>();
  private readonly finishedSessions: string[][] = [];

  constructor(private readonly adopt: AdoptCapture, private readonly release: ReleaseCapture, private readonly emit: EngineEmit) {}

  /** Starts a run on the next turn; returns its id and the cases it will run, in order. */
  start(options: SessionOptions, conformance: ConformanceOptions): { runId: string; caseIds: string[] } {
    const cases = selectCases(conformanceCases(), conformance.cases, conformance.exclude);
    if (cases.length === 0) throw new MessageError(message('errors:missing.conformanceCases'));
    const runId = randomUUID();
    const controller = new AbortController();
    this.running.set(runId, controller);
    setImmediate(() => void this.run(runId, options, conformance, cases, controller.signal).finally(() => this.running.delete(runId)));
    return { runId, caseIds: cases.map((each) => each.id) };
  }

  /** Cancels a run; a finished run is left alone. */
  cancel(runId: string): void {
    this.running.get(runId)?.abort();
  }

  /** Cancels every run (app quit). */
  dispose(): void {
    for (const controller of this.running.values()) controller.abort();
  }

  private async run(runId: string, options: SessionOptions, conformance: ConformanceOptions, cases: ReturnType<typeof selectCases>, signal: AbortSignal): Promise<void> {
    const startedAt = performance.now();
    const sessions = new Map<string, string>();
    try {
      const entries = await runBattery(cases, options, {
        concurrency: conformance.concurrency,
        caseTimeoutMs: conformance.caseTimeoutMs,
        runTimeoutMs: conformance.runTimeoutMs,
        signal,
        onCaseStarted: (run) => {
          const sessionId = this.adopt({ url: options.url, capture: run.capture, live: run, origin: { kind: 'conformance', runId, caseId: run.testCase.id } });
          sessions.set(run.testCase.id, sessionId);
          this.emit('conformanceCaseStarted', { runId, caseId: run.testCase.id, sessionId });
        },
        onCaseFinished: (run, outcome) => {
          const result = caseResultOf({ testCase: run.testCase, run, outcome }, this.sessionOf(sessions, run.testCase.id));
          this.emit('conformanceCaseFinished', { runId, result });
        },
      });
      const results: CaseResult[] = entries.map((entry) => caseResultOf(entry, this.sessionOf(sessions, entry.testCase.id)));
      this.emit('conformanceFinished', { runId, outcome: signal.aborted ? 'cancelled' : 'finished', results, durationMs: performance.now() - startedAt });
    } catch (error) {
      this.emit('conformanceFinished', { runId, outcome: 'failed', results: [], durationMs: performance.now() - startedAt, message: error instanceof Error ? error.message : String(error) });
    } finally {
      this.keep([...sessions.values()]);
    }
  }

  private sessionOf(sessions: ReadonlyMap<string, string>, caseId: string): { sessionId?: string } {
    const sessionId = sessions.get(caseId);
    return sessionId ? { sessionId } : {};
  }

  /** Keeps the sessions of the last few runs; older runs' captures are freed. */
  private keep(sessionIds: string[]): void {
    this.finishedSessions.push(sessionIds);
    while (this.finishedSessions.length > keptRuns) {
      for (const sessionId of this.finishedSessions.shift()!) this.release(sessionId, 'conformance-history');
    }
  }
}
