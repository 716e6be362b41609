import { englishText } from '../../../shared/i18n/english-text.js';
import type { Message } from '../../../shared/i18n/message.js';
import type { StepFailure } from '../../../shared/workspace/run-result.js';

/** A step failure worded from the catalogue: English in `message` (reports keep it), the message in `messageText`. */
export function stepFailure(text: Message, details: Omit<StepFailure, 'message' | 'messageText'> = {}): StepFailure {
  return { message: englishText(text), messageText: text, ...details };
}
