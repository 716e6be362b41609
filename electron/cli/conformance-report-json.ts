import type { Translate } from '../../shared/i18n/create-i18n.js';
import { renderMessage } from '../../shared/i18n/message.js';
import { compareRuns, countVerdicts } from '../../shared/conformance/run-result.js';
import type { ConformanceReport } from './conformance-report.js';

/**
 * The JSON report, always in English (like every --json output): per run, the verdict counts and
 * every case with its verdict, reason, expectation, RFC sections, figures and capture file; with
 * two runs, the cases whose verdicts differ.
 */
export function reportJson(report: ConformanceReport, english: Translate): unknown {
  const runs = report.runs.map((run) => ({
    label: run.label,
    url: run.url,
    durationMs: Math.round(run.durationMs),
    counts: countVerdicts(run.cases.map((each) => each.result)),
    cases: run.cases.map(({ result, testCase }) => ({
      id: result.id,
      group: result.group,
      verdict: result.verdict,
      reason: renderMessage(english, result.reason),
      reasonKey: result.reason.key,
      description: renderMessage(english, testCase.description),
      expectation: renderMessage(english, testCase.expectation),
      sections: testCase.sections,
      durationMs: result.durationMs,
      figures: result.figures,
      captureFile: result.captureFile ?? null,
    })),
  }));
  const [left, right] = report.runs;
  const differences = left && right
    ? compareRuns(left.cases.map((each) => each.result), right.cases.map((each) => each.result))
        .filter((each) => each.isDifferent)
        .map((each) => ({ id: each.id, [left.label]: each.left?.verdict ?? null, [right.label]: each.right?.verdict ?? null }))
    : undefined;
  return { format: 'frameline-conformance', version: 1, createdAt: report.createdAt, runs, ...(differences ? { differences } : {}) };
}
