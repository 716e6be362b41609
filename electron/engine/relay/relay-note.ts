import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { renderMessage, type Message } from '../../../shared/i18n/message.js';
import type { EventRecordInit } from '../capture/capture-log.js';
import type { RelayLeg } from '../../../shared/contract/records.js';

const english = createTranslate('en');

/**
 * A relay note as a capture event: `message` in English (the capture is a data file, like
 * `--json`), and the catalogue message itself as `relayNote`, so the CLI and the window can show
 * it in the reader's language.
 */
export function relayNoteEvent(atMicros: number, leg: RelayLeg | null, text: Message, seqs: readonly number[] = []): EventRecordInit {
  return {
    atMicros,
    name: 'note',
    message: renderMessage(english, text),
    ...(leg ? { leg } : {}),
    ...(seqs.length > 0 ? { seqs: [...seqs] } : {}),
    relayNote: text,
  };
}

/** A catalogue message in English, for the capture's own words (events, HTTP bodies). */
export function inEnglish(text: Message): string {
  return renderMessage(english, text);
}
