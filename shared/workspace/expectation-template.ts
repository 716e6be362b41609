import type { ExpectStep } from './scenario-file.js';
import type { VariableScope } from './variable-scope.js';

/**
 * An expect step with `{{variables}}` filled in its regex, substring and the string values of its
 * JSON expectations, so a step can expect a value captured earlier. Values are inserted as they
 * are (a regex sees them unescaped). Names nothing answers for are returned instead.
 */
export function fillExpectation(step: ExpectStep, scope: VariableScope): { readonly ok: true; readonly step: ExpectStep } | { readonly ok: false; readonly missing: readonly string[] } {
  const missing: string[] = [];
  const fill = (text: string): string => {
    const filled = scope.fill(text);
    if (filled.ok) return filled.text;
    for (const name of filled.missing) if (!missing.includes(name)) missing.push(name);
    return text;
  };
  const fillValue = (value: unknown): unknown => {
    if (typeof value === 'string') return fill(value);
    if (Array.isArray(value)) return value.map(fillValue);
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fillValue(item)]));
    return value;
  };
  const filled: ExpectStep = {
    ...step,
    ...(step.regex !== undefined ? { regex: fill(step.regex) } : {}),
    ...(step.contains !== undefined ? { contains: fill(step.contains) } : {}),
    ...(step.json !== undefined ? { json: Object.fromEntries(Object.entries(step.json).map(([path, value]) => [path, fillValue(value)])) } : {}),
  };
  return missing.length > 0 ? { ok: false, missing } : { ok: true, step: filled };
}
