import { notedText } from '../../../shared/i18n/event-text.js';
import { message, type Message } from '../../../shared/i18n/message.js';
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
  return { atMicros, name: 'warning', ...notedText(budgetText(budget, limit, spillError)), budget, limit };
}

function budgetText(budget: CaptureBudget, limit: number, spillError: string | null): Message {
  if (budget === 'records') return message('capture:budget.records', { limit });
  return spillError === null ? message('capture:budget.payloadBytes', { limit }) : message('capture:budget.spillFailed', { limit, error: spillError });
}
