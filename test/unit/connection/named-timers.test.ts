import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NamedTimers } from '../../../electron/engine/connection/named-timers.js';

describe('named timers', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('keep one timer per name: re-arming replaces, cancel and cancelAll stop them', () => {
    const fired: string[] = [];
    const timers = new NamedTimers<'close-wait' | 'auto-ping'>();
    timers.arm('close-wait', 100, () => fired.push('first'));
    timers.arm('close-wait', 300, () => fired.push('close-wait'));
    timers.arm('auto-ping', 200, () => fired.push('auto-ping'));
    vi.advanceTimersByTime(250);
    expect(fired).toEqual(['auto-ping']);
    vi.advanceTimersByTime(100);
    expect(fired).toEqual(['auto-ping', 'close-wait']);

    timers.arm('auto-ping', 50, () => fired.push('cancelled'));
    timers.cancel('auto-ping');
    timers.arm('close-wait', 50, () => fired.push('all cancelled'));
    timers.arm('auto-ping', 50, () => fired.push('all cancelled'));
    timers.cancelAll();
    vi.advanceTimersByTime(1000);
    expect(fired).toEqual(['auto-ping', 'close-wait']);
  });

  it('lets a timer re-arm its own name from inside its callback', () => {
    const timers = new NamedTimers<string>(true);
    let count = 0;
    const tick = (): void => {
      count += 1;
      if (count < 3) timers.arm('tick', 10, tick);
    };
    timers.arm('tick', 10, tick);
    vi.advanceTimersByTime(100);
    expect(count).toBe(3);
  });
});
