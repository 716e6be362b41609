import type { EventText, FailureStage } from '../../../shared/contract/records.js';
import { recordedText } from '../../../shared/i18n/event-text.js';
import type { Message } from '../../../shared/i18n/message.js';

/**
 * Why a dial failed: the stage, what happened and what to try, and the system code if any. The
 * sentences are messages of the `failure` catalogue (`i18n`), rendered in each reader's language;
 * `message` and `hint` are their English text, which captures and `--json` keep.
 */
export interface DialFailure {
  readonly stage: FailureStage;
  readonly message: string;
  readonly hint: string;
  readonly code?: string;
  readonly i18n: EventText & { readonly hint: Message };
}

/** A failure at `stage` worded by two messages (what happened, what to try). */
export function dialFailure(stage: FailureStage, message: Message, hint: Message, code?: string): DialFailure {
  return { stage, ...recordedText(message, hint), ...(code === undefined ? {} : { code }) };
}

/** Carries a classified failure up through the dial steps to `dial`, which turns it into a value. */
export class DialError extends Error {
  /** The classified failure. */
  readonly failure: DialFailure;

  constructor(failure: DialFailure) {
    super(failure.message);
    this.name = 'DialError';
    this.failure = failure;
  }
}
