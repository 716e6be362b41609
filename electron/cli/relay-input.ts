import type { SendRequest } from '../../shared/contract/api-send.js';
import type { RelayLeg } from '../../shared/contract/records.js';
import type { PausedResolution } from '../../shared/relay/relay-command.js';
import { hexToBase64 } from './hex-input.js';
import { UsageError } from './usage-error.js';

/** What one line typed while relaying asks for. */
export type RelayAction =
  | { readonly kind: 'resolve'; readonly pausedId: number; readonly resolution: PausedResolution }
  | { readonly kind: 'inject'; readonly leg: RelayLeg; readonly request: SendRequest }
  | { readonly kind: 'close'; readonly leg: RelayLeg; readonly code?: number; readonly reason?: string }
  | { readonly kind: 'session'; readonly connection: number }
  | { readonly kind: 'paused' }
  | { readonly kind: 'help' };

/**
 * Parses one line: `/forward N`, `/drop N`, `/dup N`, `/edit N TEXT`, `/edit-hex N HEX`,
 * `/inject client|server TEXT`, `/inject-hex client|server HEX`, `/ping client|server [TEXT]`,
 * `/close client|server [CODE] [REASON]`, `/session N`, `/paused`, `/help`.
 */
export function parseRelayLine(line: string): RelayAction {
  const [command = '', ...words] = line.trim().split(' ');
  const rest = (count: number): string => words.slice(count).join(' ');
  switch (command) {
    case '/forward':
    case '/drop':
    case '/dup':
      return { kind: 'resolve', pausedId: pausedId(words[0]), resolution: { kind: command === '/forward' ? 'forward' : command === '/drop' ? 'drop' : 'duplicate' } };
    case '/edit':
      return { kind: 'resolve', pausedId: pausedId(words[0]), resolution: { kind: 'edit', payload: new TextEncoder().encode(rest(1)) } };
    case '/edit-hex':
      return { kind: 'resolve', pausedId: pausedId(words[0]), resolution: { kind: 'edit', payload: Buffer.from(hexToBase64(rest(1), '/edit-hex'), 'base64') } };
    case '/inject':
      return { kind: 'inject', leg: leg(words[0]), request: { type: 'text', data: rest(1) } };
    case '/inject-hex':
      return { kind: 'inject', leg: leg(words[0]), request: { type: 'binary', base64: hexToBase64(rest(1), '/inject-hex') } };
    case '/ping':
      return { kind: 'inject', leg: leg(words[0]), request: { type: 'ping', base64: Buffer.from(rest(1)).toString('base64') } };
    case '/close': {
      const code = words[1] === undefined || words[1] === '' ? undefined : Number(words[1]);
      if (code !== undefined && (!Number.isInteger(code) || code < 0 || code > 65535)) throw new UsageError('cli:error.closeCode', { value: words[1]! });
      return { kind: 'close', leg: leg(words[0]), ...(code !== undefined ? { code } : {}), ...(rest(2) ? { reason: rest(2) } : {}) };
    }
    case '/session':
      return { kind: 'session', connection: pausedId(words[0]) };
    case '/paused':
      return { kind: 'paused' };
    case '/help':
      return { kind: 'help' };
    default:
      throw new UsageError('relay:cli.error.unknownLine', { line: command });
  }
}

function pausedId(text: string | undefined): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new UsageError('relay:cli.error.number', { value: text ?? '' });
  return value;
}

function leg(text: string | undefined): RelayLeg {
  if (text === 'client' || text === 'server') return text;
  throw new UsageError('relay:cli.error.leg', { value: text ?? '' });
}
