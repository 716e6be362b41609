import { caseGroups } from '../../shared/conformance/case-table.js';
import { compareRuns, countByGroup, countVerdicts, type CaseResult } from '../../shared/conformance/run-result.js';
import { verdictLabelKeys, verdicts, type Verdict } from '../../shared/conformance/verdict.js';
import type { Translate } from '../../shared/i18n/create-i18n.js';
import type { Language } from '../../shared/i18n/languages.js';
import { renderMessage } from '../../shared/i18n/message.js';
import type { ConformanceReport, ReportedCase, ReportedRun } from './conformance-report.js';

const verdictClass: Readonly<Record<Verdict, string>> = { OK: 'ok', 'NON-STRICT': 'non-strict', INFORMATIONAL: 'info', UNIMPLEMENTED: 'unimpl', FAILED: 'failed' };

const style = `
body{font:14px/1.45 system-ui,"Noto Sans CJK SC","Noto Sans",sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
header,main{max-width:1200px;margin:0 auto;padding:16px 24px}
h1{font-size:20px;margin:8px 0}h2{font-size:17px;margin:24px 0 8px}h3{font-size:15px;margin:18px 0 6px}
.counts span,.verdict{display:inline-block;border-radius:4px;padding:1px 8px;margin-right:6px;font-weight:600;font-size:12px}
.ok{background:#d1f4dc;color:#116329}.non-strict{background:#fff1c2;color:#7a4d00}.info{background:#dbeafe;color:#1e40af}.unimpl{background:#e5e7eb;color:#374151}.failed{background:#ffd8d8;color:#a40e26}
.grid{display:flex;flex-wrap:wrap;gap:3px;margin:6px 0 10px}.grid a{display:block;min-width:54px;text-align:center;font:12px ui-monospace,monospace;padding:3px 4px;border-radius:3px;text-decoration:none}
details{background:#fff;border:1px solid #d0d7de;border-radius:6px;margin:4px 0}summary{cursor:pointer;padding:6px 10px}summary code{font-weight:600}
.body{padding:4px 12px 12px}.body dt{font-weight:600;margin-top:6px}.body dd{margin:2px 0 0}
pre{background:#0d1117;color:#e6edf3;padding:10px;border-radius:6px;overflow:auto;font:12px/1.4 ui-monospace,monospace;max-height:420px}
table{border-collapse:collapse;background:#fff}td,th{border:1px solid #d0d7de;padding:3px 8px;text-align:left}tr.differs td{background:#fff8e1}
`;

/** The report's one bit of script: open the case a grid cell points to. */
const script = `function openCase(){var d=document.getElementById(decodeURIComponent(location.hash.slice(1)));if(d&&d.tagName==='DETAILS'){d.open=true;d.scrollIntoView();}}window.addEventListener('hashchange',openCase);openCase();`;

/**
 * The HTML report: one self-contained file (inline style and script, nothing fetched), in the
 * reader's language. Per run, the verdict counts and a grid of cases by group; each case expands
 * to its description, expectation with RFC sections, verdict and reason, figures, capture file and
 * frame trace. With two runs, a table of the cases whose verdicts differ comes first. Everything
 * from the server (traces, reasons) is escaped.
 */
export function reportHtml(report: ConformanceReport, t: Translate, language: Language): string {
  const [left, right] = report.runs;
  const title = t('conformance:report.title', { url: left?.url ?? '' });
  return `<!doctype html>
<html lang="${escape(language)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>${escape(title)}</title><style>${style}</style></head>
<body><header><h1>${escape(title)}</h1><p>${escape(t('conformance:report.created', { date: report.createdAt }))}</p></header><main>
${left && right ? differences(left, right, t) : ''}
${report.runs.map((run) => runSection(run, t)).join('\n')}
</main><script>${script}</script></body></html>
`;
}

function runSection(run: ReportedRun, t: Translate): string {
  const results = run.cases.map((each) => each.result);
  const heading = run.label === 'direct' ? t('conformance:report.runDirect', { url: run.url }) : t('conformance:report.runThrough', { url: run.url });
  const groups = countByGroup(results).map(({ group }) => groupSection(run, group, t)).join('\n');
  return `<section><h2>${escape(heading)}</h2><p class="counts">${counts(results, t)} ${escape(t('conformance:report.duration', { seconds: (run.durationMs / 1000).toFixed(1) }))}</p>${groups}</section>`;
}

