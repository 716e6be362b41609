import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { conformanceCases } from '../../shared/conformance/case-table.js';
import { selectCases } from '../../shared/conformance/case-selection.js';
import type { Translate } from '../../shared/i18n/create-i18n.js';
import { createTranslate } from '../../shared/i18n/create-i18n.js';
import { sourceLanguage, type Language } from '../../shared/i18n/languages.js';
import { exportCaptureFile } from '../engine/capture/export/export-capture.js';
import { runBattery } from '../engine/conformance/battery-run.js';
import { caseResultOf } from '../engine/conformance/case-result.js';
import type { CaseRun } from '../engine/conformance/case-run.js';
import type { CliIo } from './cli-io.js';
import { parseConformanceArgs, type ConformanceCommand } from './conformance-args.js';
import type { ConformanceReport, ReportedCase, ReportedRun } from './conformance-report.js';
import { reportHtml } from './conformance-report-html.js';
import { reportJson } from './conformance-report-json.js';
import { junitXml } from './conformance-report-junit.js';
import { formatDifferences, formatRunSummary } from './conformance-text.js';
import { traceLines } from './conformance-trace.js';
import { UsageError } from './usage-error.js';

/**
 * `frameline conformance URL`: the battery against a server (and, with --through, again through
 * the proxy in front of it): progress on stderr, the summary table on stdout, reports and one
 * capture per case in the output folder. Exit status 0 only when no case FAILED.
 */
export async function runConformance(argv: readonly string[], io: CliIo, t: Translate, language: Language): Promise<number> {
  const command = parseConformanceArgs(argv);
  const cases = selectCases(conformanceCases(), command.cases, command.exclude);
  if (cases.length === 0) throw new UsageError('conformance:cli.error.noCases');
  await mkdir(command.outputDirectory, { recursive: true });
  const targets: { label: 'direct' | 'through'; url: string }[] = [{ label: 'direct', url: command.options.url }];
  if (command.throughUrl) targets.push({ label: 'through', url: command.throughUrl });
  const runs: ReportedRun[] = [];
  for (const target of targets) {
    const run = await runTarget(command, target, cases, io, t);
    runs.push(run);
    io.stdout.write(`${formatRunSummary(t, run)}\n`);
  }
  if (runs.length === 2) io.stdout.write(`${formatDifferences(t, runs[0]!, runs[1]!)}\n`);
  const written = await writeReports(command, { createdAt: new Date().toISOString(), runs }, t, language);
  io.stdout.write(`${t('conformance:cli.reports', { files: written.join(', ') })}\n`);
  return runs.some((run) => run.cases.some((each) => each.result.verdict === 'FAILED')) ? 1 : 0;
}

async function runTarget(command: ConformanceCommand, target: { label: 'direct' | 'through'; url: string }, cases: ReturnType<typeof selectCases>, io: CliIo, t: Translate): Promise<ReportedRun> {
  const startedAt = performance.now();
  const progress = progressLine(io, t, cases.length, target.url);
  const finished = new Map<string, { trace: string[]; captureFile?: string }>();
  let saving = Promise.resolve();
  const entries = await runBattery(cases, { ...command.options, url: target.url }, {
    concurrency: command.concurrency,
    caseTimeoutMs: command.caseTimeoutMs,
    runTimeoutMs: command.runTimeoutMs,
    onCaseFinished: (run, outcome) => {
      progress.step(run.testCase.id);
      const isWritten = command.captures === 'all' || (command.captures === 'not-ok' && outcome.judgement.verdict !== 'OK');
      saving = saving.then(() => keep(command, target.label, run, isWritten, finished, t));
    },
  });
  await saving;
  progress.done();
  const reported: ReportedCase[] = entries.map((entry) => {
    const kept = finished.get(entry.testCase.id);
    return { testCase: entry.testCase, trace: kept?.trace ?? [], result: caseResultOf(entry, kept?.captureFile ? { captureFile: kept.captureFile } : {}) };
  });
  return { label: target.label, url: target.url, durationMs: performance.now() - startedAt, cases: reported };
}

/** The case's trace for the report and, when asked, its capture file; then its capture is freed. */
async function keep(command: ConformanceCommand, label: string, run: CaseRun, isWritten: boolean, finished: Map<string, { trace: string[]; captureFile?: string }>, t: Translate): Promise<void> {
  const trace = traceLines(run.capture, t);
  let captureFile: string | undefined;
  if (isWritten) {
    const folder = join(command.outputDirectory, 'captures', label);
    await mkdir(folder, { recursive: true });
    const path = join(folder, `case-${run.testCase.id}.frameline.json`);
    await exportCaptureFile(run.capture, 'json', path);
    captureFile = relative(command.outputDirectory, path);
  }
  run.capture.dispose();
  finished.set(run.testCase.id, { trace, ...(captureFile ? { captureFile } : {}) });
}

async function writeReports(command: ConformanceCommand, report: ConformanceReport, t: Translate, language: Language): Promise<string[]> {
  const english = createTranslate(sourceLanguage);
  const written: string[] = [];
  for (const format of command.reports) {
    const [name, content] =
      format === 'html' ? ['report.html', reportHtml(report, t, language)] : format === 'json' ? ['report.json', `${JSON.stringify(reportJson(report, english), null, 2)}\n`] : ['junit.xml', junitXml(report, english)];
    const path = join(command.outputDirectory, name);
    await writeFile(path, content);
    written.push(path);
  }
  return written;
}

/** Progress on stderr: one rewritten line on a terminal (through the guard's control channel), a line per 50 cases otherwise. */
function progressLine(io: CliIo, t: Translate, total: number, url: string): { step(id: string): void; done(): void } {
  const control = io.writeTerminalControl;
  const isTerminal = (io.stderr as { isTTY?: boolean }).isTTY === true && control !== undefined;
  let count = 0;
  return {
    step: (id) => {
      count++;
      const text = t('conformance:cli.progress', { done: count, total, id, url });
      if (isTerminal) {
        control('\r\x1b[K');
        io.stderr.write(text);
      } else if (count % 50 === 0 || count === total) io.stderr.write(`${text}\n`);
    },
    done: () => {
      if (isTerminal) control('\r\x1b[K');
    },
  };
}
