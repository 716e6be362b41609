import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toSpacedHex } from '../../../electron/engine/capture/byte-text.js';
import { previewPayload } from '../../../electron/engine/capture/payload-preview.js';

// The definition: what a fatal TextDecoder makes of the bytes, streaming when the payload was cut.
function reference(bytes: Uint8Array, isCut: boolean): { payloadPreview: string; previewEncoding: string } {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  try {
    return { payloadPreview: decoder.decode(bytes, { stream: isCut }), previewEncoding: 'text' };
  } catch {
    return { payloadPreview: toSpacedHex(bytes), previewEncoding: 'hex' };
  }
}

// Bytes near UTF-8: lead and continuation bytes of every length, including invalid second bytes.
const nearUtf8 = fc
  .array(fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80, 0xe0, 0xa0, 0xed, 0xc3, 0xa9, 0xf4, 0x8f)), { maxLength: 12 })
  .map((bytes) => Uint8Array.from(bytes));
// Real text cut anywhere, as a retention limit or the preview length cuts it.
const cutText = fc.string({ unit: 'grapheme', maxLength: 8 }).chain((text) => {
  const bytes = new TextEncoder().encode(text);
  return fc.integer({ min: 0, max: bytes.length }).map((end) => bytes.subarray(0, end));
});

describe('a payload preview', () => {
  it('is text exactly when a fatal UTF-8 decoder accepts the bytes (streaming for a cut payload), else hex', () => {
    fc.assert(
      fc.property(fc.oneof(nearUtf8, cutText), fc.boolean(), (bytes, isCut) => {
        expect(previewPayload(bytes, isCut)).toEqual(reference(bytes, isCut));
      }),
      { numRuns: 5000 },
    );
  });
});
