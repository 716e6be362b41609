import { afterEach, describe, expect, it, vi } from 'vitest';
import { INFLATE_FIGURES_CHECK_MS, InflateFiguresWatch, type WatchedSession } from '../../../electron/engine/api/inflate-figures-watch.js';
import type { InflatePauseFigures } from '../../../shared/connection/inflate-pause-tally.js';

afterEach(() => {
  vi.useRealTimers();
});

const waiting = (totalMs: number): InflatePauseFigures => ({ limit: 1000, count: 1, totalMs, longestMs: totalMs, waitingMs: totalMs });

describe('InflateFiguresWatch', () => {
  it('resends a summary once a second only for a session whose figures moved since its last summary, and stops when none is open', () => {
    vi.useFakeTimers();
    let open: WatchedSession[] = [{ id: 'a', figures: null }, { id: 'b', figures: null }];
    const resent: string[] = [];
    const watch = new InflateFiguresWatch(() => open, (id) => {
      resent.push(id);
      watch.sent(id, open.find((session) => session.id === id)?.figures ?? undefined);
    });
    watch.watch();
    vi.advanceTimersByTime(INFLATE_FIGURES_CHECK_MS);
    expect(resent).toEqual([]);
    // A wait began in `a` with no record: its summary goes out at the next check, then again only as the wait grows.
    open = [{ id: 'a', figures: waiting(400) }, { id: 'b', figures: null }];
    vi.advanceTimersByTime(INFLATE_FIGURES_CHECK_MS);
    expect(resent).toEqual(['a']);
    vi.advanceTimersByTime(3 * INFLATE_FIGURES_CHECK_MS);
    expect(resent).toEqual(['a']);
    open = [{ id: 'a', figures: waiting(1400) }, { id: 'b', figures: null }];
    // A records batch carried these figures already: nothing to resend.
    watch.sent('a', waiting(1400));
    vi.advanceTimersByTime(INFLATE_FIGURES_CHECK_MS);
    expect(resent).toEqual(['a']);
    open = [];
    vi.advanceTimersByTime(INFLATE_FIGURES_CHECK_MS);
    expect(vi.getTimerCount()).toBe(0);
    watch.dispose();
  });
});
