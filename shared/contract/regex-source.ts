import { z } from 'zod';

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
  return z.string().min(1).max(maxLength).refine(isRegExpSource, { message: 'not a valid regular expression' });
}
