import { readFileSync } from 'node:fs';
import { issueText } from '../../shared/i18n/schema-issue-text.js';
import { relayConnectionSchema, type RelayConnectionOptions } from '../../shared/contract/api-relay.js';
import { relayInterceptionSchema, type RelayInterception, type RelayInterceptionInput } from '../../shared/contract/relay-interception.js';
import { isRegExpSource } from '../../shared/contract/regex-source.js';
import type { RelayMode } from '../../shared/relay/relay-core.js';
import { connectionOptionSpec, sessionOptionsFromArgs, type ConnectionOptionValues } from './connect-args.js';
import { parseListenAddress } from './diagnose-args.js';
import { parseCliArgs } from './parse-cli-args.js';
import { UsageError } from './usage-error.js';

/** What `frameline relay` was asked to do. */
export interface RelayCommandLine {
  readonly host: string;
  readonly port: number;
  /** null: an HTTP proxy only, each request names its target. */
  readonly upstreamUrl: string | null;
  readonly mode: RelayMode;
  readonly connection: RelayConnectionOptions;
  readonly interception: RelayInterception;
  readonly tls: { readonly certFile: string; readonly keyFile: string } | null;
  readonly isJson: boolean;
  readonly captureFile: string | null;
  /** `--har FILE`: the passed-through HTTP exchanges as HAR 1.2, written when the relay stops. */
  readonly harFile: string | null;
  /** `--show-ca`: print the local CA and how to trust it, then exit. */
  readonly isCaOnly: boolean;
}

// The connection options that shape the relay's own connection upstream; the client's request decides the rest (subprotocols, Origin, the deflate offer).
const { subprotocol: _subprotocol, origin: _origin, deflate: _deflate, 'auto-ping': _autoPing, 'no-auto-pong': _autoPong, strict: _strict, ...upstreamSpec } = connectionOptionSpec;

const spec = {
  ...upstreamSpec,
  to: { type: 'string' },
  mode: { type: 'string' },
  rules: { type: 'string' },
  break: { type: 'string', multiple: true },
  drop: { type: 'string', multiple: true },
  delay: { type: 'string', multiple: true },
  throttle: { type: 'string', multiple: true },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  json: { type: 'boolean' },
  capture: { type: 'string' },
  har: { type: 'string' },
  'show-ca': { type: 'boolean' },
} as const;

/** Parses `frameline relay [HOST:]PORT [--to URL] [options]`; a mistake throws UsageError naming the option. */
export function parseRelayArgs(argv: readonly string[]): RelayCommandLine {
  const { values, positionals } = parseCliArgs({ args: [...argv], options: spec, allowPositionals: true, strict: true });
  const isCaOnly = values['show-ca'] === true;
  if (positionals.length > 1) throw new UsageError('cli:error.unexpectedArgument', { argument: positionals[1]! });
  if (positionals.length === 0 && !isCaOnly) throw new UsageError('relay:cli.error.needsPort');
  const address = positionals.length === 0 ? { host: '127.0.0.1', port: 0 } : parseListenAddress(positionals[0]!, 'relay');
  const mode = values.mode ?? 'frame-exact';
  if (mode !== 'frame-exact' && mode !== 'message') throw new UsageError('relay:cli.error.mode', { value: mode });
  const certFile = values['tls-cert'];
  const keyFile = values['tls-key'];
  if ((certFile === undefined) !== (keyFile === undefined)) throw new UsageError('cli:error.tlsPair');
  const upstreamUrl = values.to ?? null;
  // The dialer's options come from the same parser as `connect`'s; a URL is needed only to run it.
  const dialed = sessionOptionsFromArgs(upstreamUrl ?? 'ws://relay.invalid/', values as ConnectionOptionValues);
  return {
    ...address,
    upstreamUrl: upstreamUrl === null ? null : dialed.url,
    mode,
    connection: relayConnectionSchema.parse(dialed),
    interception: interceptionFrom(values),
    tls: certFile !== undefined && keyFile !== undefined ? { certFile, keyFile } : null,
    isJson: values.json === true,
    captureFile: values.capture ?? null,
    harFile: values.har ?? null,
    isCaOnly,
  };
}

type RelayValues = ReturnType<typeof parseCliArgs<{ args: string[]; options: typeof spec; allowPositionals: true; strict: true }>>['values'];

/** A rules file (the interception shape the window saves), with breakpoints, drops, delays and throttles from the flags on top. */
function interceptionFrom(values: RelayValues): RelayInterception {
  const base: RelayInterceptionInput = values.rules !== undefined ? readRulesFile(values.rules) : {};
  const breakpoints = (values.break ?? []).map((text, index) => ({ id: `break-${index + 1}`, match: directedPattern(text, '--break') }));
  const drops = (values.drop ?? []).map((text, index) => ({ id: `drop-${index + 1}`, match: directedPattern(text, '--drop'), action: { kind: 'drop' as const } }));
  const shaping = { out: { ...base.shaping?.out }, in: { ...base.shaping?.in } };
  for (const text of values.delay ?? []) shaping[direction(text, '--delay')].delayMs = amount(text, '--delay');
  for (const text of values.throttle ?? []) shaping[direction(text, '--throttle')].bytesPerSecond = amount(text, '--throttle');
  const parsed = relayInterceptionSchema.safeParse({ ...base, breakpoints: [...(base.breakpoints ?? []), ...breakpoints], rules: [...(base.rules ?? []), ...drops], shaping });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError('relay:cli.error.rules', { field: issue.path.join('.') || 'rules', detail: issueText(issue) });
  }
  return parsed.data;
}

function readRulesFile(path: string): RelayInterceptionInput {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError('relay:cli.error.rulesFile', { file: path, detail: (error as Error).message });
  }
  try {
    const parsed = JSON.parse(text) as { interception?: RelayInterceptionInput } & RelayInterceptionInput;
    // The window's settings file holds the interception under `interception`; a plain rules file is the interception itself.
    return parsed.interception ?? parsed;
  } catch (error) {
    throw new UsageError('relay:cli.error.rulesFile', { file: path, detail: (error as Error).message });
  }
}

/** `[in:|out:]REGEX`: a direction (any when left out) and a pattern. */
function directedPattern(text: string, option: string): { direction: 'any' | 'in' | 'out'; pattern: string } {
  const match = /^(in|out|any):(.*)$/s.exec(text);
  const pattern = match ? match[2]! : text;
  if (pattern === '' || !isRegExpSource(pattern)) throw new UsageError('relay:cli.error.pattern', { option, value: text });
  return { direction: (match?.[1] as 'any' | 'in' | 'out' | undefined) ?? 'any', pattern };
}

/** `in:N` or `out:N`. */
function direction(text: string, option: string): 'in' | 'out' {
  const match = /^(in|out):\d+$/.exec(text);
  if (!match) throw new UsageError('relay:cli.error.shaping', { option, value: text });
  return match[1] as 'in' | 'out';
}

function amount(text: string, option: string): number {
  const value = Number(text.slice(text.indexOf(':') + 1));
  if (!Number.isInteger(value) || value < 0) throw new UsageError('relay:cli.error.shaping', { option, value: text });
  return value;
}
