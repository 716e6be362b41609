import { exec } from 'jsonpath-rfc9535';

/** An integer too large for a double, kept as written (64-bit ids lose digits in a JavaScript number). */
export class ExactNumber {
  constructor(readonly source: string) {}
}

/** A parsed payload: the exact value for display and the plain value for JSONPath queries. */
export type ParsedJson = { readonly ok: true; readonly exact: unknown; readonly plain: unknown } | { readonly ok: false; readonly message: string };

type SourceReviver = (key: string, value: unknown, context?: { source?: string }) => unknown;

/**
 * Parses JSON twice: plainly (for JSONPath, RFC 9535 compares numbers as numbers) and with the
 * source text of every large integer kept (JSON.parse source text access), so the tree shows the
 * digits that were received.
 */
export function parseForTree(text: string): ParsedJson {
  try {
    const plain: unknown = JSON.parse(text);
    const keepSource: SourceReviver = (_key, value, context) =>
      typeof value === 'number' && !Number.isSafeInteger(value) && context?.source !== undefined && /^-?\d+$/.test(context.source) ? new ExactNumber(context.source) : value;
    const exact: unknown = JSON.parse(text, keepSource as (key: string, value: unknown) => unknown);
    return { ok: true, exact, plain };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** One JSONPath match: its normalized path (RFC 9535 §2.7) and the value at that place in the exact tree. */
export interface JsonPathMatch {
  readonly path: string;
  readonly value: unknown;
}

/** A location as RFC 9535 §2.7 writes it: `$['items'][0]['id']`, names in single quotes with escapes. */
export function normalizedPath(segments: readonly (string | number)[]): string {
  const escape = (name: string): string =>
    // eslint-disable-next-line no-control-regex -- RFC 9535 escapes exactly the control characters
    name.replace(/[\\'\u0000-\u001f]/g, (char) => {
      const named: Record<string, string> = { '\\': '\\\\', "'": "\\'", '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
      return named[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
    });
  return `$${segments.map((segment) => (typeof segment === 'number' ? `[${segment}]` : `['${escape(segment)}']`)).join('')}`;
}

/** A member name as the JSONPath library hands it over (escaped as in a normalized path), back to the name itself. */
function unescapeName(name: string): string {
  const named: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', "'": "'", '\\': '\\', '/': '/' };
  return name.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_match, escape: string) => (escape.length === 5 ? String.fromCharCode(Number.parseInt(escape.slice(1), 16)) : (named[escape] ?? escape)));
}

function valueAt(root: unknown, segments: readonly (string | number)[]): unknown {
  let value = root;
  for (const segment of segments) value = (value as Record<string | number, unknown>)[segment];
  return value;
}

/** Runs an RFC 9535 JSONPath query; a query that does not parse gives its error instead. */
export function queryJsonPath(parsed: Extract<ParsedJson, { ok: true }>, query: string): { ok: true; matches: JsonPathMatch[] } | { ok: false; message: string } {
  try {
    const matches: JsonPathMatch[] = [];
    exec(parsed.plain as never, query, (_value, path) => {
      const segments = path.map((segment) => (typeof segment === 'string' ? unescapeName(segment) : segment));
      matches.push({ path: normalizedPath(segments), value: valueAt(parsed.exact, segments) });
    });
    return { ok: true, matches };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
