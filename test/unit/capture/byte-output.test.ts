import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteOutput } from '../../../electron/engine/capture/byte-output.js';

// Text with every kind of code point a payload carries: control characters, quotes and
// backslashes, U+2028, a byte order mark, and characters of 2, 3 and 4 UTF-8 bytes.
const awkwardText = fc.string({
  unit: fc.oneof(fc.constantFrom('"', '\\', '\n', '\r', '\t', '\b', '\f', '\u0000', '\u001f', '\u007f', '\u2028', '\ufeff', 'é', '€', '😀', '/'), fc.string({ unit: 'binary', maxLength: 1 })),
  maxLength: 30,
});

describe('a byte output', () => {
  it('writes valid UTF-8 as a JSON string with exactly the bytes JSON.stringify gives for its text', () => {
    const out = new ByteOutput(8);
    fc.assert(
      fc.property(awkwardText, (text) => {
        out.jsonStringOfUtf8(new TextEncoder().encode(text));
        expect(out.take().toString('utf8')).toBe(JSON.stringify(text));
      }),
      { numRuns: 3000 },
    );
  });
});
