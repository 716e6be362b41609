import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalHeaderLength, isCanonicalHeader, writeCanonicalHeader } from '../../../electron/engine/capture/record-header.js';
import { parseFrameHeader } from '../../../shared/protocol/frame-header.js';

// The log rebuilds canonical header bytes from its columns instead of storing them; the decoder's
// own header parser must read back exactly the fields they were written from (§5.2).

const lengths = fc.oneof(
  fc.integer({ min: 0, max: 300 }),
  fc.constantFrom(125, 126, 127, 0xffff, 0x1_0000, 0xffff_ffff, 0x1_0000_0000, Number.MAX_SAFE_INTEGER),
  fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
);

describe('writeCanonicalHeader', () => {
  it('writes the shortest header of the fields, which the decoder parses back and isCanonicalHeader accepts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), fc.boolean(), lengths, fc.nat({ max: 0xffff_ffff }), fc.nat({ max: 3 }), (firstByte, masked, payloadLength, key, offset) => {
        const length = canonicalHeaderLength(payloadLength, masked);
        const target = new Uint8Array(offset + 14).fill(0xee);
        expect(writeCanonicalHeader(target, offset, firstByte, masked, payloadLength, key)).toBe(offset + length);
        // Nothing past the header is touched.
        expect([...target.subarray(offset + length)].every((byte) => byte === 0xee)).toBe(true);
        const bytes = target.slice(offset, offset + length);
        const header = parseFrameHeader(bytes, length);
        expect({ fin: header.fin, rsv1: header.rsv1, rsv2: header.rsv2, rsv3: header.rsv3, opcode: header.opcode }).toEqual({
          fin: (firstByte & 0x80) !== 0,
          rsv1: (firstByte & 0x40) !== 0,
          rsv2: (firstByte & 0x20) !== 0,
          rsv3: (firstByte & 0x10) !== 0,
          opcode: firstByte & 0x0f,
        });
        expect(header.masked).toBe(masked);
        expect(header.payloadLength).toBe(payloadLength);
        expect(header.isLengthNonMinimal).toBe(false);
        expect(header.maskingKey === null ? null : [...header.maskingKey]).toEqual(masked ? [key >>> 24, (key >>> 16) & 0xff, (key >>> 8) & 0xff, key & 0xff] : null);
        expect(isCanonicalHeader(bytes, firstByte, masked, payloadLength, key)).toBe(true);
      }),
    );
  });
});
