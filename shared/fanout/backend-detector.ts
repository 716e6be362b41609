import { describeBackendRule, type BackendRule } from './backend-rule.js';

/** A connection's backend and the rule that named it. */
export interface BackendFound {
  readonly backend: string;
  /** The rule as written (`header:X-Served-By`). */
  readonly source: string;
}

/** What a handshake response offers the rules: its headers in order, and its head as text. */
export interface HandshakeView {
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly headText: string;
}

/** The longest backend label kept; anything longer is cut (a label is shown, never trusted). */
export const maxBackendLabelLength = 120;

/**
 * Finds a connection's backend: first from the handshake response (header, cookie, regex rules),
 * then, if none named it, from each message the server sends (field and message-regex rules),
 * rules in the user's order. Pure: the owner feeds it what arrived.
 */
export function backendFromHandshake(rules: readonly BackendRule[], handshake: HandshakeView): BackendFound | null {
  for (const rule of rules) {
    const value = handshakeValue(rule, handshake);
    if (value) return { backend: label(value), source: describeBackendRule(rule) };
  }
  return null;
}

/** The backend a server message names, by the first field or message-regex rule that finds one. */
export function backendFromMessage(rules: readonly BackendRule[], text: string): BackendFound | null {
  let parsed: unknown;
  let isParsed = false;
  for (const rule of rules) {
    if (rule.kind === 'field') {
      if (!isParsed) {
        parsed = parseJson(text);
        isParsed = true;
      }
      const value = fieldValue(parsed, rule.path);
      if (value) return { backend: label(value), source: describeBackendRule(rule) };
    } else if (rule.kind === 'regex' && rule.over === 'messages') {
      const value = regexValue(rule.source, text);
      if (value) return { backend: label(value), source: describeBackendRule(rule) };
    }
  }
  return null;
}

/** True when some rule reads messages, so the owner keeps looking after the handshake. */
export function readsMessages(rules: readonly BackendRule[]): boolean {
  return rules.some((rule) => rule.kind === 'field' || (rule.kind === 'regex' && rule.over === 'messages'));
}

function handshakeValue(rule: BackendRule, handshake: HandshakeView): string | null {
  switch (rule.kind) {
    case 'header': {
      const wanted = rule.name.toLowerCase();
      return handshake.headers.find(([name]) => name.toLowerCase() === wanted)?.[1].trim() || null;
    }
    case 'cookie':
      return cookieValue(handshake.headers, rule.name);
    case 'regex':
      return rule.over === 'handshake' ? regexValue(rule.source, handshake.headText) : null;
    case 'field':
      return null;
  }
}

// Set-Cookie: NAME=value; Path=/ … (RFC 6265 §4.1): the value runs to the first ';'.
function cookieValue(headers: HandshakeView['headers'], name: string): string | null {
  for (const [header, value] of headers) {
    if (header.toLowerCase() !== 'set-cookie') continue;
    const pair = value.split(';', 1)[0]!;
    const equals = pair.indexOf('=');
    if (equals > 0 && pair.slice(0, equals).trim() === name) return pair.slice(equals + 1).trim().replace(/^"(.*)"$/, '$1') || null;
  }
  return null;
}

function regexValue(source: string, text: string): string | null {
  const match = new RegExp(source).exec(text);
  if (!match) return null;
  return match.groups?.['backend'] ?? match[1] ?? match[0];
}

function fieldValue(value: unknown, path: string): string | null {
  let current = value;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null) return null;
    current = (current as Record<string, unknown>)[key];
  }
  return typeof current === 'string' || typeof current === 'number' ? String(current) : null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function label(value: string): string {
  return value.length > maxBackendLabelLength ? value.slice(0, maxBackendLabelLength) : value;
}
