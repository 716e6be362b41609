import type { ProtocolFacts } from '../app-protocol.js';
import type { EncodedMessage } from '../wire-message.js';
import { encodeUtf8 } from '../../protocol/utf8-text.js';
import { escapeHeader, isEscaped, stompVersionOf } from './stomp-headers.js';
import type { StompHeaders } from './stomp-headers.js';

/**
 * A STOMP frame for the composer. Defaults make a correct frame for the session's version;
 * each one can be turned off to write a broken frame on purpose (no NUL, no escaping, a wrong
 * content-length).
 */
export type StompInput =
  | {
      readonly kind: 'frame';
      readonly command: string;
      readonly headers?: StompHeaders;
      readonly body?: string | Uint8Array;
      /** 'auto' (default) adds content-length for a non-empty body unless a header gives one; a number writes that value. */
      readonly contentLength?: 'auto' | 'omit' | number;
      /** Escape header names and values (default: as the version and command require). */
      readonly escapeHeaders?: boolean;
      /** End with NUL (default true). */
      readonly terminate?: boolean;
      /** Send as a binary WebSocket message (default: text). */
      readonly asBinary?: boolean;
    }
  | { readonly kind: 'heart-beat'; readonly eol?: '\n' | '\r\n' };

/** Encodes one frame (or a heart-beat EOL) as one WebSocket message. */
export function encodeStomp(input: StompInput, facts: ProtocolFacts): EncodedMessage[] {
  if (input.kind === 'heart-beat') return [{ isText: true, bytes: encodeUtf8(input.eol ?? '\n') }];
  const version = stompVersionOf(String(facts['version'] ?? '1.2')) ?? '1.2';
  const body = typeof input.body === 'string' ? encodeUtf8(input.body) : input.body ?? new Uint8Array(0);
  const escape = input.escapeHeaders ?? isEscaped(version, input.command);
  const headers = [...(input.headers ?? [])];
  const contentLength = input.contentLength ?? 'auto';
  if (typeof contentLength === 'number') headers.push(['content-length', String(contentLength)]);
  else if (contentLength === 'auto' && body.length > 0 && !headers.some(([name]) => name === 'content-length')) {
    headers.push(['content-length', String(body.length)]);
  }
  const lines = headers.map(([name, value]) => (escape ? `${escapeHeader(name, version)}:${escapeHeader(value, version)}` : `${name}:${value}`));
  const head = encodeUtf8(`${input.command}\n${lines.map((line) => `${line}\n`).join('')}\n`);
  const terminator = input.terminate === false ? 0 : 1;
  const bytes = new Uint8Array(head.length + body.length + terminator);
  bytes.set(head);
  bytes.set(body, head.length);
  return [{ isText: input.asBinary !== true, bytes }];
}
