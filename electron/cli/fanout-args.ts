import { readFileSync } from 'node:fs';
import { issueText } from '../../shared/i18n/schema-issue-text.js';
import { FANOUT_PROTOCOLS, fanoutOptionsSchema, type FanoutOptions, type FanoutOptionsInput, type FanoutProtocol } from '../../shared/contract/fanout.js';
import type { SessionOptions } from '../../shared/contract/session-options.js';
import { parseBackendRule } from '../../shared/fanout/backend-rule.js';
import { hasSeqGroup } from '../../shared/fanout/sequence-matcher.js';
import { connectionOptionSpec, seconds, sessionOptionsFromArgs } from './connect-args.js';
import { parseCliArgs } from './parse-cli-args.js';
import { UsageError } from './usage-error.js';

/** What `frameline fanout` was asked to do. */
export interface FanoutCommand {
  readonly options: SessionOptions;
  readonly fanout: FanoutOptions;
  readonly isJson: boolean;
  /** Write the self-contained HTML report here. */
  readonly htmlFile: string | null;
  /** Write every client's captures into this folder. */
  readonly capturesDirectory: string | null;
  /** Secrets are redacted in the capture files unless --no-redact. */
  readonly isRedacted: boolean;
}

const spec = {
  ...connectionOptionSpec,
  clients: { type: 'string', short: 'n' },
  senders: { type: 'string' },
  messages: { type: 'string' },
  rate: { type: 'string' },
  template: { type: 'string' },
  subscribe: { type: 'string' },
  match: { type: 'string' },
  'backend-from': { type: 'string', multiple: true },
  var: { type: 'string', multiple: true },
  'var-file': { type: 'string', multiple: true },
  settle: { type: 'string' },
  drain: { type: 'string' },
  listen: { type: 'string' },
  concurrency: { type: 'string' },
  kill: { type: 'string' },
  'kill-at': { type: 'string' },
  reconnect: { type: 'boolean' },
  'max-duration': { type: 'string' },
  'capture-budget': { type: 'string' },
  protocol: { type: 'string' },
  channel: { type: 'string' },
  document: { type: 'string' },
  mutation: { type: 'string' },
  'keepalive-timeout': { type: 'string' },
  json: { type: 'boolean' },
  html: { type: 'string' },
  captures: { type: 'string' },
  'no-redact': { type: 'boolean' },
} as const;

