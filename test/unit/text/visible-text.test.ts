import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasHostileCharacter, jsonEscapedHiddenCharacters, visiblePieces, visibleText } from '../../../shared/text/visible-text.js';

// Characters that must never reach a screen or a terminal raw: controls, bidi controls, separators.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const neverRaw = /[\u0000-\u001f\u007f-\u009f\u061c\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2069\u2028\u2029\ufeff]/u;

describe('visibleText', () => {
  it.each([
    ['\u202Egnp.exe', '\\u202egnp.exe'],
    ['invoice\u202Efdp.scr', 'invoice\\u202efdp.scr'],
    ['\u2066isolated\u2069', '\\u2066isolated\\u2069'],
    ['\u2067\u2068\u202A\u202B\u202C\u202D', '\\u2067\\u2068\\u202a\\u202b\\u202c\\u202d'],
    ['ad\u200Bmin', 'ad\\u200bmin'],
    ['\u200E\u200F\u061C', '\\u200e\\u200f\\u061c'],
    ['\uFEFF{"a":1}', '\\ufeff{"a":1}'],
    ['soft\u00ADhyphen', 'soft\\xadhyphen'],
    ['word\u2060joiner', 'word\\u2060joiner'],
    ['un\u2065assigned', 'un\\u2065assigned'],
    ['\u001b[31mred\u001b[0m', '\\x1b[31mred\\x1b[0m'],
    ['bell\u0007', 'bell\\x07'],
    ['nul\u0000', 'nul\\x00'],
    ['del\u007f', 'del\\x7f'],
    ['csi\u009b2J', 'csi\\x9b2J'],
    ['next\u0085line', 'next\\x85line'],
    ['line\u2028para\u2029', 'line\\u2028para\\u2029'],
    ['lone\uD800', 'lone\\ud800'],
    ['tag\u{E0041}', 'tag\\u{e0041}'],
    ['filler\u3164\u115F', 'filler\\u3164\\u115f'],
    ['a\uFE0F', 'a\\ufe0f'],
    ['a\u200Db', 'a\\u200db'],
    ['a\r\nb\tc', 'a\\r\\nb\\tc'],
  ])('escapes %j', (input, expected) => {
    expect(visibleText(input)).toBe(expected);
    expect(hasHostileCharacter(input)).toBe(true);
  });

  it.each(['plain ascii', 'Grüße, café', 'مرحبا بالعالم', 'שלום', '日本語のテキスト', 'e\u0301', '👩‍💻 ok', '❤️', '1️⃣', '👍🏽', '🏳️‍🌈'])('keeps readable text as it is: %s', (input) => {
    expect(visibleText(input)).toBe(input);
  });

  it('keeps line breaks in a multi-line view, but not a bare CR', () => {
    expect(visibleText('a\r\nb\n\tc\rd\u202E', { keepLineBreaks: true })).toBe('a\r\nb\n\tc\\rd\\u202e');
  });

  it('splits into pieces that a view can mark, with the code point each escape stands for', () => {
    expect(visiblePieces('x\u202Egnp.exe')).toEqual([
      { text: 'x', isEscape: false },
      { text: '\\u202e', isEscape: true, codePoint: 'U+202E' },
      { text: 'gnp.exe', isEscape: false },
    ]);
    expect(visiblePieces('plain')).toEqual([{ text: 'plain', isEscape: false }]);
    expect(visiblePieces('')).toEqual([]);
    expect(visiblePieces('\u{E0041}')).toEqual([{ text: '\\u{e0041}', isEscape: true, codePoint: 'U+E0041' }]);
  });

  it('never lets a control, bidi or invisible character through, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), (graphemes, anything) => {
        expect(visibleText(graphemes + anything)).not.toMatch(neverRaw);
        expect(visiblePieces(graphemes + anything).map((piece) => piece.text).join('')).toBe(visibleText(graphemes + anything));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('jsonEscapedHiddenCharacters', () => {
  it('turns a JSON line into an equivalent one with no hidden character', () => {
    const value = { name: '\u202Egnp.exe', del: '\u007f', c1: '\u009b', zw: 'a\u200Bb', tag: '\u{E0041}', emoji: '👩‍💻', lone: '\uD800' };
    const line = JSON.stringify(value);
    const escaped = jsonEscapedHiddenCharacters(line);
    expect(escaped).not.toMatch(neverRaw);
    expect(JSON.parse(escaped)).toEqual(value);
  });

  it('keeps LF and TAB, which structure plain text lines', () => {
    expect(jsonEscapedHiddenCharacters('a\tb\nc\rd\u001b')).toBe('a\tb\nc\\u000dd\\u001b');
  });
});
