import type { ExpectStep } from './scenario-file.js';
import { fillStrings } from './fill-strings.js';
import type { VariableScope } from './variable-scope.js';

/**
 * An expect step with `{{variables}}` filled in its regex, substring, protocol expectation and the string values
 * of its JSON expectations, so a step can expect a value captured earlier. Values are inserted as they
 * are (a regex sees them unescaped). Names nothing answers for are returned instead.
 */
export function fillExpectation(step: ExpectStep, scope: VariableScope): { readonly ok: true; readonly step: ExpectStep } | { readonly ok: false; readonly missing: readonly string[] } {
  const missing: string[] = [];
  const fill = <T>(value: T): T => {
    const filled = fillStrings(value, scope);
    if (filled.ok) return filled.value;
    for (const name of filled.missing) if (!missing.includes(name)) missing.push(name);
    return value;
  };
  const filled: ExpectStep = {
    ...step,
    ...(step.regex !== undefined ? { regex: fill(step.regex) } : {}),
    ...(step.contains !== undefined ? { contains: fill(step.contains) } : {}),
    ...(step.protocol !== undefined ? { protocol: fill(step.protocol) } : {}),
    ...(step.json !== undefined ? { json: Object.fromEntries(Object.entries(step.json).map(([path, value]) => [path, fill(value)])) } : {}),
  };
  return missing.length > 0 ? { ok: false, missing } : { ok: true, step: filled };
}
