import type { RedactionLocation } from '../../../../shared/contract/capture.js';
import type { HeaderPair } from '../../../../shared/contract/records.js';
import { mapFragmentValues, mapPairs, mapQueryValues, mapUserinfo } from '../../../../shared/text/url-parts.js';
import { fillerByte, type RedactionRules } from './redaction-rules.js';

/**
 * The redaction of single values: URLs, header lists, raw HTTP heads and payload bytes. Every
 * replacement keeps the length (in characters for text, in bytes for bytes), so raw handshake
 * bytes, frame lengths and socket chunk sizes still add up after redaction.
 */

/** The same number of `*` as `text` has characters. */
export function filler(text: string): string {
  return '*'.repeat(text.length);
}

/** A URL or request target with secret-looking query and fragment values and any userinfo replaced by filler. */
function redactUrlParts(url: string, rules: RedactionRules): string {
  if (!rules.isEnabled) return url;
  const withoutUserinfo = mapUserinfo(url, (userinfo) => {
    rules.note({ location: 'url-userinfo', name: 'userinfo' });
    for (const part of userinfo.split(':')) noteEncodedValue(part, rules);
    return userinfo.replace(/[^:]/g, '*');
  });
  const withoutQuery = mapQueryValues(withoutUserinfo, (name, value) => redactPair('query-parameter', name, value, rules));
  return mapFragmentValues(withoutQuery, (name, value) => redactPair('url-fragment', name, value, rules));
}

function redactPair(location: 'query-parameter' | 'url-fragment', name: string, value: string, rules: RedactionRules): string {
  if (!rules.isSecretQueryName(name)) return value;
  rules.note({ location, name });
  noteEncodedValue(value, rules);
  return filler(value);
}

/** Notes a URL part as it was written and, when percent-encoding changes it, as a body would hold it. */
function noteEncodedValue(value: string, rules: RedactionRules): void {
  rules.noteValue(value);
  try {
    rules.noteValue(decodeURIComponent(value.replace(/\+/g, ' ')));
  } catch {
    // Not valid percent-encoding: the value as written is all there is.
  }
}

/**
 * Notes the parts of a secret header's value that a body could carry on their own: the whole
 * value, the credentials after an `Authorization` scheme (RFC 9110 §11.4, a bearer token a login
 * response handed out), and each cookie's value (RFC 6265 §4.2.1, the first pair of §4.1.1's
 * `Set-Cookie`).
 */
function noteHeaderValue(name: string, value: string, rules: RedactionRules): void {
  const trimmed = value.trim();
  rules.noteValue(trimmed);
  const lower = name.toLowerCase();
  if (lower === 'authorization' || lower === 'proxy-authorization') rules.noteValue(trimmed.slice(trimmed.indexOf(' ') + 1).trim());
  const pairs = lower === 'cookie' ? trimmed.split(';') : lower === 'set-cookie' ? [trimmed.split(';')[0] ?? ''] : [];
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    if (equals >= 0) rules.noteValue(pair.slice(equals + 1).trim().replace(/^"(.*)"$/, '$1'));
  }
}

// A JSON member whose value is a string: `"name": "value"`, the value as written (escapes kept).
// Credential names match loosely (`token_type` names a token's kind, `Bearer`), and a noted value
// is blanked in every body: so a value from a body is taken only when it looks generated, at least
// 12 characters with a digit among them, as session ids and tokens are.
const jsonStringMember = /"([A-Za-z0-9_.$-]{1,64})"\s*:\s*"((?:[^"\\\r\n]|\\.){1,1024})"/g;

/**
 * Notes the string values a body hands out under a credential's name (`RedactionRules.isSecretQueryName`,
 * the names redacted from query strings): an Engine.IO open packet's `sid` (`0{"sid":"…"}`), a login
 * answer's `access_token`. The client will put such a value in a URL a moment later; noted here, it
 * is blanked in this body already, not only in the exchanges after the URL named it. JSON-like
 * `"name":"value"` members of text are looked at, and the pairs of a form body.
 */
export function noteBodyCredentials(body: Uint8Array, rules: RedactionRules): void {
  if (!rules.isEnabled || body.byteLength === 0) return;
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  if (formBody.test(text)) return noteFormCredentials(text, rules);
  for (const [, name, written] of text.matchAll(jsonStringMember)) {
    if (!rules.isSecretQueryName(name as string) || !looksGenerated(written as string)) continue;
    rules.noteValue(written as string);
    try {
      rules.noteValue(JSON.parse(`"${written as string}"`) as string);
    } catch {
      // A cut-off or invalid escape: the value as written is all there is.
    }
  }
}

// A form body (`application/x-www-form-urlencoded`): `name=value` pairs joined by `&` on one line.
const formBody = /^[A-Za-z0-9_.%+*-]+=[^&\r\n]*(?:&[A-Za-z0-9_.%+*-]+=[^&\r\n]*)*$/;

/**
 * A form's pairs are the query string's, sent as a body (a login form's `password=…`, an OAuth
 * token request's `client_secret=…`): the values under credentials' names are noted as a URL's
 * are, whatever they look like, since a form names its fields exactly.
 */
function noteFormCredentials(text: string, rules: RedactionRules): void {
  mapPairs(text, (name, value) => {
    if (rules.isSecretQueryName(name)) noteEncodedValue(value, rules);
    return value;
  });
}

function looksGenerated(value: string): boolean {
  return value.length >= 12 && /\d/.test(value);
}

/** A URL with the query and userinfo rules applied, then the payload patterns (a workspace secret may sit in a path). */
export function redactUrl(url: string, rules: RedactionRules): string {
  return redactPatterns(redactUrlParts(url, rules), rules);
}

