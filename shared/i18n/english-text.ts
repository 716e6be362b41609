import { createTranslate, type Translate } from './create-i18n.js';
import { sourceLanguage } from './languages.js';
import { renderMessage, type Message } from './message.js';

let english: Translate | undefined;

/**
 * A message as English text: what a capture's `message`/`hint` fields and `--json` keep beside the
 * message itself, so files and scripts read the same whatever the reader's language.
 */
export function englishText(text: Message): string {
  english ??= createTranslate(sourceLanguage);
  return renderMessage(english, text);
}
