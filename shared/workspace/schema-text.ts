import { englishText } from '../i18n/english-text.js';
import { message, type Message, type MessageValues } from '../i18n/message.js';

/** What a worded schema issue carries: its English as zod's `message`, its message in `params.i18n`. */
export interface WordedIssue {
  readonly message: string;
  readonly params: { readonly i18n: Message };
}

const patternTexts = new Map<string, Message>();

/**
 * Options for `z.string().regex(pattern, …)` worded by the catalogue entry `key`: zod keeps no
 * params on a pattern's issue, so the issue finds its message again by its pattern (`patternText`),
 * and the schema keeps its `pattern` (the API surface and JSON Schema show it).
 */
export function wordedPattern(pattern: RegExp, key: string): { readonly message: string } {
  const text = message(key);
  patternTexts.set(String(pattern), text);
  return { message: englishText(text) };
}

/** The message a pattern was worded with (`wordedPattern`), if it was. */
export function patternText(pattern: string): Message | undefined {
  return patternTexts.get(pattern);
}

/**
 * A workspace schema's own problem sentence (`workspace:schema.*`) as zod issue options, so a
 * file problem can show it in the reader's language (`fileProblemText`) and keep the English.
 */
export function worded(key: string, values?: MessageValues): WordedIssue {
  const text = message(key, values);
  return { message: englishText(text), params: { i18n: text } };
}
