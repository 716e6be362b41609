import type { SendRequest } from '../../shared/contract/api-send.js';
import { hexToBase64 } from './hex-input.js';
import { UsageError } from './usage-error.js';

/** What one typed line asks for. */
export type InteractiveAction = { readonly kind: 'send'; readonly request: SendRequest } | { readonly kind: 'quit' } | { readonly kind: 'help' };

/**
 * Parses one interactive line. Anything not starting with `/` is sent exactly as typed; `//` at
 * the start sends a line that begins with a slash. `role` is who sends: a crafted frame without
 * `mask=` is masked as that role's frames must be (§5.1: a client masks, a server does not).
 */
export function parseInteractiveLine(line: string, role: 'client' | 'server' = 'client'): InteractiveAction {
  if (!line.startsWith('/') || line.startsWith('//')) {
    return { kind: 'send', request: { type: 'text', data: line.startsWith('//') ? line.slice(1) : line } };
  }
  const space = line.indexOf(' ');
  const command = space === -1 ? line.slice(1) : line.slice(1, space);
  const rest = space === -1 ? '' : line.slice(space + 1);
  switch (command) {
    case 'ping':
    case 'pong':
      return { kind: 'send', request: { type: command, base64: Buffer.from(rest).toString('base64') } };
    case 'binary':
      return { kind: 'send', request: { type: 'binary', base64: hexToBase64(rest, '/binary') } };
    case 'close': {
      const [codeText, ...reason] = rest.split(' ').filter((part, index) => index > 0 || part !== '');
      if (!codeText) return { kind: 'send', request: { type: 'close' } };
      const code = Number(codeText);
      if (!Number.isInteger(code)) throw new UsageError('cli:error.closeCode', { value: codeText });
      return { kind: 'send', request: { type: 'close', code, ...(reason.length > 0 ? { reason: reason.join(' ') } : {}) } };
    }
    case 'frame':
      return { kind: 'send', request: parseCraftedFrame(rest, role === 'server' ? 'none' : 'random') };
    case 'quit':
    case 'exit':
      return { kind: 'quit' };
    case 'help':
      return { kind: 'help' };
    default:
      throw new UsageError('cli:error.unknownInteractive', { command });
  }
}

/** `/frame opcode=9 fin=0 mask=none text=hi` → a crafted frame; unset bits default to a legal frame. */
function parseCraftedFrame(text: string, defaultMask: 'random' | 'none'): SendRequest {
  const fields = new Map<string, string>();
  for (const part of text.match(/\S+=("[^"]*"|\S*)/g) ?? []) {
    const equals = part.indexOf('=');
    fields.set(part.slice(0, equals), part.slice(equals + 1).replace(/^"|"$/g, ''));
  }
  const opcode = Number(fields.get('opcode') ?? 'x');
  if (!Number.isInteger(opcode) || opcode < 0 || opcode > 15) throw new UsageError('cli:error.frameOpcode');
  const bit = (name: string, fallback: boolean): boolean => (fields.has(name) ? fields.get(name) === '1' || fields.get(name) === 'true' : fallback);
  const maskText = fields.get('mask') ?? defaultMask;
  const mask = maskText === 'random' || maskText === 'none' ? maskText : /^[0-9a-fA-F]{8}$/.test(maskText) ? { key: maskText } : null;
  if (mask === null) throw new UsageError('cli:error.frameMask');
  const payload = fields.has('hex') ? hexToBase64(fields.get('hex')!, '/frame hex=') : Buffer.from(fields.get('text') ?? '').toString('base64');
  const fragment = fields.get('fragment');
  return {
    type: 'frame',
    opcode,
    fin: bit('fin', true),
    rsv1: bit('rsv1', false),
    rsv2: bit('rsv2', false),
    rsv3: bit('rsv3', false),
    mask,
    payload,
    ...(fragment ? { fragmentSize: Number(fragment) } : {}),
  };
}

