import { englishText } from './english-text.js';
import { isMessage, type Message } from './message.js';

/**
 * An error whose sentence is a message: `message` is its English text (what logs, `--json` and
 * transports that carry only text keep) and `text` the message each edge renders in its reader's
 * language (the web bridge carries it beside the English).
 */
export class MessageError extends Error {
  override readonly name = 'MessageError';
  constructor(readonly text: Message) {
    super(englishText(text));
  }
}

/** The message an error carries (a MessageError, or one rebuilt by a transport), or undefined. */
export function errorText(error: unknown): Message | undefined {
  const text = typeof error === 'object' && error !== null ? (error as { text?: unknown }).text : undefined;
  return isMessage(text) ? text : undefined;
}
