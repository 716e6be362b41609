import type { EventRecordJson, EventText, HandshakeCheck } from '../contract/records.js';
import { englishText } from './english-text.js';
import { isMessage, verbatim, type Message } from './message.js';

/** An error or warning event's sentences as a capture records them: English in `message` and `hint`, the messages in `i18n`. */
export function recordedText(text: Message, hint: Message): { message: string; hint: string; i18n: EventText & { readonly hint: Message } } {
  return { message: englishText(text), hint: englishText(hint), i18n: { message: text, hint } };
}

/** A note or warning event's sentence as a capture records it: English in `message`, the message in `i18n`. */
export function notedText(text: Message): { message: string; i18n: EventText } {
  return { message: englishText(text), i18n: { message: text } };
}

/**
 * An event's message or hint as a message: the one recorded in `i18n`, else the recorded English
 * text as it is (captures written before messages existed, events that carry none).
 */
export function eventMessage(event: EventRecordJson, field: 'message' | 'hint'): Message {
  const recorded = (event.i18n as Record<string, unknown> | undefined)?.[field];
  return isMessage(recorded) ? recorded : verbatim(String(event[field] ?? ''));
}

/** A handshake check's detail as a message: the one recorded in `i18n`, else the recorded English text (older captures). */
export function checkDetail(check: HandshakeCheck): Message {
  return check.i18n ?? verbatim(check.detail);
}

/** Why a session ended, as a message: the one Frameline worded, else the recorded English text (a socket error, an older capture). */
export function closedMessage(closed: { readonly message?: string; readonly i18n?: { readonly message: Message } }): Message {
  return closed.i18n?.message ?? verbatim(closed.message ?? '');
}
