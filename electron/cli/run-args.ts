import { readFileSync } from 'node:fs';
import { fieldIssueText } from '../../shared/i18n/schema-issue-text.js';
import { z } from 'zod';
import { variableNameSchema } from '../../shared/workspace/environment-file.js';
import { parseCliArgs } from './parse-cli-args.js';
import { UsageError } from './usage-error.js';

/** The report formats of `frameline run`. */
export type RunReporter = 'junit' | 'json' | 'tap';

/** What `frameline run` was asked to do. */
export interface RunCommand {
  readonly files: readonly string[];
  readonly environment: string | null;
  readonly reporter: RunReporter | null;
  readonly output: string | null;
  readonly values: Readonly<Record<string, string>>;
  readonly secrets: Readonly<Record<string, string>>;
  /** Where captures go (one folder per run inside it); null with --no-captures. */
  readonly captureRoot: string | null;
  readonly workspace: string | null;
}

const secretsFileSchema = z.record(variableNameSchema, z.string());

/** Parses `frameline run FILE… [--env NAME] [--reporter junit|json|tap] [--output FILE] …`. */
export function parseRunArgs(argv: readonly string[]): RunCommand {
  const { values, positionals } = parseCliArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      env: { type: 'string', short: 'e' },
      reporter: { type: 'string', short: 'r' },
      output: { type: 'string', short: 'o' },
      var: { type: 'string', multiple: true },
      secrets: { type: 'string' },
      captures: { type: 'string' },
      'no-captures': { type: 'boolean' },
      workspace: { type: 'string', short: 'w' },
    },
  });
  if (positionals.length === 0) throw new UsageError('workspace:cli.needsFile');
  const reporter = values.reporter ?? null;
  if (reporter !== null && reporter !== 'junit' && reporter !== 'json' && reporter !== 'tap') throw new UsageError('workspace:cli.reporter', { value: reporter });
  if (values.output !== undefined && reporter === null) throw new UsageError('workspace:cli.outputNeedsReporter');
  return {
    files: positionals,
    environment: values.env ?? null,
    reporter,
    output: values.output ?? null,
    values: Object.fromEntries((values.var ?? []).map(parseVariable)),
    secrets: values.secrets ? readSecrets(values.secrets) : {},
    captureRoot: values['no-captures'] ? null : (values.captures ?? 'frameline-runs'),
    workspace: values.workspace ?? null,
  };
}

function parseVariable(text: string): [string, string] {
  const equals = text.indexOf('=');
  const name = equals > 0 ? text.slice(0, equals) : '';
  if (!variableNameSchema.safeParse(name).success) throw new UsageError('workspace:cli.variable', { value: text });
  return [name, text.slice(equals + 1)];
}

/** `--secrets FILE`: a JSON object of variable names and values, as CI secret stores write them. */
function readSecrets(path: string): Record<string, string> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError('workspace:cli.secretsFile', { file: path, detail: (error as Error).message });
  }
  const parsed = secretsFileSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError('workspace:cli.secretsFile', { file: path, detail: fieldIssueText(parsed.error.issues[0]!.path.join('.'), parsed.error.issues[0]!) });
  return parsed.data;
}
