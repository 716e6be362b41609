import { message, type Message } from '../../i18n/message.js';

/** A STOMP version as negotiated: 1.0, 1.1 or 1.2. */
export type StompVersion = '1.0' | '1.1' | '1.2';

/** STOMP headers in wire order; repeated names are kept (the first one counts, STOMP 1.2 "Repeated Header Entries"). */
export type StompHeaders = ReadonlyArray<readonly [string, string]>;

/** STOMP 1.2 "Value Encoding": CONNECT and CONNECTED are never escaped, and 1.0 has no escaping. */
export function isEscaped(version: StompVersion, command: string): boolean {
  return version !== '1.0' && command !== 'CONNECT' && command !== 'CONNECTED';
}

/** The first value of a header, as STOMP 1.2 says receivers must use. */
export function headerValue(headers: StompHeaders, name: string): string | undefined {
  return headers.find(([headerName]) => headerName === name)?.[1];
}

/** Undoes \r (1.2), \n, \c and \\; returns the reason when an undefined escape appears (a fatal error in 1.2). */
export function unescapeHeader(text: string, version: StompVersion): { value: string; problem?: Message } {
  if (!text.includes('\\')) return { value: text };
  let value = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (char !== '\\') {
      value += char;
      continue;
    }
    const next = text[i + 1];
    const replacement = next === 'n' ? '\n' : next === 'c' ? ':' : next === '\\' ? '\\' : next === 'r' && version === '1.2' ? '\r' : undefined;
    if (replacement === undefined) return { value: text, problem: message('protocols:parser.stomp.escape', { escape: `\\${next ?? ''}`, version }) };
    value += replacement;
    i++;
  }
  return { value };
}

/** Escapes a header name or value for the wire (STOMP 1.2 "Value Encoding"; 1.1 has no \r escape). */
export function escapeHeader(text: string, version: StompVersion): string {
  let out = text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/:/g, '\\c');
  if (version === '1.2') out = out.replace(/\r/g, '\\r');
  return out;
}

/** Parses `heart-beat: cx,cy` (STOMP 1.1 "Heart-beating"); undefined when absent or malformed. */
export function parseHeartBeat(value: string | undefined): { readonly canSendMs: number; readonly wantsMs: number } | undefined {
  const match = value === undefined ? null : /^\s*(\d+)\s*,\s*(\d+)\s*$/.exec(value);
  if (match === null) return undefined;
  return { canSendMs: Number(match[1]), wantsMs: Number(match[2]) };
}

/** The STOMP version named by a subprotocol (`v12.stomp`) or a `version` header (`1.2`). */
export function stompVersionOf(text: string | undefined): StompVersion | undefined {
  if (text === undefined) return undefined;
  const normalized = text.trim().toLowerCase();
  if (normalized === 'v10.stomp' || normalized === '1.0') return '1.0';
  if (normalized === 'v11.stomp' || normalized === '1.1') return '1.1';
  if (normalized === 'v12.stomp' || normalized === '1.2') return '1.2';
  return undefined;
}
