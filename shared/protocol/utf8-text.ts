import { Utf8Validator } from './utf8-validator.js';

const replacementCharacter = 0xfffd;

/** The runtime's fatal UTF-8 TextDecoder (WHATWG Encoding: Node, Electron and browsers all have one), if any. */
const nativeDecoder = createNativeDecoder();

/**
 * Decodes UTF-8 to a string, replacing each invalid sequence with U+FFFD. Valid text goes through
 * the runtime's TextDecoder when there is one (application protocols decode every message, and it
 * is several times faster); invalid text, and runtimes without one, take the code below, so the
 * replacement rule is always ours. shared/ has no TextDecoder in its type libraries, hence the lookup.
 */
export function decodeUtf8(bytes: Uint8Array): string {
  if (nativeDecoder !== undefined) {
    try {
      return nativeDecoder.decode(bytes);
    } catch {
      // Invalid UTF-8: replaced below, sequence by sequence.
    }
  }
  if (isAscii(bytes)) return fromCodeUnits(bytes);
  const codeUnits: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    const length = validSequenceLength(bytes, i);
    if (length === 0) {
      codeUnits.push(replacementCharacter);
      i++;
      continue;
    }
    pushCodePoint(codeUnits, readCodePoint(bytes, i, length));
    i += length;
  }
  return fromCodeUnits(codeUnits);
}

/** ASCII is the common case for protocol text (JSON, STOMP headers); it needs no validation. */
function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if ((bytes[i] as number) >= 0x80) return false;
  return true;
}

function fromCodeUnits(codeUnits: ArrayLike<number> & { slice(start: number, end: number): ArrayLike<number> }): string {
  if (codeUnits.length <= 4096) return String.fromCharCode.apply(null, codeUnits as number[]);
  let text = '';
  for (let start = 0; start < codeUnits.length; start += 4096) {
    text += String.fromCharCode.apply(null, codeUnits.slice(start, start + 4096) as number[]);
  }
  return text;
}

/** Encodes a string as UTF-8; lone surrogates become U+FFFD, as in the WHATWG encoder. */
export function encodeUtf8(text: string): Uint8Array {
  const bytes: number[] = [];
  for (const char of text) {
    let codePoint = char.codePointAt(0) as number;
    if (codePoint >= 0xd800 && codePoint <= 0xdfff) codePoint = replacementCharacter;
    if (codePoint < 0x80) {
      bytes.push(codePoint);
    } else if (codePoint < 0x800) {
      bytes.push(0xc0 | (codePoint >> 6), 0x80 | (codePoint & 0x3f));
    } else if (codePoint < 0x10000) {
      bytes.push(0xe0 | (codePoint >> 12), 0x80 | ((codePoint >> 6) & 0x3f), 0x80 | (codePoint & 0x3f));
    } else {
      bytes.push(
        0xf0 | (codePoint >> 18),
        0x80 | ((codePoint >> 12) & 0x3f),
        0x80 | ((codePoint >> 6) & 0x3f),
        0x80 | (codePoint & 0x3f),
      );
    }
  }
  return Uint8Array.from(bytes);
}

function validSequenceLength(bytes: Uint8Array, start: number): number {
  const lead = bytes[start] as number;
  const length = lead < 0x80 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
  if (start + length > bytes.length) return 0;
  const validator = new Utf8Validator();
  return validator.feed(bytes.subarray(start, start + length)) && validator.isComplete ? length : 0;
}

function readCodePoint(bytes: Uint8Array, start: number, length: number): number {
  const lead = bytes[start] as number;
  if (length === 1) return lead;
  let codePoint = lead & (0x7f >> length);
  for (let i = 1; i < length; i++) codePoint = (codePoint << 6) | ((bytes[start + i] as number) & 0x3f);
  return codePoint;
}

function pushCodePoint(codeUnits: number[], codePoint: number): void {
  if (codePoint < 0x10000) {
    codeUnits.push(codePoint);
    return;
  }
  const offset = codePoint - 0x10000;
  codeUnits.push(0xd800 + (offset >> 10), 0xdc00 + (offset & 0x3ff));
}

interface FatalUtf8Decoder {
  decode(bytes: Uint8Array): string;
}

function createNativeDecoder(): FatalUtf8Decoder | undefined {
  const constructor = (globalThis as { TextDecoder?: new (label: string, options: { fatal: boolean; ignoreBOM: boolean }) => FatalUtf8Decoder }).TextDecoder;
  // ignoreBOM keeps a leading U+FEFF as text, as the code below does.
  return constructor === undefined ? undefined : new constructor('utf-8', { fatal: true, ignoreBOM: true });
}
