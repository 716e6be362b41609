import type { useT } from './use-t.js';

/** The window's translate function. */
export type Translate = ReturnType<typeof useT>;

/**
 * A user-visible message kept in the store: a string that main already put in words (an engine
 * error), or one of the window's own, translated only when shown so a language switch applies.
 */
export type Text = string | ((t: Translate) => string);

/** The words of a `Text` in the current language. */
export function textOf(text: Text, t: Translate): string {
  return typeof text === 'string' ? text : text(t);
}
