/** How often and how long the inflate budget held a connection's reading back, in whole milliseconds. */
export interface InflatePauses {
  /** Stretches of paused reading: each from the first budget wait until what had arrived was read. */
  readonly count: number;
  readonly totalMs: number;
  readonly longestMs: number;
}

/** A connection's pauses so far with the budget that made them, in inflated bytes a second. */
export interface InflatePauseFigures extends InflatePauses {
  readonly limit: number;
  /** How long the pause still running has lasted, up to the time asked about; 0 while reading goes on. */
  readonly waitingMs: number;
}

/**
 * Counts the stretches during which reading waited for the inflated-bytes-per-second budget
 * (issue 19) in three numbers, so a peer that bursts for hours costs no more than one that burst
 * once. A stretch runs from the first wait until the decoder has caught up with what arrived; the
 * waits inside it, one per inflate step, are one pause to the user watching the peer.
 */
export class InflatePauseTally {
  private count = 0;
  private totalMicros = 0;
  private longestMicros = 0;
  private pausedAtMicros: number | null = null;

  /** Reading waits for the budget (a no-op while a pause already runs). */
  paused(atMicros: number): void {
    this.pausedAtMicros ??= atMicros;
  }

  /** The decoder caught up: the running pause, if any, ends here. */
  resumed(atMicros: number): void {
    const from = this.pausedAtMicros;
    if (from === null) return;
    this.pausedAtMicros = null;
    const micros = Math.max(0, atMicros - from);
    this.count++;
    this.totalMicros += micros;
    this.longestMicros = Math.max(this.longestMicros, micros);
  }

  /** The pauses so far, a running one ended at `atMicros`; null when reading never waited. */
  summary(atMicros: number): InflatePauses | null {
    this.resumed(atMicros);
    return this.soFar(atMicros);
  }

  /** How long the running pause has lasted at `atMicros`, in whole milliseconds; 0 when none runs. */
  runningMs(atMicros: number): number {
    const from = this.pausedAtMicros;
    return from === null ? 0 : Math.round(Math.max(0, atMicros - from) / 1000);
  }

  /** The pauses so far, a running one counted up to `atMicros` but not ended (figures shown while the connection is open). */
  soFar(atMicros: number): InflatePauses | null {
    const from = this.pausedAtMicros;
    const runningMicros = from === null ? 0 : Math.max(0, atMicros - from);
    const count = this.count + (from === null ? 0 : 1);
    if (count === 0) return null;
    return { count, totalMs: Math.round((this.totalMicros + runningMicros) / 1000), longestMs: Math.round(Math.max(this.longestMicros, runningMicros) / 1000) };
  }
}
