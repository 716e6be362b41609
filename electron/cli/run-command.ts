import { writeFile } from 'node:fs/promises';
import { errorText } from '../../shared/i18n/message-error.js';
import { hostname } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import type { Translate } from '../../shared/i18n/create-i18n.js';
import { fileProblemText, formatFileProblem } from '../../shared/workspace/file-problem.js';
import { jsonReport } from '../../shared/workspace/reporters/json-report.js';
import { junitReport } from '../../shared/workspace/reporters/junit-report.js';
import { tapReport } from '../../shared/workspace/reporters/tap-report.js';
import { countSteps, type ScenarioRunResult } from '../../shared/workspace/run-result.js';
import { userDataDirectory } from '../app-paths.js';
import { OpenWorkspace } from '../engine/workspace/open-workspace.js';
import { runScenario } from '../engine/workspace/scenario-runner.js';
import { readJson, WorkspaceFolder } from '../engine/workspace/workspace-folder.js';
import { scenarioFileSchema } from '../../shared/workspace/scenario-file.js';
import type { CliIo } from './cli-io.js';
import { parseRunArgs, type RunReporter } from './run-args.js';
import { RunPrinter } from './run-printer.js';

/**
 * `frameline run FILE… [--env NAME] [--reporter junit|json|tap] [--output FILE]`: runs scenarios
 * as CI would. Steps print as they finish (to stderr when a report goes to stdout); each run's
 * captures are kept, secrets redacted. Exit status 0 only when every step of every file passed.
 */
export async function runRun(argv: readonly string[], io: CliIo, t: Translate, dataDirectory: string = userDataDirectory()): Promise<number> {
  const command = parseRunArgs(argv);
  const log = command.reporter !== null && command.output === null ? io.stderr : io.stdout;
  const printer = new RunPrinter(log, t);
  const results: ScenarioRunResult[] = [];
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  for (const [index, file] of command.files.entries()) {
    const path = resolve(file);
    const root = command.workspace !== null ? resolve(command.workspace) : await WorkspaceFolder.findFrom(dirname(path));
    const workspace = root === null ? null : await OpenWorkspace.open(root, dataDirectory, null).catch((error: Error) => error);
    const fileName = root !== null && path.startsWith(`${root}/`) ? relative(root, path) : file;
    if (workspace instanceof Error) {
      const text = errorText(workspace);
      results.push(printer.failedBeforeStart(fileName, workspace.message, text ? [text] : undefined));
      continue;
    }
    const read = await readJson(path, fileName, scenarioFileSchema);
    if (!read.ok) {
      results.push(printer.failedBeforeStart(fileName, read.problems.map(formatFileProblem).join('\n'), read.problems.map(fileProblemText)));
      continue;
    }
    printer.start(read.value.name, fileName);
    const captureDirectory = command.captureRoot === null ? null : join(command.captureRoot, `${stamp}-${index + 1}-${fileName.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/\.json$/, '')}`);
    const result = await runScenario(
      { scenario: read.value, fileName, workspace, environment: command.environment, extra: { values: command.values, secrets: command.secrets } },
      { captureDirectory, onProgress: (steps) => printer.progress(steps) },
    );
    printer.finish(result);
    results.push(result);
  }
  if (command.reporter !== null) await writeReport(command.reporter, command.output, results, io);
  const isPassed = results.length > 0 && results.every((result) => result.isPassed);
  const totals = results.map(countSteps).reduce((sum, counts) => ({ passed: sum.passed + counts.passed, failed: sum.failed + counts.failed, skipped: sum.skipped + counts.skipped }), { passed: 0, failed: 0, skipped: 0 });
  log.write(`${t('workspace:cli.totals', { passed: totals.passed, failed: totals.failed, skipped: totals.skipped })}\n`);
  return isPassed ? 0 : 1;
}

async function writeReport(reporter: RunReporter, output: string | null, results: readonly ScenarioRunResult[], io: CliIo): Promise<void> {
  const text = reporter === 'junit' ? junitReport(results, { hostname: hostname() }) : reporter === 'tap' ? tapReport(results) : jsonReport(results);
  if (output === null) io.stdout.write(text);
  else await writeFile(output, text, 'utf8');
}
