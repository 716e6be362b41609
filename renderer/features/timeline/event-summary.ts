import type { EventRow } from '../../../shared/contract/record-row.js';
import { renderMessage } from '../../../shared/i18n/message.js';
import type { Translate } from '../../lib/text.js';

/** An event row's one-line summary in the window's language, or its English text when the row carries no message. */
export function eventSummary(row: EventRow, t: Translate): string {
  return row.text === undefined ? row.summary : renderMessage(t, row.text);
}
