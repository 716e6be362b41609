import { describe, expect, it } from 'vitest';
import { RisingColumn } from '../../../electron/engine/capture/rising-column.js';

const chunk = 65_536;

// Appends values[i] at index i, reserving as a capture log does, and returns the column.
function appended(values: readonly number[]): RisingColumn {
  const column = new RisingColumn();
  values.forEach((value, index) => {
    if (index === column.capacity) column.reserve(index);
    column.set(index, value);
  });
  return column;
}

// The indexes whose value does not read back exactly, at most five.
function misread(column: RisingColumn, values: readonly number[]): number[] {
  const wrong: number[] = [];
  values.forEach((value, index) => {
    if (wrong.length < 5 && !Object.is(column.get(index), value)) wrong.push(index);
  });
  return wrong;
}

describe('RisingColumn', () => {
  it('keeps rising whole numbers in 4 bytes each, across chunks and past 2^32 in all', () => {
    // Payload offsets past 2^40; each chunk's own span (65,536 × 60,000) stays under 2^32.
    const values = Array.from({ length: 3 * chunk + 17 }, (_, index) => 2 ** 40 + index * 60_000);
    const column = appended(values);
    expect(misread(column, values)).toEqual([]);
    expect(column.capacityBytes).toBe(4 * chunk * 4);
  });

  it('reads back exactly what does not fit 32 bits: a fall, a leap of 2^32, a fraction', () => {
    const values = Array.from({ length: 2 * chunk + 300 }, (_, index) => index * 10);
    values[100] = 5; // below the value before it, not below its chunk's first: stays narrow
    values[chunk + 7] = values[chunk] as number - 1; // below the second chunk's first value
    values[2 * chunk + 5] = (values[2 * chunk] as number) + 2 ** 32; // a leap in the third chunk
    values[150] = 1500.25; // a fraction in the first, still growing, chunk
    const column = appended(values);
    expect(misread(column, values)).toEqual([]);
  });

  it('grows a wide first chunk with the narrow one and counts it', () => {
    // Whole distances from a fractional first value would still fit; these do not.
    const values = Array.from({ length: 5000 }, (_, index) => index * 1.5);
    const column = appended(values);
    expect(misread(column, values)).toEqual([]);
    // The first chunk doubled from 256 to 8192 entries: 4 bytes each narrow, 8 each wide.
    expect(column.capacityBytes).toBe(8192 * 12);
  });

  it('lets released chunks go, wide ones with them, and goes on appending', () => {
    const values = Array.from({ length: 2 * chunk + 10 }, (_, index) => index * 3);
    values[5] = 0.5;
    const column = appended(values);
    column.releaseBefore(2 * chunk + 5);
    expect(column.get(5)).toBe(0);
    expect(column.get(chunk + 1)).toBe(0);
    expect(column.get(2 * chunk + 9)).toBe((2 * chunk + 9) * 3);
    for (let index = 2 * chunk + 10; index < 3 * chunk + 10; index += 1) {
      if (index === column.capacity) column.reserve(index);
      column.set(index, index * 3);
    }
    expect(column.get(3 * chunk + 9)).toBe((3 * chunk + 9) * 3);
    expect(column.capacityBytes).toBe(2 * chunk * 4);
  });
});
