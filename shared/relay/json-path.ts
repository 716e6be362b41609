import { message, type Message } from '../i18n/message.js';

/** One step of a JSON path: an object key or an array index. */
export type JsonPathStep = { readonly key: string } | { readonly index: number };

/** The steps of a path, or why it cannot be read. */
export type JsonPathResult = { readonly ok: true; readonly steps: JsonPathStep[] } | { readonly ok: false; readonly reason: Message };

/**
 * Reads a JSON path in the small subset rules need: `$.a.b[0]`, `$['a key'][2]`, or the plain
 * `a.b.0` (a purely numeric step is an index). The root alone (`$`) is not a place to set.
 */
export function parseJsonPath(path: string): JsonPathResult {
  const text = path.trim();
  if (!text.startsWith('$')) return parseDotted(text);
  const steps: JsonPathStep[] = [];
  let at = 1;
  while (at < text.length) {
    const char = text[at];
    if (char === '.') {
      const match = /^[^.[\]]+/.exec(text.slice(at + 1));
      if (!match) return { ok: false, reason: message('relay:jsonPath.expectedName', { position: at }) };
      steps.push({ key: match[0] });
      at += 1 + match[0].length;
    } else if (char === '[') {
      const match = /^\[(?:(\d+)|'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\]/.exec(text.slice(at));
      if (!match) return { ok: false, reason: message('relay:jsonPath.expectedBracket', { position: at }) };
      const quoted = match[2] ?? match[3];
      steps.push(quoted !== undefined ? { key: quoted.replace(/\\(.)/g, '$1') } : { index: Number(match[1]) });
      at += match[0].length;
    } else {
      return { ok: false, reason: message('relay:jsonPath.unexpected', { character: char ?? '', position: at }) };
    }
  }
  if (steps.length === 0) return { ok: false, reason: message('relay:jsonPath.wholeMessage') };
  return { ok: true, steps };
}

function parseDotted(text: string): JsonPathResult {
  const parts = text.split('.');
  if (parts.some((part) => part.length === 0)) return { ok: false, reason: message('relay:jsonPath.emptyStep') };
  return { ok: true, steps: parts.map((part) => (/^\d+$/.test(part) ? { index: Number(part) } : { key: part })) };
}

/** The new JSON text, or why the value could not be set. */
export type JsonSetResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: Message };

/**
 * Sets `value` at `path` in the JSON `text` and serialises the result (key order kept, whitespace
 * not). Missing objects on the way are created; an index may name an element or the end of an array.
 */
export function setJsonPath(text: string, path: string, value: unknown): JsonSetResult {
  const parsed = parseJsonPath(path);
  if (!parsed.ok) return parsed;
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return { ok: false, reason: message('relay:jsonPath.notJson') };
  }
  let parent: unknown = document;
  const steps = parsed.steps;
  for (let i = 0; i < steps.length - 1; i++) {
    const next = child(parent, steps[i]!, steps[i + 1]!);
    if (!next.ok) return next;
    parent = next.value;
  }
  const placed = place(parent, steps.at(-1)!, value);
  if (!placed.ok) return placed;
  return { ok: true, text: JSON.stringify(document) };
}

type Found = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: Message };

function child(parent: unknown, step: JsonPathStep, nextStep: JsonPathStep): Found {
  if ('key' in step) {
    if (!isObject(parent)) return { ok: false, reason: message('relay:jsonPath.notObject', { key: step.key }) };
    if (parent[step.key] === undefined || parent[step.key] === null) parent[step.key] = 'key' in nextStep ? {} : [];
    return { ok: true, value: parent[step.key] };
  }
  if (!Array.isArray(parent)) return { ok: false, reason: message('relay:jsonPath.notArray', { index: step.index }) };
  if (step.index >= parent.length) return { ok: false, reason: message('relay:jsonPath.pastEnd', { index: step.index, length: parent.length }) };
  return { ok: true, value: parent[step.index] };
}

function place(parent: unknown, step: JsonPathStep, value: unknown): { ok: true } | { ok: false; reason: Message } {
  if ('key' in step) {
    if (!isObject(parent)) return { ok: false, reason: message('relay:jsonPath.notObject', { key: step.key }) };
    parent[step.key] = value;
    return { ok: true };
  }
  if (!Array.isArray(parent)) return { ok: false, reason: message('relay:jsonPath.notArray', { index: step.index }) };
  if (step.index > parent.length) return { ok: false, reason: message('relay:jsonPath.pastEnd', { index: step.index, length: parent.length }) };
  parent[step.index] = value;
  return { ok: true };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
