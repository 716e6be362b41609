import type { SendRequest } from '../../shared/contract/api-send.js';
import { subprotocolSchema } from '../../shared/contract/api-listen.js';
import { isProtocolChoice, type ProtocolChoice } from '../../shared/app-protocol/protocol-choice.js';
import { seconds } from './connect-args.js';
import { parseListenAddress } from './diagnose-args.js';
import { parseCliArgs } from './parse-cli-args.js';
import { parseClose, scriptFromTokens, sendScriptSpec, withBarePings } from './send-script-args.js';
import { UsageError } from './usage-error.js';

/** What `frameline listen` was asked to do. */
export interface ListenCommand {
  readonly host: string;
  readonly port: number;
  readonly tls: { readonly certFile: string; readonly keyFile: string } | null;
  readonly echo: boolean;
  /** `--ping-interval` and `--pong-timeout`, in ms (0: off). */
  readonly pingIntervalMs: number;
  readonly pongTimeoutMs: number;
  readonly respondStatus: number | null;
  readonly isJson: boolean;
  readonly captureFile: string | null;
  /** Subprotocols a 101 may select, preferred first. */
  readonly subprotocols: readonly string[];
  readonly isDeflateAccepted: boolean;
  /** Sent to each client as soon as its connection is open, in order. */
  readonly script: readonly SendRequest[];
  /** After the script, close each connection with this code and reason. */
  readonly close: { readonly code: number; readonly reason?: string } | null;
  /** Read stdin and send each line to the most recent open connection. */
  readonly isInteractive: boolean;
  /** `--protocol`: how each connection's messages are read (default none: frames only). */
  readonly protocol: ProtocolChoice;
}

const spec = {
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  echo: { type: 'boolean' },
  'ping-interval': { type: 'string' },
  'pong-timeout': { type: 'string' },
  respond: { type: 'string' },
  json: { type: 'boolean' },
  capture: { type: 'string' },
  subprotocol: { type: 'string', multiple: true },
  deflate: { type: 'boolean' },
  interactive: { type: 'boolean', short: 'i' },
  ...sendScriptSpec,
  protocol: { type: 'string' },
} as const;

/** Parses `frameline listen [HOST:]PORT [options]`. */
export function parseListenArgs(argv: readonly string[]): ListenCommand {
  const { values, positionals, tokens } = parseCliArgs({ args: withBarePings(argv), options: spec, allowPositionals: true, strict: true, tokens: true });
  if (positionals.length !== 1) throw (positionals.length === 0 ? new UsageError('cli:error.listenNeedsPort') : new UsageError('cli:error.unexpectedArgument', { argument: positionals[1]! }));
  const address = parseListenAddress(positionals[0]!, 'listen');
  const certFile = values['tls-cert'];
  const keyFile = values['tls-key'];
  if ((certFile === undefined) !== (keyFile === undefined)) throw new UsageError('cli:error.tlsPair');
  if (values['pong-timeout'] !== undefined && values['ping-interval'] === undefined) throw new UsageError('cli:error.pongTimeoutNeedsPing');
  const protocol = values.protocol ?? 'none';
  if (!isProtocolChoice(protocol)) throw new UsageError('cli:error.protocol', { value: protocol });
  return {
    ...address,
    tls: certFile !== undefined && keyFile !== undefined ? { certFile, keyFile } : null,
    echo: values.echo === true,
    pingIntervalMs: values['ping-interval'] !== undefined ? seconds(values['ping-interval'], '--ping-interval') : 0,
    pongTimeoutMs: values['pong-timeout'] !== undefined ? seconds(values['pong-timeout'], '--pong-timeout') : 0,
    respondStatus: values.respond !== undefined ? status(values.respond) : null,
    isJson: values.json === true,
    captureFile: values.capture ?? null,
    subprotocols: (values.subprotocol ?? []).map(subprotocol),
    isDeflateAccepted: values.deflate === true,
    script: scriptFromTokens(tokens),
    close: values.close !== undefined ? parseClose(values.close) : null,
    isInteractive: values.interactive === true,
    protocol,
  };
}

function subprotocol(text: string): string {
  if (!subprotocolSchema.safeParse(text).success) throw new UsageError('cli:error.subprotocol', { value: text });
  return text;
}

function status(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 100 || value > 599 || value === 101) throw new UsageError('cli:error.respondStatus', { value: text });
  return value;
}
