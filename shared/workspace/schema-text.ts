import { englishText } from '../i18n/english-text.js';
import { message, type Message, type MessageValues } from '../i18n/message.js';

/** What a worded schema issue carries: its English as zod's `message`, its message in `params.i18n`. */
export interface WordedIssue {
  readonly message: string;
  readonly params: { readonly i18n: Message };
}

/**
 * A workspace schema's own problem sentence (`workspace:schema.*`) as zod issue options, so a
 * file problem can show it in the reader's language (`fileProblemText`) and keep the English.
 */
export function worded(key: string, values?: MessageValues): WordedIssue {
  const text = message(key, values);
  return { message: englishText(text), params: { i18n: text } };
}
