/**
 * `{{name}}` templates for what each fan-out client sends (URL, headers, the subscribe message,
 * the numbered messages). A name is letters, digits, `_` or `-`; `{{ name }}` with spaces is the same.
 */

const placeholderPattern = /\{\{\s*([A-Za-z_][\w-]*)\s*\}\}/g;

/** One piece of a parsed template: literal text or a placeholder name. */
export type TemplatePart = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'name'; readonly name: string };

/** The template as literal pieces and placeholder names, in order. */
export function templateParts(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let from = 0;
  for (const match of template.matchAll(placeholderPattern)) {
    if (match.index > from) parts.push({ kind: 'text', text: template.slice(from, match.index) });
    parts.push({ kind: 'name', name: match[1]! });
    from = match.index + match[0].length;
  }
  if (from < template.length) parts.push({ kind: 'text', text: template.slice(from) });
  return parts;
}

/** Every placeholder name the template uses, once each. */
export function templateNames(template: string): string[] {
  return [...new Set(templateParts(template).flatMap((part) => (part.kind === 'name' ? [part.name] : [])))];
}

/** The template with every placeholder filled; a name without a value is left as written, so the receiver sees what was missing. */
export function fillTemplate(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(placeholderPattern, (whole, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
}
