import { englishText } from '../i18n/english-text.js';
import { message, type Message } from '../i18n/message.js';

/**
 * A small JSONPath subset for expectations and captures: `$`, `.name`, `['name']` or `["name"]`,
 * `[index]` (negative counts from the end) and `[*]` / `.*` (every element or member). It is
 * what Postman tests and Bruno assertions use most; filters and recursive descent are not supported
 * and are refused when the file is loaded, not guessed at.
 */

/** One step of a parsed path. */
export type JsonPathStep = { readonly kind: 'member'; readonly name: string } | { readonly kind: 'index'; readonly index: number } | { readonly kind: 'wildcard' };

/** A parsed path, or why the text is not one (English in `message`, the message in `text`). */
export type ParsedJsonPath = { readonly ok: true; readonly steps: readonly JsonPathStep[] } | { readonly ok: false; readonly message: string; readonly text: Message };

/** Parses `$.a.b[0]['c d']`. */
export function parseJsonPath(text: string): ParsedJsonPath {
  if (!text.startsWith('$')) return notPath(message('workspace:schema.jsonPath.noDollar', { path: text }));
  const steps: JsonPathStep[] = [];
  let rest = text.slice(1);
  while (rest.length > 0) {
    const dotted = /^\.([A-Za-z_$][A-Za-z0-9_$-]*|\*)/.exec(rest);
    const quoted = /^\[\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\s*\]/.exec(rest);
    const indexed = /^\[\s*(-?\d+|\*)\s*\]/.exec(rest);
    if (dotted) {
      steps.push(dotted[1] === '*' ? { kind: 'wildcard' } : { kind: 'member', name: dotted[1]! });
      rest = rest.slice(dotted[0].length);
    } else if (quoted) {
      steps.push({ kind: 'member', name: (quoted[1] ?? quoted[2] ?? '').replace(/\\(.)/g, '$1') });
      rest = rest.slice(quoted[0].length);
    } else if (indexed) {
      steps.push(indexed[1] === '*' ? { kind: 'wildcard' } : { kind: 'index', index: Number(indexed[1]) });
      rest = rest.slice(indexed[0].length);
    } else {
      return notPath(message('workspace:schema.jsonPath.unreadable', { path: text, rest }));
    }
  }
  return { ok: true, steps };
}

function notPath(text: Message): ParsedJsonPath {
  return { ok: false, message: englishText(text), text };
}

/** The values `steps` select in `root`; empty when the path leads nowhere. */
export function selectJsonPath(root: unknown, steps: readonly JsonPathStep[]): unknown[] {
  let current: unknown[] = [root];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const value of current) {
      if (step.kind === 'wildcard') {
        if (Array.isArray(value)) next.push(...value);
        else if (isObject(value)) next.push(...Object.values(value));
      } else if (step.kind === 'index') {
        if (!Array.isArray(value)) continue;
        const index = step.index < 0 ? value.length + step.index : step.index;
        if (index >= 0 && index < value.length) next.push(value[index]);
      } else if (isObject(value) && Object.hasOwn(value, step.name)) {
        next.push(value[step.name]);
      }
    }
    current = next;
  }
  return current;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
