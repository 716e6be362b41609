import { caseGroups } from '../../shared/conformance/case-table.js';
import { compareRuns, countByGroup, countVerdicts, type CaseResult, type VerdictCounts } from '../../shared/conformance/run-result.js';
import type { Translate } from '../../shared/i18n/create-i18n.js';
import { renderMessage } from '../../shared/i18n/message.js';
import { visibleText } from '../../shared/text/visible-text.js';
import type { ReportedRun } from './conformance-report.js';
import { padDisplay } from './diagnose-text.js';

const columns = ['OK', 'NON-STRICT', 'INFORMATIONAL', 'UNIMPLEMENTED', 'FAILED'] as const;

/** The summary table of one run: verdict counts per group and in total, then every case that is not OK, INFORMATIONAL or UNIMPLEMENTED. */
export function formatRunSummary(t: Translate, run: ReportedRun): string {
  const results = run.cases.map((each) => each.result);
  const heading = run.label === 'direct' ? t('conformance:cli.headingDirect', { url: run.url, count: results.length, seconds: (run.durationMs / 1000).toFixed(1) }) : t('conformance:cli.headingThrough', { url: run.url, count: results.length, seconds: (run.durationMs / 1000).toFixed(1) });
  const header = `  ${padDisplay(t('conformance:cli.group'), 38)}${columns.map((column) => column.padStart(15)).join('')}`;
  const rows = countByGroup(results).map(({ group, counts }) => row(`${String(group).padStart(2)}  ${groupTitle(t, group)}`, counts));
  const lines = [heading, header, ...rows, row(t('conformance:cli.total'), countVerdicts(results))];
  const notOk = results.filter((result) => result.verdict === 'FAILED' || result.verdict === 'NON-STRICT');
  if (notOk.length > 0) lines.push('', t('conformance:cli.notOk'), ...notOk.map((result) => caseLine(t, result)));
  return `${lines.join('\n')}\n`;
}

/** The cases whose verdicts differ between the direct run and the run through the proxy. */
export function formatDifferences(t: Translate, direct: ReportedRun, through: ReportedRun): string {
  const differing = compareRuns(direct.cases.map((each) => each.result), through.cases.map((each) => each.result)).filter((each) => each.isDifferent);
  if (differing.length === 0) return `${t('conformance:cli.noDifferences', { url: through.url })}\n`;
  const lines = [t('conformance:cli.differences', { count: differing.length, url: through.url })];
  for (const each of differing) {
    lines.push(`  ${each.id.padEnd(9)} ${(each.left?.verdict ?? '—').padEnd(14)} → ${(each.right?.verdict ?? '—').padEnd(14)} ${each.right ? visibleText(renderMessage(t, each.right.reason)) : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

function caseLine(t: Translate, result: CaseResult): string {
  // A reason can quote the server (an HTTP reason phrase, a check's detail): shown, never obeyed.
  return `  ${result.id.padEnd(9)} ${result.verdict.padEnd(14)} ${visibleText(renderMessage(t, result.reason))}`;
}

function row(label: string, counts: VerdictCounts): string {
  return `  ${padDisplay(label, 38)}${columns.map((column) => String(counts[column]).padStart(15)).join('')}`;
}

function groupTitle(t: Translate, group: number): string {
  const key = caseGroups.find((each) => each.group === group)?.titleKey;
  return key ? t(key as 'conformance:group.framing') : '';
}
