import { describe, expect, it } from 'vitest';
import { AppendNotifier } from '../../../electron/engine/capture/append-notifier.js';

describe('AppendNotifier', () => {
  it('tells each listener about each record once, in seq order, also what a listener appends', () => {
    let count = 0;
    const notifier = new AppendNotifier(() => count);
    const heard: string[] = [];
    notifier.add((seq) => {
      heard.push(`a${seq}`);
      // A listener that answers record 0 with two appends of its own.
      if (seq === 0) {
        count += 2;
        notifier.notify();
      }
    });
    notifier.add((seq) => heard.push(`b${seq}`));
    count = 1;
    notifier.notify();
    expect(heard).toEqual(['a0', 'b0', 'a1', 'b1', 'a2', 'b2']);
  });

  it('holds notices until the last release, then gives them in order', () => {
    let count = 0;
    const notifier = new AppendNotifier(() => count);
    const heard: number[] = [];
    notifier.add((seq) => heard.push(seq));
    notifier.hold();
    notifier.hold();
    count = 3;
    notifier.notify();
    notifier.release();
    expect(heard).toEqual([]);
    notifier.release();
    expect(heard).toEqual([0, 1, 2]);
  });

  it('gives a new listener only what is appended after it, held or not', () => {
    let count = 2;
    const notifier = new AppendNotifier(() => count);
    notifier.hold();
    count = 4;
    const heard: number[] = [];
    notifier.add((seq) => heard.push(seq));
    count = 5;
    notifier.release();
    expect(heard).toEqual([4]);
  });

  it('goes on with the next record after a listener threw', () => {
    let count = 0;
    const notifier = new AppendNotifier(() => count);
    const heard: number[] = [];
    notifier.add((seq) => {
      heard.push(seq);
      if (seq === 0) throw new Error('listener failed');
    });
    count = 1;
    expect(() => notifier.notify()).toThrow('listener failed');
    count = 2;
    notifier.notify();
    expect(heard).toEqual([0, 1]);
  });
});
