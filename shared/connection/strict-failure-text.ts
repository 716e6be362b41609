import { englishText } from '../i18n/english-text.js';
import { message } from '../i18n/message.js';
import type { Violation } from '../protocol/violation.js';
import { violationMessage } from '../protocol/violation-catalog.js';
import type { ClosedDetails } from './closed-details.js';

/**
 * Why a strict connection ended, as its `closed` details word it: English in `message` (which
 * starts "strict mode failed the connection: ", as captures and the window's matching expect),
 * and the same sentence as a message in `i18n` for readers in another language.
 */
export function strictFailureText(violation: Violation): Pick<ClosedDetails, 'message' | 'i18n'> {
  const text = message('failure:strict.failed', { violation: violationMessage(violation) });
  return { message: englishText(text), i18n: { message: text } };
}
