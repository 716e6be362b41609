import { countSteps, type ScenarioRunResult } from '../run-result.js';

/** The version of the JSON report's shape (docs/workspaces.md). */
export const JSON_REPORT_VERSION = 1;

/** Every run as JSON, with totals: the documented machine-readable report. */
export function jsonReport(results: readonly ScenarioRunResult[]): string {
  const totals = results.map(countSteps).reduce((sum, counts) => ({ passed: sum.passed + counts.passed, failed: sum.failed + counts.failed, skipped: sum.skipped + counts.skipped }), { passed: 0, failed: 0, skipped: 0 });
  // Titles and a run's error stay English words; their message forms are for the window and the terminal only.
  const runs = results.map(({ errorText: _text, ...result }) => ({ ...result, steps: result.steps.map(({ titleMessage: _message, ...step }) => step) }));
  return `${JSON.stringify({ format: 'frameline-run-report', version: JSON_REPORT_VERSION, isPassed: results.every((result) => result.isPassed), totals, runs }, null, 2)}\n`;
}
