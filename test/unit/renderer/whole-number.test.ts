import { describe, expect, it } from 'vitest';
import { wholeNumber } from '../../../renderer/lib/whole-number.js';

describe('wholeNumber (form fields)', () => {
  it('reads digits within the range, spaces around them allowed', () => {
    expect(wholeNumber(' 426 ', 100, 599)).toBe(426);
    expect(wholeNumber('0', 0, 65535)).toBe(0);
  });

  it('refuses what is not a whole number in range, instead of guessing', () => {
    for (const text of ['', '99', '600', '4.5', '-1', '1e3', '0x1A', '12abc']) expect(wholeNumber(text, 100, 599)).toBeNull();
  });
});
