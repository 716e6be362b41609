import { z } from 'zod';
import { explainedPattern } from '../i18n/schema-issue-text.js';
import { message } from '../i18n/message.js';

/**
 * The id of a connection, environment or scenario: its file name without `.json`, so it is safe
 * on every file system and stable when the display name changes.
 */
const entityIdPattern = /^[a-z0-9][a-z0-9._-]{0,79}$/;
export const entityIdSchema = z.string().regex(entityIdPattern, explainedPattern(entityIdPattern, message('workspace:schema.own.entityId')));

/** An id made from a display name ("Chat — staging" → "chat-staging"), made unique against `taken`. */
export function idFromName(name: string, taken: ReadonlySet<string> = new Set()): string {
  const base = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+|-+$/g, '')
    .slice(0, 72) || 'item';
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix++) {
    const candidate = `${base}-${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
