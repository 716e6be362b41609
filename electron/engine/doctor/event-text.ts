import type { EventRecordJson } from '../../../shared/contract/records.js';
import { isMessage, verbatim, type Message } from '../../../shared/i18n/message.js';

/**
 * An error event's message or hint as a message: the one the dialer or handshake step recorded
 * (`i18n`), else the recorded English text as it is (captures written before messages existed).
 */
export function eventMessage(event: EventRecordJson, field: 'message' | 'hint'): Message {
  const recorded = (event['i18n'] as Record<string, unknown> | undefined)?.[field];
  return isMessage(recorded) ? recorded : verbatim(String(event[field] ?? ''));
}
