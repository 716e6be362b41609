import { z } from 'zod';
import { message } from '../i18n/message.js';
import { explained } from '../i18n/schema-issue-text.js';

/** True when `source` compiles as a JavaScript regular expression. */
export function isRegExpSource(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

/** A JavaScript regular expression source of at most `maxLength` characters; one that does not compile is refused here. */
export function regexSourceSchema(maxLength: number) {
  return z.string().min(1).max(maxLength).refine(isRegExpSource, explained(message('errors:option.regex')));
}
