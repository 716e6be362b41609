import type { StormFigures } from '../contract/fanout.js';
import { latencyFigures } from './fanout-figures.js';
import { LatencyHistogram } from './latency-histogram.js';

/** One dropped connection and, if it came back, when (run-clock microseconds). */
export interface StormDrop {
  readonly client: number;
  readonly droppedAtMicros: number;
  readonly cameBackAtMicros: number | null;
}

/**
 * A reconnect storm in figures: how many connections dropped, how many came back and how fast
 * (drop to open, per client), and how long the storm lasted, from the first drop to the last
 * comeback. A client dropped twice counts each drop.
 */
export function stormFigures(trigger: StormFigures['trigger'], drops: readonly StormDrop[], failedAttempts: number): StormFigures {
  const reconnect = new LatencyHistogram();
  let lastBack = -Infinity;
  let cameBack = 0;
  for (const drop of drops) {
    if (drop.cameBackAtMicros === null) continue;
    cameBack += 1;
    reconnect.record(drop.cameBackAtMicros - drop.droppedAtMicros);
    lastBack = Math.max(lastBack, drop.cameBackAtMicros);
  }
  const firstDrop = Math.min(...drops.map((drop) => drop.droppedAtMicros));
  return {
    trigger,
    dropped: drops.length,
    cameBack,
    stillDown: drops.length - cameBack,
    durationMs: cameBack > 0 ? Math.round((lastBack - firstDrop) / 100) / 10 : null,
    reconnect: latencyFigures(reconnect),
    failedAttempts,
  };
}
