import { isProtocolChoice } from '../../shared/app-protocol/protocol-choice.js';
import { issueText } from '../../shared/i18n/schema-issue-text.js';
import type { SendRequest } from '../../shared/contract/api-send.js';
import { sessionOptionsSchema, type SessionOptions, type SessionOptionsInput } from '../../shared/contract/session-options.js';
import type { CaptureBudgetOptions } from '../engine/capture/capture-budgets.js';
import { parseProxyUrl } from './proxy-url.js';
import { parseCliArgs } from './parse-cli-args.js';
import { protocolOptionSpec, protocolStepOf } from './protocol-script.js';
import type { ProtocolSettings, ProtocolStep } from './protocol-script.js';
import { parseClose, scriptFromTokens, sendScriptSpec, withBarePings } from './send-script-args.js';
import { UsageError } from './usage-error.js';

/** What `frameline connect` was asked to do. */
export interface ConnectCommand {
  readonly options: SessionOptions;
  /** Sends in the order given on the command line: raw messages and frames, and protocol messages. */
  readonly script: ScriptStep[];
  /** Settings of the protocol steps (--namespace, --client-id, --keep-alive). */
  readonly protocolSettings: ProtocolSettings;
  /** How long to stay open after the script, in ms; null means "until stdin ends or the peer closes". */
  readonly waitMs: number | null;
  readonly close: { code: number; reason?: string };
  readonly isJson: boolean;
  readonly captureFile: string | null;
  /** Secrets are redacted in the capture file unless --no-redact. */
  readonly isRedacted: boolean;
  /** The capture's budgets, where given (capture-log.ts has the defaults). */
  readonly budgets: CaptureBudgetOptions;
}

/** One thing the script sends: a raw message or frame, or a protocol message. */
export type ScriptStep = SendRequest | ProtocolStep;

/** The connection options `connect` and `diagnose` share (parseArgs spec). */
export const connectionOptionSpec = {
  header: { type: 'string', short: 'H', multiple: true },
  subprotocol: { type: 'string', multiple: true },
  origin: { type: 'string' },
  deflate: { type: 'boolean' },
  'http1.0': { type: 'boolean' },
  proxy: { type: 'string' },
  'proxy-from-env': { type: 'boolean' },
  'connect-to': { type: 'string' },
  'connect-timeout': { type: 'string' },
  ipv4: { type: 'boolean', short: '4' },
  ipv6: { type: 'boolean', short: '6' },
  insecure: { type: 'boolean', short: 'k' },
  ca: { type: 'string' },
  cert: { type: 'string' },
  key: { type: 'string' },
  sni: { type: 'string' },
  'auto-ping': { type: 'string' },
  'no-auto-pong': { type: 'boolean' },
  strict: { type: 'boolean' },
  'max-retained': { type: 'string' },
  'max-inflated-per-second': { type: 'string' },
  'handshake-timeout': { type: 'string' },
} as const;

/** Parsed values of the shared connection options. */
export type ConnectionOptionValues = {
  readonly [K in keyof typeof connectionOptionSpec]?: (typeof connectionOptionSpec)[K] extends { type: 'boolean' }
    ? boolean
    : (typeof connectionOptionSpec)[K] extends { multiple: true }
      ? string[]
      : string;
};

const spec = {
  ...connectionOptionSpec,
  ...sendScriptSpec,
  wait: { type: 'string' },
  json: { type: 'boolean' },
  capture: { type: 'string' },
  'no-redact': { type: 'boolean' },
  ...protocolOptionSpec,
  'memory-budget': { type: 'string' },
  'max-records': { type: 'string' },
} as const;

const connectParseConfig = { options: spec, allowPositionals: true, strict: true, tokens: true } as const;

/** Parses `frameline connect URL [options]`; a mistake throws UsageError naming the option. */
export function parseConnectArgs(argv: readonly string[]): ConnectCommand {
  const { values, positionals, tokens } = parseCliArgs({ args: withBarePings(argv), ...connectParseConfig });
  if (positionals.length !== 1) throw (positionals.length === 0 ? new UsageError('cli:error.needsUrl', { command: 'connect' }) : new UsageError('cli:error.unexpectedArgument', { argument: positionals[1]! }));
  const protocolSettings: ProtocolSettings = {
    ...(values.namespace !== undefined ? { namespace: values.namespace } : {}),
    ...(values['client-id'] !== undefined ? { clientId: values['client-id'] } : {}),
    ...(values['keep-alive'] !== undefined ? { keepAliveSeconds: integer(values['keep-alive'], '--keep-alive') } : {}),
  };
  const protocol = values.protocol ?? 'none';
  if (!isProtocolChoice(protocol)) throw new UsageError('cli:error.protocol', { value: protocol });
  return {
    options: { ...sessionOptionsFromArgs(positionals[0]!, values), protocol, protocolDuties: values['no-protocol-duties'] !== true },
    script: connectScriptFromTokens(tokens, protocolSettings),
    protocolSettings,
    waitMs: values.wait !== undefined ? seconds(values.wait, '--wait') : null,
    close: values.close ? parseClose(values.close) : { code: 1000 },
    isJson: values.json === true,
    captureFile: values.capture ?? null,
    isRedacted: values['no-redact'] !== true,
    budgets: {
      ...(values['memory-budget'] !== undefined ? { payloadMemoryBudgetBytes: integer(values['memory-budget'], '--memory-budget') } : {}),
      ...(values['max-records'] !== undefined ? { maxRecords: integer(values['max-records'], '--max-records') } : {}),
    },
  };
}

