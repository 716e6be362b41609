import type { HeaderPair, HandshakeRequestJson } from '../contract/records.js';
import { encodeBase64 } from './base64.js';
import { asciiLower, decodeLatin1, isToken } from './header-text.js';
import { encodeUtf8 } from './utf8-text.js';
import { buildDeflateOfferHeader, type DeflateOfferOptions } from './permessage-deflate.js';

/** A user header: a value to send, or null to remove a default header of that name. */
export type UserHeader = readonly [name: string, value: string | null];

/** Everything that shapes the opening handshake (RFC 6455 §4.1). */
export interface HandshakeRequestOptions {
  /** The Host header value, e.g. `api.example.com:8443` (§4.1 item 4). */
  readonly host: string;
  /** Path and query, e.g. `/socket?room=1`; defaults to `/` (§3 resource name). */
  readonly target?: string;
  /** `1.1` by default; `1.0` reproduces a downgrading hop (DESIGN.md field notes). */
  readonly httpVersion?: '1.1' | '1.0';
  /** The key: 16 bytes (the caller's random or fixed nonce, §4.1 item 7) or a string sent verbatim. */
  readonly key: Uint8Array | string;
  /** Sec-WebSocket-Version value; `13` by default (§4.1 item 9). */
  readonly version?: string;
  readonly origin?: string;
  /** Sent as one Sec-WebSocket-Protocol header in order of preference (§4.1 item 10). */
  readonly subprotocols?: readonly string[];
  /** permessage-deflate offer(s), preferred first (RFC 7692 §5.1). */
  readonly deflate?: DeflateOfferOptions | readonly DeflateOfferOptions[];
  /**
   * Headers in the order to send. One whose name matches a default (case-insensitive) takes that
   * default's place, in its own case, all its values; a null value removes the default. Others go
   * after the defaults, duplicates kept.
   */
  readonly headers?: readonly UserHeader[];
}

/** The request as written: the structured view and the exact bytes. */
export interface HandshakeRequest {
  readonly method: 'GET';
  readonly target: string;
  readonly httpVersion: '1.1' | '1.0';
  readonly headers: HeaderPair[];
  readonly bytes: Uint8Array;
  /** The Sec-WebSocket-Key actually sent (the last one if the user sent several), null if removed. */
  readonly key: string | null;
}

/** Why a request could not be built: the bytes would not be the request the user described. */
export type HandshakeRequestError =
  | { readonly error: 'bad-target'; readonly target: string }
  | { readonly error: 'bad-header-name'; readonly name: string }
  | { readonly error: 'bad-header-value'; readonly name: string }
  | { readonly error: 'bad-key-length'; readonly length: number };

/** The request, or what stops it being written. */
export type HandshakeRequestResult = { readonly ok: true; readonly request: HandshakeRequest } | ({ readonly ok: false } & HandshakeRequestError);

/** Builds the client's opening handshake (RFC 6455 §4.1); no randomness here, the caller brings the key. */
export function buildHandshakeRequest(options: HandshakeRequestOptions): HandshakeRequestResult {
  const target = options.target ?? '/';
  if (target.length === 0 || /[\s\0]/.test(target)) return { ok: false, error: 'bad-target', target };
  if (typeof options.key !== 'string' && options.key.length !== 16) return { ok: false, error: 'bad-key-length', length: options.key.length };

  const headers = mergeHeaders(defaultHeaders(options), options.headers ?? []);
  for (const [name, value] of headers) {
    if (!isToken(name)) return { ok: false, error: 'bad-header-name', name };
    // RFC 9110 §5.5: CR, LF and NUL in a value would split or truncate the head.
    if (/[\r\n\0]/.test(value)) return { ok: false, error: 'bad-header-value', name };
  }
  const httpVersion = options.httpVersion ?? '1.1';
  let text = `GET ${target} HTTP/${httpVersion}\r\n`;
  for (const [name, value] of headers) text += `${name}: ${value}\r\n`;
  text += '\r\n';
  const keys = headers.filter(([name]) => asciiLower(name) === 'sec-websocket-key');
  return {
    ok: true,
    request: { method: 'GET', target, httpVersion, headers, bytes: encodeUtf8(text), key: keys.at(-1)?.[1] ?? null },
  };
}

/** The contract shape of a built (or received) request: raw bytes as base64. */
export function toHandshakeRequestJson(request: HandshakeRequest): HandshakeRequestJson {
  return { method: request.method, target: request.target, httpVersion: request.httpVersion, headers: request.headers.map(([n, v]) => [n, v]), raw: encodeBase64(request.bytes) };
}

/** Decodes request bytes for display, one char per byte, as a receiver would see them. */
export function requestText(request: HandshakeRequest): string {
  return decodeLatin1(request.bytes);
}

/** §4.1: the headers a conforming client sends, in the order browsers send them. */
function defaultHeaders(options: HandshakeRequestOptions): HeaderPair[] {
  const key = typeof options.key === 'string' ? options.key : encodeBase64(options.key);
  const headers: HeaderPair[] = [
    ['Host', options.host],
    ['Upgrade', 'websocket'],
    ['Connection', 'Upgrade'],
    ['Sec-WebSocket-Key', key],
    ['Sec-WebSocket-Version', options.version ?? '13'],
  ];
  if (options.origin !== undefined) headers.push(['Origin', options.origin]);
  if (options.subprotocols !== undefined && options.subprotocols.length > 0) headers.push(['Sec-WebSocket-Protocol', options.subprotocols.join(', ')]);
  if (options.deflate !== undefined) headers.push(['Sec-WebSocket-Extensions', buildDeflateOfferHeader(options.deflate)]);
  return headers;
}

function mergeHeaders(defaults: readonly HeaderPair[], user: readonly UserHeader[]): HeaderPair[] {
  const defaultNames = new Set(defaults.map(([name]) => asciiLower(name)));
  const merged: HeaderPair[] = [];
  for (const [name, value] of defaults) {
    const lower = asciiLower(name);
    const overrides = user.filter(([userName]) => asciiLower(userName) === lower);
    if (overrides.length === 0) merged.push([name, value]);
    for (const [userName, userValue] of overrides) if (userValue !== null) merged.push([userName, userValue]);
  }
  for (const [name, value] of user) {
    if (value !== null && !defaultNames.has(asciiLower(name))) merged.push([name, value]);
  }
  return merged;
}
