import type { RelayLeg } from '../../../shared/contract/records.js';
import { notedText } from '../../../shared/i18n/event-text.js';
import type { Message } from '../../../shared/i18n/message.js';
import type { EventRecordInit } from '../capture/capture-log.js';

/**
 * A relay note as a capture event, like every engine event: `message` in English (the capture is a
 * data file) and the message itself in `i18n`, so the CLI and the window show it in the reader's
 * language; `leg` and the `seqs` of the frames concerned when there are any.
 */
export function relayNoteEvent(atMicros: number, leg: RelayLeg | null, text: Message, seqs: readonly number[] = []): EventRecordInit {
  return {
    atMicros,
    name: 'note',
    ...notedText(text),
    ...(leg ? { leg } : {}),
    ...(seqs.length > 0 ? { seqs: [...seqs] } : {}),
  };
}
