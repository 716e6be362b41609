import type { Translate } from '../../shared/i18n/create-i18n.js';
import { renderMessage } from '../../shared/i18n/message.js';
import { countVerdicts } from '../../shared/conformance/run-result.js';
import type { ConformanceReport, ReportedCase } from './conformance-report.js';

/**
 * The JUnit XML report (the Jenkins xunit plugin's junit-10 schema, which CI servers read): one
 * test suite per run and group, one test case per case. FAILED is a `<failure>`, UNIMPLEMENTED a
 * `<skipped>`; NON-STRICT and INFORMATIONAL pass, with the verdict and reason in `<system-out>`.
 */
export function junitXml(report: ConformanceReport, english: Translate): string {
  const all = report.runs.flatMap((run) => run.cases.map((each) => each.result));
  const totals = countVerdicts(all);
  const suites = report.runs.flatMap((run) =>
    [...new Set(run.cases.map((each) => each.testCase.group))].map((group) => suite(run.label, run.url, group, run.cases.filter((each) => each.testCase.group === group), english, report.createdAt)),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="frameline conformance" tests="${all.length}" failures="${totals.FAILED}" errors="0" time="${seconds(all.reduce((sum, each) => sum + each.durationMs, 0))}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

function suite(label: string, url: string, group: number, cases: readonly ReportedCase[], english: Translate, timestamp: string): string {
  const counts = countVerdicts(cases.map((each) => each.result));
  const time = seconds(cases.reduce((sum, each) => sum + each.result.durationMs, 0));
  const head = `  <testsuite name="${attribute(`${label} · group ${group}`)}" tests="${cases.length}" failures="${counts.FAILED}" errors="0" skipped="${counts.UNIMPLEMENTED}" time="${time}" timestamp="${attribute(timestamp.slice(0, 19))}" package="${attribute(url)}">`;
  return [head, ...cases.map((each) => testcase(group, each, english)), '  </testsuite>'].join('\n');
}

function testcase(group: number, { result, testCase }: ReportedCase, english: Translate): string {
  const name = `${result.id} ${renderMessage(english, testCase.description)}`;
  const reason = renderMessage(english, result.reason);
  const open = `    <testcase name="${attribute(name)}" classname="conformance.group${group}" time="${seconds(result.durationMs)}">`;
  switch (result.verdict) {
    case 'FAILED':
      return `${open}\n      <failure type="FAILED" message="${attribute(reason)}">${text(`${reason}\n${renderMessage(english, testCase.expectation)} (${testCase.sections.join(', ')})`)}</failure>\n    </testcase>`;
    case 'UNIMPLEMENTED':
      return `${open}\n      <skipped type="UNIMPLEMENTED" message="${attribute(reason)}"/>\n    </testcase>`;
    case 'OK':
      return `${open}</testcase>`;
    default:
      return `${open}\n      <system-out>${text(`${result.verdict}: ${reason}`)}</system-out>\n    </testcase>`;
  }
}

/** Seconds with at most three decimals, as the schema's time pattern allows. */
function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** XML 1.0 allows tab, LF and CR among the control characters; the others cannot appear even escaped. */
function text(value: string): string {
  const allowed = [...value].filter((char) => char >= ' ' || char === '\t' || char === '\n' || char === '\r').join('');
  return allowed.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attribute(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;');
}
