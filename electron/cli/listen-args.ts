import { parseListenAddress } from './diagnose-args.js';
import { parseCliArgs } from './parse-cli-args.js';
import { UsageError } from './usage-error.js';

/** What `frameline listen` was asked to do. */
export interface ListenCommand {
  readonly host: string;
  readonly port: number;
  readonly tls: { readonly certFile: string; readonly keyFile: string } | null;
  readonly echo: boolean;
  readonly respondStatus: number | null;
  readonly isJson: boolean;
  readonly captureFile: string | null;
}

const spec = {
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  echo: { type: 'boolean' },
  respond: { type: 'string' },
  json: { type: 'boolean' },
  capture: { type: 'string' },
} as const;

/** Parses `frameline listen [HOST:]PORT [options]`. */
export function parseListenArgs(argv: readonly string[]): ListenCommand {
  const { values, positionals } = parseCliArgs({ args: [...argv], options: spec, allowPositionals: true, strict: true });
  if (positionals.length !== 1) throw (positionals.length === 0 ? new UsageError('cli:error.listenNeedsPort') : new UsageError('cli:error.unexpectedArgument', { argument: positionals[1]! }));
  const address = parseListenAddress(positionals[0]!, 'listen');
  const certFile = values['tls-cert'];
  const keyFile = values['tls-key'];
  if ((certFile === undefined) !== (keyFile === undefined)) throw new UsageError('cli:error.tlsPair');
  return {
    ...address,
    tls: certFile !== undefined && keyFile !== undefined ? { certFile, keyFile } : null,
    echo: values.echo === true,
    respondStatus: values.respond !== undefined ? status(values.respond) : null,
    isJson: values.json === true,
    captureFile: values.capture ?? null,
  };
}

function status(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 100 || value > 599 || value === 101) throw new UsageError('cli:error.respondStatus', { value: text });
  return value;
}
