/**
 * Where a connection's backend shows: a response header, a cookie the load balancer set, a field
 * of a message the server sends, or a regular expression over the handshake response or the
 * messages (its group `backend`, else its first group, else the whole match).
 */
export type BackendRule =
  | { readonly kind: 'header'; readonly name: string }
  | { readonly kind: 'cookie'; readonly name: string }
  | { readonly kind: 'field'; readonly path: string }
  | { readonly kind: 'regex'; readonly over: 'handshake' | 'messages'; readonly source: string };

/** Tried in order when the user names no rule: headers proxies and servers commonly add, and HAProxy's usual cookie. */
export const defaultBackendRules: readonly BackendRule[] = [
  { kind: 'header', name: 'X-Upstream' },
  { kind: 'header', name: 'X-Served-By' },
  { kind: 'header', name: 'X-Backend' },
  { kind: 'header', name: 'X-Backend-Server' },
  { kind: 'cookie', name: 'SERVERID' },
];

/**
 * Parses `header:NAME`, `cookie:NAME`, `field:PATH` (dotted, into the first JSON message that has
 * it), `regex:SOURCE` (over the handshake response) or `message-regex:SOURCE`; throws with a
 * sentence naming what is wrong.
 */
export function parseBackendRule(text: string): BackendRule {
  const colon = text.indexOf(':');
  const kind = colon < 0 ? '' : text.slice(0, colon);
  const value = colon < 0 ? '' : text.slice(colon + 1);
  if (value === '') throw new Error(`expected header:NAME, cookie:NAME, field:PATH, regex:SOURCE or message-regex:SOURCE, got '${text}'`);
  switch (kind) {
    case 'header':
      return { kind: 'header', name: value };
    case 'cookie':
      return { kind: 'cookie', name: value };
    case 'field':
      return { kind: 'field', path: value };
    case 'regex':
    case 'message-regex':
      new RegExp(value);
      return { kind: 'regex', over: kind === 'regex' ? 'handshake' : 'messages', source: value };
    default:
      throw new Error(`unknown backend source '${kind}': use header:, cookie:, field:, regex: or message-regex:`);
  }
}

/** The rule as the user would write it, for reports. */
export function describeBackendRule(rule: BackendRule): string {
  switch (rule.kind) {
    case 'header':
      return `header:${rule.name}`;
    case 'cookie':
      return `cookie:${rule.name}`;
    case 'field':
      return `field:${rule.path}`;
    case 'regex':
      return `${rule.over === 'handshake' ? 'regex' : 'message-regex'}:${rule.source}`;
  }
}
