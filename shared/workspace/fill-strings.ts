import type { VariableScope } from './variable-scope.js';

/** A JSON value with `{{variables}}` filled in every string it holds, or the names nothing answers for. */
export type FilledStrings<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly missing: readonly string[] };

/**
 * Fills `{{variables}}` in every string of a JSON value (keys are left alone), so a value is put
 * into a string as it is and never breaks the structure around it the way filling the JSON text
 * would (a quote in a value).
 */
export function fillStrings<T>(value: T, scope: VariableScope): FilledStrings<T> {
  const missing: string[] = [];
  const fill = (item: unknown): unknown => {
    if (typeof item === 'string') {
      const filled = scope.fill(item);
      if (filled.ok) return filled.text;
      for (const name of filled.missing) if (!missing.includes(name)) missing.push(name);
      return item;
    }
    if (Array.isArray(item)) return item.map(fill);
    if (typeof item === 'object' && item !== null) return Object.fromEntries(Object.entries(item).map(([key, each]) => [key, fill(each)]));
    return item;
  };
  const filled = fill(value) as T;
  return missing.length > 0 ? { ok: false, missing } : { ok: true, value: filled };
}
