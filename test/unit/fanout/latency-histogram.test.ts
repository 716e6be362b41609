import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chartEdges, LatencyHistogram } from '../../../shared/fanout/latency-histogram.js';
import { stormFigures } from '../../../shared/fanout/storm-figures.js';

function exactPercentile(sorted: readonly number[], percent: number): number {
  return sorted[Math.max(0, Math.ceil((percent / 100) * sorted.length) - 1)]!;
}

describe('latency percentiles', () => {
  it('p50/p95/p99/max of 1..1000 µs are within 1 % of the exact ranks', () => {
    const histogram = new LatencyHistogram();
    for (let micros = 1000; micros >= 1; micros--) histogram.record(micros);
    for (const [percent, exact] of [[50, 500], [95, 950], [99, 990], [100, 1000]] as const) {
      const value = histogram.percentile(percent)!;
      expect(value).toBeGreaterThanOrEqual(exact);
      expect(value).toBeLessThanOrEqual(exact * 1.01);
    }
  });

  it('for any samples, every percentile is at or above the exact one and at most 1 % over, never past the max', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 10_000_000, noNaN: true }), { minLength: 1, maxLength: 300 }), fc.integer({ min: 1, max: 100 }), (samples, percent) => {
        const histogram = new LatencyHistogram();
        for (const sample of samples) histogram.record(sample);
        const sorted = [...samples].sort((a, b) => a - b);
        const exact = exactPercentile(sorted, percent);
        const value = histogram.percentile(percent)!;
        return value <= sorted.at(-1)! && value >= Math.min(exact, 1) - 1e-9 && (exact < 1 ? value <= 1.01 : value <= exact * 1.0101 && value >= exact * 0.99);
      }),
    );
  });

  it('merging two histograms equals recording both sets in one', () => {
    const a = new LatencyHistogram();
    const b = new LatencyHistogram();
    const both = new LatencyHistogram();
    for (let i = 1; i <= 200; i++) {
      (i % 3 === 0 ? a : b).record(i * 37);
      both.record(i * 37);
    }
    a.merge(b);
    expect([a.count, a.percentile(50), a.percentile(99), a.summary()]).toEqual([both.count, both.percentile(50), both.percentile(99), both.summary()]);
  });

  it('an empty histogram has no percentiles', () => {
    expect([new LatencyHistogram().percentile(50), new LatencyHistogram().summary()]).toEqual([null, null]);
  });

  it('chart bins are logarithmic over wide ranges, even over narrow ones, and count every sample once', () => {
    const wide = chartEdges(100, 1_000_000, 4);
    expect(wide.map((edge) => Math.round(edge))).toEqual([100, 1000, 10000, 100000, 1000000]);
    expect(chartEdges(10, 50, 4)).toEqual([10, 20, 30, 40, 50]);
    const histogram = new LatencyHistogram();
    for (const sample of [100, 150, 900, 5000, 1_000_000]) histogram.record(sample);
    expect(histogram.countsBetween(wide)).toEqual([3, 1, 0, 1]);
  });
});

describe('reconnect storms', () => {
  it('counts drops, comebacks and the storm from first drop to last comeback', () => {
    const storm = stormFigures('killed', [
      { client: 1, droppedAtMicros: 1_000_000, cameBackAtMicros: 1_200_000 },
      { client: 2, droppedAtMicros: 1_000_000, cameBackAtMicros: 1_900_000 },
      { client: 3, droppedAtMicros: 1_100_000, cameBackAtMicros: null },
    ], 4);
    expect([storm.dropped, storm.cameBack, storm.stillDown, storm.durationMs, storm.reconnect.maxMs, storm.failedAttempts]).toEqual([3, 2, 1, 900, 900, 4]);
  });
});
