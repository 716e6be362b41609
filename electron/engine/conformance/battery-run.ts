import type { ConformanceCase } from '../../../shared/conformance/conformance-case.js';
import type { SessionOptions } from '../../../shared/contract/session-options.js';
import { CaseRun, type CaseOutcome } from './case-run.js';

/** How a battery runs. */
export interface BatteryOptions {
  /** Cases at once; exclusive cases (performance) always run alone. */
  readonly concurrency: number;
  /** A case's limit when it has none of its own. */
  readonly caseTimeoutMs: number;
  /** The whole run's limit: cases still running are given up, cases not started are FAILED. */
  readonly runTimeoutMs: number;
  readonly signal?: AbortSignal;
  /** A case is about to start (its capture exists: the window adopts it). */
  readonly onCaseStarted?: (run: CaseRun) => void;
  readonly onCaseFinished?: (run: CaseRun, outcome: CaseOutcome) => void;
}

/** One case's place in a finished battery. */
export interface BatteryEntry {
  readonly testCase: ConformanceCase;
  /** Null for a case never started (the run was cancelled or out of time first). */
  readonly run: CaseRun | null;
  readonly outcome: CaseOutcome | null;
}

/**
 * Runs cases against one server: up to `concurrency` at a time, exclusive ones alone after the
 * rest, each bounded by its own limit and all by the run's, so a hanging server makes FAILED
 * cases, never a stuck run.
 */
export async function runBattery(cases: readonly ConformanceCase[], options: SessionOptions, battery: BatteryOptions): Promise<BatteryEntry[]> {
  const entries = new Map<string, BatteryEntry>(cases.map((testCase) => [testCase.id, { testCase, run: null, outcome: null }]));
  const running = new Set<CaseRun>();
  let isStopped = battery.signal?.aborted === true;
  const stop = (): void => {
    isStopped = true;
    for (const run of running) run.abort();
  };
  battery.signal?.addEventListener('abort', stop, { once: true });
  const runLimit = setTimeout(stop, battery.runTimeoutMs);
  const runOne = async (testCase: ConformanceCase): Promise<void> => {
    if (isStopped) return;
    const run = new CaseRun(testCase, options, testCase.timeoutMs ?? battery.caseTimeoutMs);
    running.add(run);
    battery.onCaseStarted?.(run);
    // The case bounds itself once connected; this bounds the dial and handshake too.
    const caseLimit = setTimeout(() => run.abort(), (testCase.timeoutMs ?? battery.caseTimeoutMs) + 5_000);
    const outcome = await run.run();
    clearTimeout(caseLimit);
    running.delete(run);
    entries.set(testCase.id, { testCase, run, outcome });
    battery.onCaseFinished?.(run, outcome);
  };
  try {
    await inPool(cases.filter((each) => !each.isExclusive), Math.max(1, battery.concurrency), runOne);
    await inPool(cases.filter((each) => each.isExclusive), 1, runOne);
  } finally {
    clearTimeout(runLimit);
    battery.signal?.removeEventListener('abort', stop);
  }
  return cases.map((testCase) => entries.get(testCase.id)!);
}

/** Runs `work` over `items`, at most `size` at a time, in order of start. */
async function inPool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, lane));
}
