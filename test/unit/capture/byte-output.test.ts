import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asciiBytes, ByteOutput } from '../../../electron/engine/capture/byte-output.js';

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

  it('vouches for printable ASCII only while nothing but constants, numbers, base64 and hex was written since the last take', () => {
    const out = new ByteOutput(8);
    out.constant(asciiBytes('{"a":\t1}\n'));
    out.number(2 ** 60);
    out.number(-1.5);
    out.base64(Uint8Array.of(0, 255, 7));
    out.hex(Uint8Array.of(0x1b));
    expect(out.isPrintableAscii).toBe(true);
    for (const write of [(o: ByteOutput) => o.utf8('"x"'), (o: ByteOutput) => o.ascii('x'), (o: ByteOutput) => o.bytes(Uint8Array.of(0x41)), (o: ByteOutput) => o.jsonStringOfUtf8(Uint8Array.of(0x41))]) {
      out.take();
      expect(out.isPrintableAscii).toBe(true);
      write(out);
      expect(out.isPrintableAscii).toBe(false);
    }
  });

  it('refuses to make a constant of anything but printable ASCII, LF and TAB', () => {
    for (const text of ['\u001b[2J', '\r', '\u007f', 'é', '\u202e']) expect(() => asciiBytes(`a${text}`)).toThrow(/not printable ASCII/);
    expect([...asciiBytes(' ~\n\t')]).toEqual([0x20, 0x7e, 0x0a, 0x09]);
  });

  it('writes into a recycled buffer again only from the take after next, and never into one still held', () => {
    // Large enough that Node does not take it from its shared pool, so each buffer has its own memory.
    const out = new ByteOutput(8192);
    out.ascii('first');
    const first = out.take();
    out.ascii('second');
    out.recycle();
    const second = out.take();
    expect(second.toString('latin1')).toBe('second');
    expect(first.toString('latin1')).toBe('first');
    out.ascii('third');
    const third = out.take();
    expect(third.buffer).toBe(first.buffer);
    expect(third.toString('latin1')).toBe('third');
    expect(second.toString('latin1')).toBe('second');
    out.ascii('fourth');
    expect(out.take().buffer).not.toBe(second.buffer);
  });
});
