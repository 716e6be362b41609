import type { CaptureLogOptions, EventRecordInit } from './capture-log.js';

/** The budgets a capture log enforces (docs/performance.md "Capture budgets"). */
export type CaptureBudget = 'records' | 'payload-bytes';

/** A capture's budgets and where it spills; each left out takes its default (capture-log.ts). */
export type CaptureBudgetOptions = Omit<CaptureLogOptions, 'header'>;

/**
 * The warning event a log appends the first time a budget is reached: which budget, its limit,
 * and what happens from now on, so a user reading the timeline knows why later records are
 * missing or empty.
 */
export function captureBudgetWarning(budget: CaptureBudget, limit: number, atMicros: number, spillError: string | null = null): EventRecordInit {
  if (budget === 'records') {
    return {
      atMicros,
      name: 'warning',
      message: `The capture reached its budget of ${limit.toLocaleString('en-US')} records; later frames are counted but not kept.`,
      budget,
      limit,
    };
  }
  const why = spillError === null ? `its budget of ${limit.toLocaleString('en-US')} payload bytes (in memory and spilled to disk)` : `its in-memory budget of ${limit.toLocaleString('en-US')} payload bytes and spilling to disk failed (${spillError})`;
  return { atMicros, name: 'warning', message: `The capture reached ${why}; later frames are kept without their payload.`, budget, limit };
}
