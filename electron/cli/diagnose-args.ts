import type { SessionOptions } from '../../shared/contract/session-options.js';
import { isProtocolChoice } from '../../shared/app-protocol/protocol-choice.js';
import { livenessLimitSecondsSchema, livenessProtocolSchema, type LivenessProtocolSettings } from '../../shared/contract/api-doctor.js';
import { issueText } from '../../shared/i18n/schema-issue-text.js';
import { connectionOptionSpec, integer, parseHostPort, seconds, sessionOptionsFromArgs } from './connect-args.js';
import { parseCliArgs } from './parse-cli-args.js';
import { UsageError } from './usage-error.js';

/** What `frameline diagnose` was asked to do. */
export interface DiagnoseCommand {
  readonly options: SessionOptions;
  /** How long the idle probe waits for the path to cut a silent connection. */
  readonly idleLimitMs: number;
  readonly isIdleProbeEnabled: boolean;
  readonly largeMessageBytes: number;
  /** Run the liveness probe (`--liveness`), waiting up to `livenessLimitMs`. */
  readonly isLivenessProbeEnabled: boolean;
  readonly livenessLimitMs: number | null;
  /** How the liveness probe opens the application protocol (`--namespace`, `--keep-alive`). */
  readonly livenessProtocol: LivenessProtocolSettings;
  readonly isJson: boolean;
  /** Set for the path test (`--through URL --listen [HOST:]PORT`). */
  readonly listen: { readonly host: string; readonly port: number } | null;
}

const spec = {
  ...connectionOptionSpec,
  'idle-limit': { type: 'string' },
  'no-idle': { type: 'boolean' },
  'large-message': { type: 'string' },
  liveness: { type: 'boolean' },
  'liveness-limit': { type: 'string' },
  protocol: { type: 'string' },
  namespace: { type: 'string' },
  'keep-alive': { type: 'string' },
  json: { type: 'boolean' },
  through: { type: 'string' },
  listen: { type: 'string' },
} as const;

const defaultIdleLimitSeconds = 75;

/** Parses `frameline diagnose URL [options]` and `frameline diagnose --through URL --listen [HOST:]PORT`. */
export function parseDiagnoseArgs(argv: readonly string[]): DiagnoseCommand {
  const { values, positionals } = parseCliArgs({ args: [...argv], options: spec, allowPositionals: true, strict: true });
  if (values.through !== undefined && positionals.length > 0) throw new UsageError('cli:error.urlAfterThrough', { argument: positionals[0]! });
  if (values.through === undefined && values.listen !== undefined) throw new UsageError('cli:error.listenNeedsThrough');
  if (values.through !== undefined && values.listen === undefined) throw new UsageError('cli:error.throughNeedsListen');
  const url = values.through ?? positionals[0];
  if (url === undefined) throw new UsageError('cli:error.needsUrl', { command: 'diagnose' });
  if (positionals.length > 1) throw new UsageError('cli:error.unexpectedArgument', { argument: positionals[1]! });
  const idleLimitMs = values['idle-limit'] !== undefined ? seconds(values['idle-limit'], '--idle-limit') : defaultIdleLimitSeconds * 1000;
  if (idleLimitMs <= 0) throw new UsageError('cli:error.idleLimit');
  // Detected by default: the liveness probe measures a Socket.IO, STOMP or MQTT heartbeat when the URL or subprotocol names one.
  const protocol = values.protocol ?? 'auto';
  if (!isProtocolChoice(protocol)) throw new UsageError('cli:error.protocol', { value: protocol });
  return {
    options: { ...sessionOptionsFromArgs(url, values), protocol },
    idleLimitMs,
    isIdleProbeEnabled: values['no-idle'] !== true,
    largeMessageBytes: values['large-message'] !== undefined ? byteCount(values['large-message']) : 1024 * 1024,
    isLivenessProbeEnabled: values.liveness === true || values['liveness-limit'] !== undefined,
    livenessLimitMs: values['liveness-limit'] !== undefined ? livenessLimitMs(values['liveness-limit']) : null,
    livenessProtocol: livenessProtocol(values.namespace, values['keep-alive']),
    isJson: values.json === true,
    listen: values.listen !== undefined ? parseListenAddress(values.listen, '--listen') : null,
  };
}

/** `--liveness-limit` in ms, checked by the contract's schema as the window's Doctor checks its heartbeat probe's limit; a problem names the option. */
function livenessLimitMs(text: string): number {
  const limitMs = seconds(text, '--liveness-limit');
  const parsed = livenessLimitSecondsSchema.safeParse(limitMs / 1000);
  if (parsed.success) return limitMs;
  throw new UsageError('cli:error.option', { field: '--liveness-limit', detail: issueText(parsed.error.issues[0]!) });
}

/** `--namespace` and `--keep-alive`, checked by the contract's schema as the window's Doctor checks them; a problem names the option. */
function livenessProtocol(namespace: string | undefined, keepAlive: string | undefined): LivenessProtocolSettings {
  const parsed = livenessProtocolSchema.safeParse({
    ...(namespace !== undefined ? { namespace } : {}),
    ...(keepAlive !== undefined ? { keepAliveSeconds: integer(keepAlive, '--keep-alive') } : {}),
  });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new UsageError('cli:error.option', { field: issue.path[0] === 'namespace' ? '--namespace' : '--keep-alive', detail: issueText(issue) });
}

/** `PORT`, `HOST:PORT` or `[IPv6]:PORT`; the host defaults to 127.0.0.1. */
export function parseListenAddress(text: string, option: string): { host: string; port: number } {
  if (/^\d{1,5}$/.test(text)) return { host: '127.0.0.1', port: portNumber(text, option) };
  const parsed = parseHostPort(text, option);
  return { host: parsed.host, port: portNumber(String(parsed.port), option) };
}

function portNumber(text: string, option: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('cli:error.port', { option, value: text });
  return port;
}

function byteCount(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new UsageError('cli:error.largeMessage', { value: text });
  return value;
}
