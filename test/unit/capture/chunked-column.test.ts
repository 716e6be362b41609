import { describe, expect, it } from 'vitest';
import { ChunkedColumn } from '../../../electron/engine/capture/chunked-column.js';

const chunk = 65_536;

// Fills entries [from, to) of `column` with their index + 1 where `isSet` says so.
function fill(column: ChunkedColumn<Uint32Array>, from: number, to: number, isSet: (index: number) => boolean): void {
  for (let index = from; index < to; index += 1) {
    column.reserve(index);
    if (isSet(index)) column.set(index, index + 1);
  }
}

describe('ChunkedColumn.releaseBefore', () => {
  it('frees whole chunks before the index, never the one holding it, and reuses one cleared', () => {
    const column = new ChunkedColumn(Uint32Array);
    fill(column, 0, 2 * chunk + 10, () => true);
    column.releaseBefore(2 * chunk + 5);
    expect(column.chunkAt(0)).toBeNull();
    expect(column.chunkAt(chunk)).toBeNull();
    expect(column.get(2 * chunk + 9)).toBe(2 * chunk + 10);
    // The next chunk is a released one, reused: every entry not set since reads 0, not its old value.
    fill(column, 2 * chunk + 10, 4 * chunk, (index) => index % 3 === 0);
    const wrong: number[] = [];
    for (let index = 2 * chunk; index < 4 * chunk; index += 1) {
      const expected = index < 2 * chunk + 10 || index % 3 === 0 ? index + 1 : 0;
      if (column.get(index) !== expected) wrong.push(index);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(column.capacityBytes).toBe(2 * chunk * 4);
  });

  it('reuses a released chunk for a mostly-zero column only when a value other than zero lands', () => {
    const column = new ChunkedColumn(Uint32Array, true);
    fill(column, 0, 2 * chunk, (index) => index % 2 === 0);
    column.releaseBefore(chunk);
    fill(column, 2 * chunk, 3 * chunk, () => false);
    expect(column.chunkAt(2 * chunk)).toBeNull();
    column.set(3 * chunk - 1, 7);
    expect(column.get(3 * chunk - 1)).toBe(7);
    expect(column.get(3 * chunk - 2)).toBe(0);
    expect(column.get(2 * chunk)).toBe(0);
  });
});