function groupSection(run: ReportedRun, group: number, t: Translate): string {
  const cases = run.cases.filter((each) => each.testCase.group === group);
  const titleKey = caseGroups.find((each) => each.group === group)?.titleKey;
  const title = `${group} · ${titleKey ? t(titleKey as 'conformance:group.framing') : ''}`;
  const grid = cases.map(({ result }) => `<a class="${verdictClass[result.verdict]}" href="#${anchor(run, result.id)}" title="${escape(`${t(verdictLabelKeys[result.verdict] as 'conformance:verdict.ok')}: ${renderMessage(t, result.reason)}`)}">${escape(result.id)}</a>`).join('');
  return `<h3>${escape(title)} <span class="counts">${counts(cases.map((each) => each.result), t)}</span></h3><div class="grid">${grid}</div>${cases.map((each) => caseDetails(run, each, t)).join('\n')}`;
}

function caseDetails(run: ReportedRun, { result, testCase, trace }: ReportedCase, t: Translate): string {
  const figures = result.figures ? `<dt>${escape(t('conformance:report.figures'))}</dt><dd>${escape(figureText(result, t))}</dd>` : '';
  const capture = result.captureFile ? `<dt>${escape(t('conformance:report.capture'))}</dt><dd><a href="${escape(result.captureFile)}">${escape(result.captureFile)}</a></dd>` : '';
  return `<details id="${anchor(run, result.id)}"><summary><code>${escape(result.id)}</code> ${verdict(result.verdict, t)} ${escape(renderMessage(t, testCase.description))}</summary><div class="body"><dl>
<dt>${escape(t('conformance:report.expectation'))}</dt><dd>${escape(renderMessage(t, testCase.expectation))} <em>(${escape(testCase.sections.join(', '))})</em></dd>
<dt>${escape(t('conformance:report.reason'))}</dt><dd>${verdict(result.verdict, t)} ${escape(renderMessage(t, result.reason))}</dd>
${figures}${capture}<dt>${escape(t('conformance:report.trace'))}</dt></dl><pre>${escape(trace.join('\n'))}</pre></div></details>`;
}

function differences(left: ReportedRun, right: ReportedRun, t: Translate): string {
  const rows = compareRuns(left.cases.map((each) => each.result), right.cases.map((each) => each.result)).filter((each) => each.isDifferent);
  if (rows.length === 0) return `<h2>${escape(t('conformance:report.differences'))}</h2><p>${escape(t('conformance:report.noDifferences'))}</p>`;
  const body = rows
    .map((row) => `<tr class="differs"><td><code>${escape(row.id)}</code></td><td>${cell(left, row.left, t)}</td><td>${cell(right, row.right, t)}</td></tr>`)
    .join('');
  return `<h2>${escape(t('conformance:report.differences'))}</h2><table><tr><th>${escape(t('conformance:report.case'))}</th><th>${escape(left.url)}</th><th>${escape(right.url)}</th></tr>${body}</table>`;
}

function cell(run: ReportedRun, result: CaseResult | null, t: Translate): string {
  if (!result) return '—';
  return `<a href="#${anchor(run, result.id)}">${verdict(result.verdict, t)}</a> ${escape(renderMessage(t, result.reason))}`;
}

function counts(results: readonly CaseResult[], t: Translate): string {
  const counted = countVerdicts(results);
  return verdicts.filter((each) => counted[each] > 0).map((each) => `<span class="${verdictClass[each]}">${escape(t(verdictLabelKeys[each] as 'conformance:verdict.ok'))} ${counted[each]}</span>`).join('');
}

function verdict(value: Verdict, t: Translate): string {
  return `<span class="verdict ${verdictClass[value]}">${escape(t(verdictLabelKeys[value] as 'conformance:verdict.ok'))}</span>`;
}

function figureText(result: CaseResult, t: Translate): string {
  const figures = result.figures!;
  const base = t('conformance:report.figureLine', { ms: Math.round(figures.durationMs), messages: figures.messagesEchoed, sent: figures.messagesSent, bytes: figures.bytesEchoed });
  const rtt = figures.roundTripMs;
  return rtt ? `${base} ${t('conformance:report.roundTrips', { min: rtt.min.toFixed(2), median: rtt.median.toFixed(2), max: rtt.max.toFixed(2) })}` : base;
}

function anchor(run: ReportedRun, id: string): string {
  return `${run.label}-${id}`;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
