import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64Bytes, maxNumberBytes, putBase64, putBase64Of, putBytes, putHex, putNumber, putWords, wordConstant } from '../../../electron/engine/capture/byte-put.js';

// Whole numbers around every digit count and the 2^31 and 2^53 edges, and numbers JSON writes otherwise.
const anyNumber = fc.oneof(
  fc.nat(),
  fc.integer({ min: 0, max: 0x7fff_ffff }),
  fc.integer({ min: 0, max: 20 }).chain((digits) => fc.constantFrom(10 ** digits - 1, 10 ** digits, 10 ** digits + 1)),
  fc.constantFrom(0x7fff_ffff, 0x8000_0000, 2 ** 32 - 1, 2 ** 32, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1, 2 ** 60, -0, -0.0000010039240566776571, -1.2345678901234567e-308),
  fc.maxSafeNat(),
  fc.double(),
);

describe('the byte writers behind ByteOutput', () => {
  it('write a number as String(value) gives it, at any position, never past maxNumberBytes', () => {
    const target = Buffer.alloc(64);
    fc.assert(
      fc.property(anyNumber, fc.nat({ max: 8 }), (value, at) => {
        const end = putNumber(target, at, value);
        expect(end - at).toBeLessThanOrEqual(maxNumberBytes);
        expect(target.toString('latin1', at, end)).toBe(String(value));
      }),
      { numRuns: 5000 },
    );
  });

  it('write base64 and hex as Buffer does, in the room base64Bytes says', () => {
    const target = Buffer.alloc(256);
    const view = new DataView(target.buffer, target.byteOffset, target.byteLength);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), fc.nat({ max: 5 }), (bytes, at) => {
        const end = putBase64(view, at, bytes);
        expect(end - at).toBe(base64Bytes(bytes.length));
        expect(target.toString('latin1', at, end)).toBe(Buffer.from(bytes).toString('base64'));
        const hexEnd = putHex(target, at, bytes);
        expect(target.toString('latin1', at, hexEnd)).toBe(Buffer.from(bytes).toString('hex'));
      }),
      { numRuns: 2000 },
    );
  });

  it('write base64 of a range as Buffer does for that range alone', () => {
    const target = Buffer.alloc(256);
    const view = new DataView(target.buffer, target.byteOffset, target.byteLength);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), fc.nat(), fc.nat(), fc.nat({ max: 5 }), (bytes, a, b, at) => {
        const start = bytes.length === 0 ? 0 : a % (bytes.length + 1);
        const end = start + (b % (bytes.length - start + 1));
        const written = putBase64Of(view, at, bytes, start, end);
        expect(target.toString('latin1', at, written)).toBe(Buffer.from(bytes.subarray(start, end)).toString('base64'));
      }),
      { numRuns: 2000 },
    );
  });

  it('copy bytes of any length', () => {
    const target = Buffer.alloc(64);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.nat({ max: 20 }), (bytes, at) => {
        expect(putBytes(target, at, bytes)).toBe(at + bytes.length);
        expect([...target.subarray(at, at + bytes.length)]).toEqual([...bytes]);
      }),
    );
  });

  it('write a word constant as its bytes, touching at most 3 bytes past them', () => {
    const target = Buffer.alloc(64);
    const view = new DataView(target.buffer, target.byteOffset, target.byteLength);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.nat({ max: 20 }), (bytes, at) => {
        target.fill(0xaa);
        expect(putWords(view, at, wordConstant(bytes))).toBe(at + bytes.length);
        expect([...target.subarray(at, at + bytes.length)]).toEqual([...bytes]);
        expect(target.subarray(0, at).every((byte) => byte === 0xaa)).toBe(true);
        expect(target.subarray(at + bytes.length + 3).every((byte) => byte === 0xaa)).toBe(true);
      }),
    );
  });
});
