import type { FrameRecord } from './frame-record.js';
import type { Violation } from './violation.js';

/**
 * Bytes the decoder could no longer frame (observe mode, after framing became unintelligible, or
 * a header cut off by the end of the stream). They are handed back rather than dropped, so a
 * capture still holds every byte that crossed the wire.
 */
export interface UndecodedBytes {
  readonly kind: 'undecoded';
  /** The timestamp of the chunk these bytes came from. */
  readonly atMicros: number;
  readonly bytes: Uint8Array;
  /** Why framing stopped, e.g. `length-msb-set` or `truncated-frame`. */
  readonly violation: Violation;
}

/**
 * Strict mode only: the decoder failed the connection (§7.1.7). Emitted once, right after the frame
 * record that carries `violation`; the engine sends a close frame with `closeCode` (unless it is
 * 1006, which means the stream already ended) and the decoder ignores further input.
 */
export interface DecodeFailure {
  readonly kind: 'failure';
  /** The atMicros of the frame record it follows (so it does not depend on chunking), or of `finish`. */
  readonly atMicros: number;
  readonly closeCode: number;
  readonly violation: Violation;
}

/**
 * The message whose frame record comes right before this item used up the decoder's inflate
 * budget: the decoder holds what follows until its owner refills the budget. Emitted each time
 * the budget becomes exhausted.
 */
export interface InflateBudgetReached {
  readonly kind: 'inflate-budget-reached';
  /** The atMicros of the frame record it follows. */
  readonly atMicros: number;
}

/** What `FrameDecoder.push` and `finish` return, in stream order. */
export type DecodedItem = FrameRecord | UndecodedBytes | DecodeFailure | InflateBudgetReached;
