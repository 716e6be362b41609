/**
 * `{{name}}` templates, as Postman, Insomnia and Bruno write them: a name between double braces
 * (spaces inside the braces allowed), `$` first for the built-in dynamic values. Any other text,
 * braces included, is literal, so JSON payloads need no escaping.
 */

const placeholder = /\{\{\s*(\$?[A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}/g;

/** Every variable named in `text`, in order of first use. */
export function templateVariables(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(placeholder)) if (!names.includes(match[1]!)) names.push(match[1]!);
  return names;
}

/** True when `text` names at least one variable. */
export function hasTemplate(text: string): boolean {
  placeholder.lastIndex = 0;
  return placeholder.test(text);
}

/** What filling a template gave: the text, or the names nothing answered for. */
export type FilledTemplate = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly missing: readonly string[] };

/** Replaces each placeholder with `lookup(name)`; names it cannot answer are collected, in order. */
export function fillTemplate(text: string, lookup: (name: string) => string | undefined): FilledTemplate {
  const missing: string[] = [];
  const filled = text.replace(placeholder, (whole, name: string) => {
    const value = lookup(name);
    if (value !== undefined) return value;
    if (!missing.includes(name)) missing.push(name);
    return whole;
  });
  return missing.length === 0 ? { ok: true, text: filled } : { ok: false, missing };
}
