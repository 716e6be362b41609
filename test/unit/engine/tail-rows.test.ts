import { describe, expect, it } from 'vitest';
import { DEFAULT_TAIL_ROWS, TailRows } from '../../../electron/engine/api/tail-rows.js';
import { recordFilterKey, recordFilterSchema } from '../../../shared/contract/api-session.js';

describe('the rows each window draws at the end of its session', () => {
  it('gives a session the most any window showing it asked for, and the default when none did', () => {
    const tail = new TailRows();
    expect(tail.rowsFor('s1')).toBe(DEFAULT_TAIL_ROWS);
    tail.set('tall', 's1', 125);
    tail.set('short', 's1', 40);
    tail.set('other', 's2', 60);
    expect(tail.rowsFor('s1')).toBe(125);
    expect(tail.rowsFor('s2')).toBe(60);
    // The tall window moves to another session, then shows none: the short one decides, then nobody.
    tail.set('tall', 's2', 125);
    expect(tail.rowsFor('s1')).toBe(40);
    expect(tail.rowsFor('s2')).toBe(125);
    tail.set('short', null, 40);
    expect(tail.rowsFor('s1')).toBe(DEFAULT_TAIL_ROWS);
  });

  it('takes a window\'s newest word: one that shrinks asks for fewer rows', () => {
    const tail = new TailRows();
    tail.set('window', 's1', 130);
    tail.set('window', 's1', 20);
    expect(tail.rowsFor('s1')).toBe(20);
  });

  it('forgets what windows said about a session that is gone, and windows that went away without a word once many others spoke', () => {
    const tail = new TailRows();
    tail.set('gone', 's1', 250);
    tail.forgetSession('s1');
    expect(tail.rowsFor('s1')).toBe(DEFAULT_TAIL_ROWS);
    tail.set('silent', 's2', 250);
    for (let index = 0; index < 64; index += 1) tail.set(`window-${index}`, 's3', 30);
    expect(tail.rowsFor('s2')).toBe(DEFAULT_TAIL_ROWS);
    expect(tail.rowsFor('s3')).toBe(30);
  });

  it('lists the filtered views windows follow at a session\'s end, each once with its tallest window\'s rows', () => {
    const tail = new TailRows();
    const errors = recordFilterSchema.parse({ search: 'error', opcodes: [2, 1] });
    const sameErrors = recordFilterSchema.parse({ search: 'error', opcodes: [1, 2] });
    const messages = recordFilterSchema.parse({ unit: 'messages' });
    tail.set('plain', 's1', 200);
    tail.set('a', 's1', 40, errors);
    tail.set('b', 's1', 90, sameErrors);
    tail.set('c', 's1', 30, messages);
    tail.set('d', 's2', 50, errors);
    expect(tail.followedViews('s1')).toEqual([
      { key: recordFilterKey(errors), filter: errors, rows: 90 },
      { key: recordFilterKey(messages), filter: messages, rows: 30 },
    ]);
    // A window that stops following (or filtering) says so with no filter.
    tail.set('b', 's1', 90);
    tail.set('c', 's1', 30, null);
    expect(tail.followedViews('s1')).toEqual([{ key: recordFilterKey(errors), filter: errors, rows: 40 }]);
    tail.forgetSession('s2');
    expect(tail.followedViews('s2')).toEqual([]);
  });
});
