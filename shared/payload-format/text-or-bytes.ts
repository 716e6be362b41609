import { decodeUtf8 } from '../protocol/utf8-text.js';
import { Utf8Validator } from '../protocol/utf8-validator.js';

/**
 * A payload as text when it is valid UTF-8 without control characters other than tab, CR, LF
 * (what a person would call text), else the bytes themselves, for trees and previews.
 */
export function textOrBytes(bytes: Uint8Array): string | Uint8Array {
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return bytes;
    if (byte === 0x7f) return bytes;
  }
  const validator = new Utf8Validator();
  return validator.feed(bytes) && validator.isComplete ? decodeUtf8(bytes) : bytes;
}
