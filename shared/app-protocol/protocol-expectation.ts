import type { AppProtocolId } from './app-protocol-id.js';
import type { ProtocolMessage } from './protocol-message.js';

/**
 * What a scenario step or a relay breakpoint waits for in protocol terms: every field given must
 * hold (`kind` as the decoder names it, `summaryIncludes` as plain text, `isControl` to tell
 * keep-alive apart). Fields left out match anything.
 */
export interface ProtocolExpectation {
  readonly protocol?: AppProtocolId;
  readonly direction?: ProtocolMessage['direction'];
  readonly kind?: string;
  readonly summaryIncludes?: string;
  readonly isControl?: boolean;
  /** True to accept only well-formed messages (no violations). */
  readonly isWellFormed?: boolean;
}

/** True when `message` is what `expectation` describes. */
export function matchesExpectation(message: ProtocolMessage, expectation: ProtocolExpectation): boolean {
  if (expectation.protocol !== undefined && message.protocol !== expectation.protocol) return false;
  if (expectation.direction !== undefined && message.direction !== expectation.direction) return false;
  if (expectation.kind !== undefined && message.kind !== expectation.kind) return false;
  if (expectation.isControl !== undefined && message.isControl !== expectation.isControl) return false;
  if (expectation.isWellFormed === true && message.violations.length > 0) return false;
  return expectation.summaryIncludes === undefined || message.summary.includes(expectation.summaryIncludes);
}
