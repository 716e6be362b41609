import { describe, expect, it } from 'vitest';
import { maxViewsPerSession, SessionViews } from '../../../electron/engine/api/session-views.js';

describe('SessionViews', () => {
  it('builds a view once per key, and lets the least recently used go past the limit', () => {
    const views = new SessionViews<{ key: string }>();
    let built = 0;
    const view = (key: string): { key: string } => views.getOrCreate(key, () => ({ key: `${key}#${++built}` }));
    expect(view('a')).toEqual({ key: 'a#1' });
    expect(view('a')).toEqual({ key: 'a#1' });
    for (const key of ['b', 'c', 'd']) view(key);
    expect(views.size).toBe(maxViewsPerSession);
    // 'a' used again (a batch carried it), so 'b' is the least recently used when 'e' comes.
    expect(views.get('a')).toEqual({ key: 'a#1' });
    view('e');
    expect(views.size).toBe(maxViewsPerSession);
    expect(views.get('b')).toBeUndefined();
    expect(views.get('a')).toEqual({ key: 'a#1' });
    expect(view('b')).toEqual({ key: 'b#6' });
    views.clear();
    expect(views.size).toBe(0);
    expect(views.get('a')).toBeUndefined();
  });
});