/** A header list with the values of secret headers replaced by filler, names, order and case kept. */
export function redactHeaders(headers: readonly HeaderPair[], location: RedactionLocation, rules: RedactionRules): HeaderPair[] {
  return headers.map(([name, value]) => {
    if (rules.isSecretHeader(name)) {
      rules.note({ location, name });
      noteHeaderValue(name, value, rules);
      return [name, filler(value)];
    }
    return [name, rules.isEnabled && /^(referer|location|origin)$/i.test(name) ? redactUrl(value, rules) : redactPatterns(value, rules)];
  });
}

/** Text with every payload-pattern match replaced by filler of the same length. */
function redactPatterns(text: string, rules: RedactionRules): string {
  let result = text;
  for (const pattern of rules.payloadPatterns) {
    pattern.lastIndex = 0;
    result = result.replace(pattern, (match) => filler(match));
  }
  return result;
}

/**
 * The raw bytes of an HTTP head (and body) with the same values redacted: header values of
 * secret headers, secret query values and userinfo in the request target. Bytes are handled as
 * latin1, one character per byte, so the length and every other byte stay exactly as they were.
 */
export function redactRawHttp(raw: Uint8Array, location: RedactionLocation, rules: RedactionRules): Uint8Array {
  if (!rules.isEnabled) return raw;
  const text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('latin1');
  const headEnd = text.indexOf('\r\n\r\n');
  const head = headEnd < 0 ? text : text.slice(0, headEnd);
  const lines = head.split('\r\n').map((line, index) => {
    if (index === 0) {
      const parts = line.split(' ');
      return location === 'request-header' && parts.length >= 2 ? [parts[0], redactUrl(parts[1] ?? '', rules), ...parts.slice(2)].join(' ') : line;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) return line;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1);
    if (rules.isSecretHeader(name)) {
      rules.note({ location, name });
      noteHeaderValue(name, value, rules);
      return `${line.slice(0, colon + 1)}${value.replace(/^(\s*)(.*?)(\s*)$/s, (_all, before: string, body: string, after: string) => `${before}${filler(body)}${after}`)}`;
    }
    return /^(referer|location|origin)$/i.test(name) ? `${line.slice(0, colon + 1)}${redactUrl(value, rules)}` : line;
  });
  const redacted = lines.join('\r\n') + (headEnd < 0 ? '' : text.slice(headEnd));
  const bytes = Buffer.from(redacted, 'latin1');
  return redactPayload(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), rules).bytes;
}

/**
 * Payload bytes with every match of the payload patterns replaced by filler bytes, same length.
 * Valid UTF-8 is matched as text (byte ranges follow the characters); anything else as latin1.
 */
export function redactPayload(payload: Uint8Array, rules: RedactionRules, location: 'frame-payload' | 'http-body' = 'frame-payload'): { bytes: Uint8Array; isChanged: boolean } {
  const patterns = rules.payloadPatterns;
  if (patterns.length === 0 || payload.byteLength === 0) return { bytes: payload, isChanged: false };
  const buffer = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  const utf8 = decodeStrict(buffer);
  const text = utf8 ?? buffer.toString('latin1');
  const byteAt = (index: number): number => (utf8 === null ? index : Buffer.byteLength(text.slice(0, index), 'utf8'));
  let result: Uint8Array | null = null;
  patterns.forEach((pattern, patternIndex) => {
    pattern.lastIndex = 0;
    for (const match of text.matchAll(pattern)) {
      if (match[0].length === 0) continue;
      result ??= Uint8Array.from(payload);
      result.fill(fillerByte, byteAt(match.index), byteAt(match.index + match[0].length));
      rules.note({ location, name: `payload-pattern-${patternIndex + 1}` });
    }
  });
  return result === null ? { bytes: payload, isChanged: false } : { bytes: result, isChanged: true };
}

/**
 * Body bytes with every value the same rules removed from a URL or head (`RedactionRules.noteValue`)
 * replaced by filler bytes wherever it appears as UTF-8, same length: a credential redacted in one
 * exchange's URL is not left in clear in another's body start, nor the handshake's token in a frame
 * that sends it again. Only bodies and frame payloads are searched this way; content codings (gzip)
 * hide a value from it.
 */
export function redactRemovedValues(body: Uint8Array, rules: RedactionRules, location: 'frame-payload' | 'http-body' = 'http-body'): { bytes: Uint8Array; isChanged: boolean } {
  const values = rules.removedValues();
  if (!rules.isEnabled || body.byteLength === 0 || values.length === 0) return { bytes: body, isChanged: false };
  let result: Buffer | null = null;
  for (const value of values) {
    const needle = Buffer.from(value, 'utf8');
    const haystack = result ?? Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    let at = haystack.indexOf(needle);
    if (at < 0) continue;
    result ??= Buffer.from(body);
    while (at >= 0) {
      result.fill(fillerByte, at, at + needle.byteLength);
      at = result.indexOf(needle, at + needle.byteLength);
    }
    rules.note({ location, name: 'removed-value' });
  }
  return result === null ? { bytes: body, isChanged: false } : { bytes: new Uint8Array(result.buffer, result.byteOffset, result.byteLength), isChanged: true };
}

/** Free text (an event message, a detail field) with URLs in it redacted and payload patterns applied. */
export function redactFreeText(text: string, rules: RedactionRules): string {
  if (!rules.isEnabled) return text;
  return redactPatterns(text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi, (url) => redactUrlParts(url, rules)), rules);
}

const strictDecoder = new TextDecoder('utf-8', { fatal: true });

function decodeStrict(bytes: Uint8Array): string | null {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return null;
  }
}
