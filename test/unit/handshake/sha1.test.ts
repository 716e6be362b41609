import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeBase64, decodeBase64 } from '../../../shared/protocol/base64.js';
import { encodeUtf8 } from '../../../shared/protocol/utf8-text.js';
import { sha1 } from '../../../shared/protocol/sha1.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('sha1', () => {
  it('matches the FIPS 180 example vectors', () => {
    expect(hex(sha1(encodeUtf8('abc')))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(hex(sha1(new Uint8Array(0)))).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    expect(hex(sha1(encodeUtf8('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe('84983e441c3bd26ebaae4aa1f95129e5e54670f1');
    expect(hex(sha1(new Uint8Array(1_000_000).fill(0x61)))).toBe('34aa973cd4c4daa4f61eeb2bdbad27316534016f');
  });

  it('agrees with node:crypto on arbitrary input, including every padding boundary', () => {
    for (let length = 0; length < 200; length++) {
      const data = Uint8Array.from({ length }, (_, i) => (i * 31 + length) & 0xff);
      expect(hex(sha1(data))).toBe(createHash('sha1').update(data).digest('hex'));
    }
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), (data) => hex(sha1(data)) === createHash('sha1').update(data).digest('hex')));
  });
});

describe('base64', () => {
  it('matches Buffer for every length and decodes back', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 100 }), (data) => {
      const text = encodeBase64(data);
      expect(text).toBe(Buffer.from(data).toString('base64'));
      expect(decodeBase64(text)).toEqual(data);
    }));
  });

  it('rejects non-canonical text', () => {
    expect(decodeBase64('abc')).toBeNull();
    expect(decodeBase64('ab=c')).toBeNull();
    expect(decodeBase64('ab*c')).toBeNull();
    expect(decodeBase64('dGhlIHNhbXBsZSBub25jZQ==')).toEqual(encodeUtf8('the sample nonce'));
  });
});