/** Parses `frameline fanout URL [options]`; a mistake throws UsageError naming the option. */
export function parseFanoutArgs(argv: readonly string[]): FanoutCommand {
  const { values, positionals } = parseCliArgs({ args: [...argv], options: spec, allowPositionals: true, strict: true });
  if (positionals.length !== 1) throw (positionals.length === 0 ? new UsageError('cli:error.needsUrl', { command: 'fanout' }) : new UsageError('cli:error.unexpectedArgument', { argument: positionals[1]! }));
  const protocol = values.protocol ?? 'raw';
  if (!isFanoutProtocol(protocol)) throw new UsageError('fanout:error.protocol', { value: protocol });
  for (const rule of values['backend-from'] ?? []) {
    try {
      parseBackendRule(rule);
    } catch (error) {
      throw new UsageError('fanout:error.backendFrom', { detail: (error as Error).message });
    }
  }
  if (values.match !== undefined) checkMatch(values.match);
  const input: FanoutOptionsInput = {
    ...(values.clients !== undefined ? { clients: whole(values.clients, '--clients') } : {}),
    // GraphQL clients send only by running --mutation; without it the subscription is the stream (the schema refuses --senders then).
    ...(values.senders !== undefined ? { senders: whole(values.senders, '--senders') } : values.match !== undefined || (protocol === 'graphql-ws' && values.mutation === undefined) ? { senders: 0 } : {}),
    ...(values.messages !== undefined ? { messages: whole(values.messages, '--messages') } : {}),
    ...(values.rate !== undefined ? { ratePerSecond: rate(values.rate) } : {}),
    ...(values.template !== undefined ? { template: values.template } : {}),
    protocol,
    ...(values.channel !== undefined ? { channel: values.channel } : {}),
    ...(values.document !== undefined ? { document: values.document } : {}),
    ...(values.mutation !== undefined ? { mutation: values.mutation } : {}),
    ...(values['keepalive-timeout'] !== undefined ? { keepAliveTimeoutMs: seconds(values['keepalive-timeout'], '--keepalive-timeout') } : {}),
    ...(values.subscribe !== undefined ? { subscribe: values.subscribe } : {}),
    ...(values.match !== undefined ? { match: values.match } : {}),
    backendRules: values['backend-from'] ?? [],
    variables: variables(values.var ?? [], values['var-file'] ?? []),
    ...(values.settle !== undefined ? { settleMs: seconds(values.settle, '--settle') } : {}),
    ...(values.drain !== undefined ? { drainMs: seconds(values.drain, '--drain') } : {}),
    ...(values.listen !== undefined ? { listenMs: seconds(values.listen, '--listen') } : {}),
    ...(values.concurrency !== undefined ? { connectConcurrency: whole(values.concurrency, '--concurrency') } : {}),
    ...(values.kill !== undefined ? { killFraction: fraction(values.kill) } : {}),
    ...(values['kill-at'] !== undefined ? { killAtMs: seconds(values['kill-at'], '--kill-at') } : {}),
    reconnect: values.reconnect === true,
    ...(values['max-duration'] !== undefined ? { maxDurationMs: seconds(values['max-duration'], '--max-duration') } : {}),
    ...(values['capture-budget'] !== undefined ? { captureBudgetBytes: whole(values['capture-budget'], '--capture-budget') } : {}),
  };
  const parsed = fanoutOptionsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError('cli:error.option', { field: issue.path.join('.') || 'options', detail: issueText(issue) });
  }
  return {
    options: sessionOptionsFromArgs(positionals[0]!, values),
    fanout: parsed.data,
    isJson: values.json === true,
    htmlFile: values.html ?? null,
    capturesDirectory: values.captures ?? null,
    isRedacted: values['no-redact'] !== true,
  };
}

/** `--var user=ann,bob` and `--var-file user=users.txt` (one value a line): client i takes value i, cycling. */
function variables(inline: readonly string[], files: readonly string[]): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const text of inline) {
    const [name, list] = nameAndValue(text, '--var');
    result[name] = list.split(',');
  }
  for (const text of files) {
    const [name, file] = nameAndValue(text, '--var-file');
    let content: string;
    try {
      content = readFileSync(file, 'utf8');
    } catch (error) {
      throw new UsageError('fanout:error.varFile', { file, detail: (error as Error).message });
    }
    const lines = content.split(/\r?\n/).filter((line) => line !== '');
    if (lines.length === 0) throw new UsageError('fanout:error.varFileEmpty', { file });
    result[name] = lines;
  }
  return result;
}

function nameAndValue(text: string, option: string): [string, string] {
  const equals = text.indexOf('=');
  const name = text.slice(0, equals);
  if (equals <= 0 || !/^[A-Za-z_][\w-]*$/.test(name)) throw new UsageError('fanout:error.variable', { option, value: text });
  return [name, text.slice(equals + 1)];
}

function checkMatch(source: string): void {
  let pattern: RegExp;
  try {
    pattern = new RegExp(source);
  } catch (error) {
    throw new UsageError('fanout:error.match', { detail: (error as Error).message });
  }
  if (!hasSeqGroup(pattern)) throw new UsageError('fanout:error.matchSeq');
}

function whole(text: string, option: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new UsageError('cli:error.wholeNumber', { option, value: text });
  return value;
}

// `--rate 50` or `--rate 50/s`.
function rate(text: string): number {
  const value = Number(text.replace(/\/s$/, ''));
  if (!Number.isFinite(value) || value <= 0) throw new UsageError('fanout:error.rate', { value: text });
  return value;
}

// `--kill 0.3` or `--kill 30%`.
function fraction(text: string): number {
  const isPercent = text.endsWith('%');
  const value = Number(isPercent ? text.slice(0, -1) : text) / (isPercent ? 100 : 1);
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new UsageError('fanout:error.kill', { value: text });
  return value;
}

function isFanoutProtocol(value: string): value is FanoutProtocol {
  return (FANOUT_PROTOCOLS as readonly string[]).includes(value);
}