/** Session options from the shared connection options; a mistake throws UsageError naming the field. */
export function sessionOptionsFromArgs(url: string, values: ConnectionOptionValues): SessionOptions {
  const input: SessionOptionsInput = {
    url,
    headers: (values.header ?? []).map(parseHeader),
    subprotocols: values.subprotocol ?? [],
    ...(values.origin ? { origin: values.origin } : {}),
    deflate: { enabled: values.deflate === true },
    httpVersion: values['http1.0'] ? '1.0' : '1.1',
    proxy: values.proxy ? parseProxyUrl(values.proxy) : values['proxy-from-env'] ? { kind: 'environment' } : { kind: 'none' },
    ...(values['connect-to'] ? { connectTo: parseHostPort(values['connect-to'], '--connect-to') } : {}),
    ...(values['connect-timeout'] ? { connectTimeoutMs: seconds(values['connect-timeout'], '--connect-timeout') } : {}),
    ...(values.ipv4 ? { family: 4 as const } : values.ipv6 ? { family: 6 as const } : {}),
    tls: {
      insecure: values.insecure === true,
      ...(values.ca ? { caFile: values.ca } : {}),
      ...(values.cert ? { certFile: values.cert } : {}),
      ...(values.key ? { keyFile: values.key } : {}),
      ...(values.sni ? { serverName: values.sni } : {}),
    },
    heartbeat: {
      autoPingIntervalMs: values['auto-ping'] ? seconds(values['auto-ping'], '--auto-ping') : 0,
      autoPong: values['no-auto-pong'] !== true,
    },
    limits: {
      ...(values['max-retained'] ? { payloadRetentionBytes: integer(values['max-retained'], '--max-retained') } : {}),
      ...(values['max-inflated-per-second'] ? { maxInflatedBytesPerSecond: integer(values['max-inflated-per-second'], '--max-inflated-per-second') } : {}),
      ...(values['handshake-timeout'] ? { handshakeTimeoutMs: seconds(values['handshake-timeout'], '--handshake-timeout') } : {}),
    },
    mode: values.strict ? 'strict' : 'observe',
    // The CLI reads raw frames unless `connect --protocol` asks for an application protocol.
    protocol: 'none',
  };
  const parsed = sessionOptionsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError('cli:error.option', { field: issue.path.join('.') || 'options', detail: issueText(issue) });
  }
  return parsed.data;
}

type ConnectParseConfig = typeof connectParseConfig & { args: string[] };
type Token = ReturnType<typeof parseCliArgs<ConnectParseConfig>>['tokens'][number];

/** The raw messages (as `listen` reads them) and the protocol messages, in command-line order. */
function connectScriptFromTokens(tokens: readonly Token[], settings: ProtocolSettings): ScriptStep[] {
  const script: ScriptStep[] = [];
  let lastProtocolStep: ProtocolStep | undefined;
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    script.push(...scriptFromTokens([token]));
    const step = protocolStepOf(token.name, token.value ?? '', settings, lastProtocolStep);
    // A modifier (--body, --qos…) returns the step it changed, which is already in the script.
    if (step !== null && step !== lastProtocolStep) script.push(step);
    if (step !== null) lastProtocolStep = step;
  }
  return script;
}

/** `Name: value` → a header pair; the value keeps its inner spaces. */
function parseHeader(line: string): [string, string] {
  const colon = line.indexOf(':');
  if (colon <= 0) throw new UsageError('cli:error.header', { value: line });
  return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
}

/** `HOST:PORT`, with IPv6 in brackets. */
export function parseHostPort(text: string, option: string): { host: string; port: number } {
  const match = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(text);
  if (!match) throw new UsageError('cli:error.hostPort', { option, value: text });
  return { host: match[1]!.replace(/^\[|\]$/g, ''), port: integer(match[2]!, option) };
}

/** A non-negative number of seconds, as milliseconds. */
export function seconds(text: string, option: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new UsageError('cli:error.seconds', { option, value: text });
  return Math.round(value * 1000);
}

/** A whole number of at least 0, or a usage error naming the option. */
export function integer(text: string, option: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new UsageError('cli:error.wholeNumber', { option, value: text });
  return value;
}
