import { sessionOptionsSchema, type SessionOptions } from '../contract/session-options.js';
import type { OptionsTemplate } from './connection-file.js';
import type { UnresolvedVariable } from './unresolved-variable.js';
import type { VariableScope } from './variable-scope.js';

/** Session options with every variable filled, or what stopped them being sent. */
export type ResolvedOptions =
  | { readonly ok: true; readonly options: SessionOptions }
  | { readonly ok: false; readonly unresolved: readonly UnresolvedVariable[]; readonly invalid?: string };

/**
 * Fills `{{variables}}` in every string of a connection's options (URL, header names and values,
 * subprotocols, Origin, proxy and TLS fields), then validates the result as session options, so
 * a URL that is only complete once filled in is checked then. Nothing is sent when a variable is
 * missing: the caller shows which.
 */
export function resolveOptions(template: OptionsTemplate, scope: VariableScope): ResolvedOptions {
  const unresolved: UnresolvedVariable[] = [];
  const filled = fillStrings(template, [], scope, (variable, path) => unresolved.push({ variable, field: fieldName(template, path) }));
  if (unresolved.length > 0) return { ok: false, unresolved };
  const parsed = sessionOptionsSchema.safeParse(filled);
  if (parsed.success) return { ok: true, options: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { ok: false, unresolved: [], invalid: `${issue.path.join('.') || 'options'}: ${issue.message}` };
}

type Path = readonly (string | number)[];

function fillStrings(value: unknown, path: Path, scope: VariableScope, onMissing: (variable: string, path: Path) => void): unknown {
  if (typeof value === 'string') {
    const filled = scope.fill(value);
    if (filled.ok) return filled.text;
    for (const variable of filled.missing) onMissing(variable, path);
    return value;
  }
  if (Array.isArray(value)) return value.map((item, index) => fillStrings(item, [...path, index], scope, onMissing));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fillStrings(item, [...path, key], scope, onMissing)]));
  }
  return value;
}

/** `header Authorization` reads better than `headers.2.1`. */
function fieldName(template: OptionsTemplate, path: Path): string {
  if (path[0] === 'headers' && typeof path[1] === 'number') {
    const name = template.headers[path[1]]?.[0] ?? '';
    return path[2] === 0 ? `the name of header #${path[1] + 1}` : `header ${name}`;
  }
  if (typeof path[1] === 'number') return `${String(path[0])}[${path[1]}]`;
  return path.join('.');
}
