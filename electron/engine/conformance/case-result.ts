import type { CaseResult } from '../../../shared/conformance/run-result.js';
import { message } from '../../../shared/i18n/message.js';
import type { BatteryEntry } from './battery-run.js';

/** A battery entry as a result; a case that never started is FAILED and says why. */
export function caseResultOf(entry: BatteryEntry, extras: Pick<CaseResult, 'sessionId' | 'captureFile'> = {}): CaseResult {
  const { testCase, outcome } = entry;
  if (!outcome) {
    return { id: testCase.id, group: testCase.group, verdict: 'FAILED', reason: message('conformance:reason.notRun'), durationMs: 0, figures: null, ...extras };
  }
  return {
    id: testCase.id,
    group: testCase.group,
    verdict: outcome.judgement.verdict,
    reason: outcome.judgement.reason,
    durationMs: Math.round(outcome.durationMs),
    figures: outcome.observation.handshake?.kind === 'response' && outcome.observation.handshake.statusCode === 101 ? outcome.observation.figures : null,
    ...extras,
  };
}
