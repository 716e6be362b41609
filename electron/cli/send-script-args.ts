import type { SendRequest } from '../../shared/contract/api-send.js';
import { hexToBase64 } from './hex-input.js';
import { UsageError } from './usage-error.js';

/** The options that script what is sent, shared by `connect` (to the server) and `listen` (to each client). */
export const sendScriptSpec = {
  send: { type: 'string', multiple: true },
  'send-binary': { type: 'string', multiple: true },
  ping: { type: 'string', multiple: true },
  close: { type: 'string' },
} as const;

/** One parsed option token, as parseArgs returns it with `tokens: true`. */
interface OptionToken {
  readonly kind: string;
  readonly name?: string;
  readonly value?: string | undefined;
}

/** `--ping` takes an optional text: a bare `--ping` becomes `--ping=` so parseArgs accepts it. */
export function withBarePings(argv: readonly string[]): string[] {
  return argv.map((arg, index) => (arg === '--ping' && (argv[index + 1] === undefined || argv[index + 1]!.startsWith('-')) ? '--ping=' : arg));
}

/** The --send, --send-binary and --ping messages, in the order given. */
export function scriptFromTokens(tokens: readonly OptionToken[]): SendRequest[] {
  const script: SendRequest[] = [];
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const value = token.value ?? '';
    if (token.name === 'send') script.push({ type: 'text', data: value });
    if (token.name === 'send-binary') script.push({ type: 'binary', base64: hexToBase64(value, '--send-binary') });
    if (token.name === 'ping') script.push({ type: 'ping', base64: Buffer.from(value).toString('base64') });
  }
  return script;
}

/** `CODE[:REASON]` for --close. */
export function parseClose(text: string): { code: number; reason?: string } {
  const [codeText, ...rest] = text.split(':');
  const code = Number(codeText);
  if (!Number.isInteger(code) || code < 0) throw new UsageError('cli:error.wholeNumber', { option: '--close', value: codeText ?? '' });
  return rest.length > 0 ? { code, reason: rest.join(':') } : { code };
}
