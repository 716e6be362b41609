import type { EventRecordJson, EventText } from '../contract/records.js';
import { englishText } from './english-text.js';
import { isMessage, verbatim, type Message } from './message.js';

/** An error or warning event's sentences as a capture records them: English in `message` and `hint`, the messages in `i18n`. */
export function recordedText(text: Message, hint: Message): { message: string; hint: string; i18n: EventText & { readonly hint: Message } } {
  return { message: englishText(text), hint: englishText(hint), i18n: { message: text, hint } };
}

/**
 * An event's message or hint as a message: the one recorded in `i18n`, else the recorded English
 * text as it is (captures written before messages existed, events that carry none).
 */
export function eventMessage(event: EventRecordJson, field: 'message' | 'hint'): Message {
  const recorded = (event.i18n as Record<string, unknown> | undefined)?.[field];
  return isMessage(recorded) ? recorded : verbatim(String(event[field] ?? ''));
}
