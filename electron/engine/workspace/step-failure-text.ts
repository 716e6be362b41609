import { englishText } from '../../../shared/i18n/english-text.js';
import type { Message } from '../../../shared/i18n/message.js';
import type { StepFailure } from '../../../shared/workspace/run-result.js';

/** A step failure worded from the catalogue: English in `message` (reports keep it), the message in `messageText`. */
export function stepFailure(text: Message, details: Omit<StepFailure, 'message' | 'messageText'> = {}): StepFailure {
  return { message: englishText(text), messageText: text, ...details };
}

/** A worded `expected` or `received` line: English in the field reports keep, the message beside it. */
export function failureLine(field: 'expected' | 'received', text: Message): Pick<StepFailure, 'expected' | 'expectedText'> | Pick<StepFailure, 'received' | 'receivedText'> {
  return field === 'expected' ? { expected: englishText(text), expectedText: text } : { received: englishText(text), receivedText: text };
}

/** A miss's reasons: English in `reasons` (reports keep them), the messages one for one in `reasonTexts`. */
export function failureReasons(texts: readonly Message[]): Pick<StepFailure, 'reasons' | 'reasonTexts'> {
  return { reasons: texts.map(englishText), reasonTexts: [...texts] };
}
