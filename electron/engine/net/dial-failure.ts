import type { FailureStage } from '../../../shared/contract/records.js';

/** Why a dial failed: the stage, a plain message, what to try, and the system code if any. */
export interface DialFailure {
  readonly stage: FailureStage;
  readonly message: string;
  readonly hint: string;
  readonly code?: string;
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
