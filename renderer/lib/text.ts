import { isMessage, renderMessage, type Message } from '../../shared/i18n/message.js';
import type { Translate } from '../../shared/i18n/create-i18n.js';

/** The window's translate function: the one `useT` gives, the same type as the CLI's. */
export type { Translate };

/**
 * A user-visible message kept in the store: a string that main already put in words (an engine
 * error), a catalogue message main or a slice made (shared/i18n/message.ts), or one of the
 * window's own; the last two are translated only when shown, so a language switch applies.
 */
export type Text = string | Message | ((t: Translate) => string);

/** The words of a `Text` in the current language. */
export function textOf(text: Text, t: Translate): string {
  if (typeof text === 'string') return text;
  if (isMessage(text)) return renderMessage(t, text);
  return text(t);
}
