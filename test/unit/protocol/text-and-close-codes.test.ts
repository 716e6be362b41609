import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closeCodeMessage, isValidWireCloseCode } from '../../../shared/protocol/close-code.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { renderMessage } from '../../../shared/i18n/message.js';

const english = createTranslate('en');
const chinese = createTranslate('zh-CN');
const closeCodeName = (closeCode: number): string => renderMessage(english, closeCodeMessage(closeCode));
import { decodeUtf8, encodeUtf8 } from '../../../shared/protocol/utf8-text.js';
import { isValidUtf8, Utf8Validator } from '../../../shared/protocol/utf8-validator.js';
import { hex } from './protocol-fixtures.js';

describe('Utf8Validator', () => {
  it('agrees with the platform decoder on arbitrary bytes, however they are split', () => {
    const fatal = new TextDecoder('utf-8', { fatal: true });
    // Random bytes, and mostly-ASCII text with a few bytes changed (the validator skips ASCII four bytes at a time).
    const mostlyAscii = fc
      .tuple(fc.string({ unit: 'grapheme-ascii', maxLength: 40 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0x80, max: 0xff })), { maxLength: 3 }))
      .map(([text, changes]) => {
        const bytes = new TextEncoder().encode(text);
        for (const [at, byte] of changes) if (bytes.length > 0) bytes[at % bytes.length] = byte;
        return bytes;
      });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 40 }), mostlyAscii), fc.nat({ max: 40 }), (bytes, cut) => {
        let expected = true;
        try {
          fatal.decode(bytes);
        } catch {
          expected = false;
        }
        const validator = new Utf8Validator();
        validator.feed(bytes.subarray(0, cut));
        validator.feed(bytes.subarray(cut));
        expect(validator.isComplete).toBe(expected);
        expect(isValidUtf8(bytes)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts the largest code point and rejects the next', () => {
    expect(isValidUtf8(hex('f4 8f bf bf'))).toBe(true);
    expect(isValidUtf8(hex('f4 90 80 80'))).toBe(false);
  });
});

describe('UTF-8 text helpers', () => {
  it('round-trip any string without lone surrogates, like the platform', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(encodeUtf8(text)).toEqual(new TextEncoder().encode(text));
        expect(decodeUtf8(encodeUtf8(text))).toBe(text);
      }),
    );
  });

  it('replace invalid bytes with U+FFFD', () => {
    expect(decodeUtf8(hex('61 ff 62'))).toBe('a\ufffdb');
  });
});

describe('close codes (§7.4)', () => {
  it('names codes for the timeline', () => {
    expect(closeCodeName(1000)).toBe('Normal Closure');
    expect(closeCodeName(1009)).toBe('Message Too Big');
    expect(closeCodeName(4001)).toBe('Private Use (4000–4999)');
    expect(closeCodeName(42)).toBe('Invalid (42)');
    expect(renderMessage(chinese, closeCodeMessage(1000))).toBe('正常关闭');
    expect(renderMessage(chinese, closeCodeMessage(4001))).toBe('私有用途（4000–4999）');
    expect(renderMessage(chinese, closeCodeMessage(42))).toBe('无效（42）');
    // Every code with a name of its own has it in both languages (a missing key would come back as the key).
    for (let closeCode = 1000; closeCode <= 1015; closeCode++) {
      expect(renderMessage(english, closeCodeMessage(closeCode))).not.toMatch(/common:/);
      expect(renderMessage(chinese, closeCodeMessage(closeCode))).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('accepts on the wire only what §7.4.1 and the registry allow', () => {
    const valid = [];
    for (let closeCode = 0; closeCode < 6000; closeCode++) if (isValidWireCloseCode(closeCode)) valid.push(closeCode);
    expect(valid.filter((closeCode) => closeCode < 3000)).toEqual([1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014]);
    expect(valid.filter((closeCode) => closeCode >= 3000)).toHaveLength(2000);
  });
});
