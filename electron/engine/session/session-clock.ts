import { hrtime } from 'node:process';

/**
 * Monotonic session time in microseconds, plus one wall-clock anchor (DESIGN.md "The record
 * model"): records carry `atMicros` since the session started, so wall-clock jumps never reorder
 * or stretch a timeline.
 */
export interface SessionClock {
  /** Microseconds since the session started. */
  nowMicros(): number;
  /** Wall-clock time, in epoch microseconds, at which `nowMicros()` was 0. */
  readonly anchorEpochMicros: number;
}

/** Starts a clock at zero now. */
export function startSessionClock(): SessionClock {
  const startNanos = hrtime.bigint();
  const anchorEpochMicros = Date.now() * 1000;
  return {
    anchorEpochMicros,
    nowMicros: () => Number((hrtime.bigint() - startNanos) / 1000n),
  };
}
