import { invalidCasePattern, parseCasePatterns } from '../../shared/conformance/case-selection.js';
import type { SessionOptions } from '../../shared/contract/session-options.js';
import { connectionOptionSpec, seconds, sessionOptionsFromArgs } from './connect-args.js';
import { parseCliArgs } from './parse-cli-args.js';
import { UsageError } from './usage-error.js';

/** The report formats `--report` takes. */
export type ReportFormat = 'html' | 'json' | 'junit';

/** Which captures are written: every case's, only those not OK, or none. */
export type CaptureChoice = 'all' | 'not-ok' | 'none';

/** What `frameline conformance` was asked to do. */
export interface ConformanceCommand {
  readonly options: SessionOptions;
  /** The proxy or load balancer in front of the server: the battery runs through it too, and the runs are compared. */
  readonly throughUrl: string | null;
  readonly cases: readonly string[];
  readonly exclude: readonly string[];
  readonly reports: readonly ReportFormat[];
  readonly outputDirectory: string;
  readonly captures: CaptureChoice;
  readonly concurrency: number;
  readonly caseTimeoutMs: number;
  readonly runTimeoutMs: number;
}

const spec = {
  ...connectionOptionSpec,
  cases: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  through: { type: 'string' },
  report: { type: 'string', multiple: true },
  output: { type: 'string', short: 'o' },
  captures: { type: 'string' },
  concurrency: { type: 'string' },
  'case-timeout': { type: 'string' },
  timeout: { type: 'string' },
} as const;

const formats: readonly ReportFormat[] = ['html', 'json', 'junit'];
const captureChoices: readonly CaptureChoice[] = ['all', 'not-ok', 'none'];

/** Parses `frameline conformance URL [options]`; a mistake throws UsageError naming the option. */
export function parseConformanceArgs(argv: readonly string[]): ConformanceCommand {
  const { values, positionals } = parseCliArgs({ args: [...argv], options: spec, allowPositionals: true, strict: true });
  const url = positionals[0];
  if (url === undefined) throw new UsageError('cli:error.needsUrl', { command: 'conformance' });
  if (positionals.length > 1) throw new UsageError('cli:error.unexpectedArgument', { argument: positionals[1]! });
  const cases = patterns(values.cases, '--cases');
  const exclude = patterns(values.exclude, '--exclude');
  const reports = (values.report ?? ['html']).flatMap((each) => each.split(',')).map((each) => each.trim());
  const unknownFormat = reports.find((each) => !formats.includes(each as ReportFormat));
  if (unknownFormat !== undefined) throw new UsageError('conformance:cli.error.report', { value: unknownFormat });
  const captures = values.captures ?? 'not-ok';
  if (!captureChoices.includes(captures as CaptureChoice)) throw new UsageError('conformance:cli.error.captures', { value: captures });
  const concurrency = values.concurrency !== undefined ? Number(values.concurrency) : 4;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new UsageError('conformance:cli.error.concurrency', { value: values.concurrency ?? '' });
  const caseTimeoutMs = values['case-timeout'] !== undefined ? seconds(values['case-timeout'], '--case-timeout') : 10_000;
  const runTimeoutMs = values.timeout !== undefined ? seconds(values.timeout, '--timeout') : 30 * 60_000;
  if (caseTimeoutMs <= 0 || runTimeoutMs <= 0) throw new UsageError('conformance:cli.error.timeout');
  const options = sessionOptionsFromArgs(url, values);
  if (values.through !== undefined) sessionOptionsFromArgs(values.through, values);
  return {
    options,
    throughUrl: values.through ?? null,
    cases,
    exclude,
    reports: [...new Set(reports as ReportFormat[])],
    outputDirectory: values.output ?? 'frameline-conformance',
    captures: captures as CaptureChoice,
    concurrency,
    caseTimeoutMs,
    runTimeoutMs,
  };
}

function patterns(values: readonly string[] | undefined, option: string): string[] {
  const list = (values ?? []).flatMap(parseCasePatterns);
  const invalid = invalidCasePattern(list);
  if (invalid !== null) throw new UsageError('conformance:cli.error.pattern', { option, value: invalid });
  return list;
}
