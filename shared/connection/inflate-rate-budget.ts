import type { InflateBudget } from '../protocol/frame-decoder-options.js';

const microsPerSecond = 1_000_000;

/**
 * Inflated bytes per second for the messages one connection receives (issue 19), as a token
 * bucket: it holds at most one second's worth and refills at that rate with the time of each
 * input (sans-io: the owner's clock comes in as `atMicros`). Spending may overshoot by the last
 * inflate step, and the wait that follows makes up for it, so over any stretch of T seconds the
 * decoder inflates at most about (T + 1) × the rate plus one step.
 */
export class InflateRateBudget implements InflateBudget {
  private availableBytes: number;
  private refilledAtMicros: number | null = null;

  constructor(readonly bytesPerSecond: number) {
    this.availableBytes = bytesPerSecond;
  }

  /** True once the bytes inflated used up what the rate allows so far. */
  get isExhausted(): boolean {
    return this.availableBytes <= 0;
  }

  /** Counts inflated bytes. */
  spend(bytes: number): void {
    this.availableBytes -= bytes;
  }

  /** Adds what the rate allows for the time since the last refill, up to one second's worth. */
  refill(atMicros: number): void {
    const since = this.refilledAtMicros;
    if (since !== null && atMicros > since) {
      this.availableBytes = Math.min(this.bytesPerSecond, this.availableBytes + ((atMicros - since) * this.bytesPerSecond) / microsPerSecond);
    }
    if (since === null || atMicros > since) this.refilledAtMicros = atMicros;
  }

  /** Milliseconds until the budget is no longer exhausted (0 when it is not). */
  waitMs(): number {
    if (!this.isExhausted) return 0;
    return Math.max(1, Math.ceil(((1 - this.availableBytes) * 1000) / this.bytesPerSecond));
  }
}
