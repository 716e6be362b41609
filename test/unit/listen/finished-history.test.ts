import { describe, expect, it } from 'vitest';
import { FinishedHistory } from '../../../electron/engine/listen/finished-history.js';

describe('the history of finished listened connections', () => {
  it('keeps at most maxConnections, dropping the oldest first', () => {
    const history = new FinishedHistory<string>({ maxConnections: 2, maxBytes: 1_000 });
    expect(history.add('a', 10)).toEqual([]);
    expect(history.add('b', 10)).toEqual([]);
    expect(history.add('c', 10)).toEqual(['a']);
    expect([history.size, history.bytes]).toEqual([2, 20]);
  });

  it('keeps their bytes within the shared budget, dropping as many old ones as it takes', () => {
    const history = new FinishedHistory<string>({ maxConnections: 100, maxBytes: 100 });
    history.add('a', 40);
    history.add('b', 40);
    expect(history.add('c', 90)).toEqual(['a', 'b']);
    expect([history.size, history.bytes]).toEqual([1, 90]);
  });

  it('always keeps the newest connection, even one larger than the whole budget', () => {
    const history = new FinishedHistory<string>({ maxConnections: 100, maxBytes: 100 });
    history.add('a', 10);
    expect(history.add('huge', 500)).toEqual(['a']);
    expect([history.size, history.bytes]).toEqual([1, 500]);
  });
});
