// The byte writers behind ByteOutput, as plain functions over a buffer and a position that return
// the position after what they wrote: a writer that has reserved room for a whole line once
// (record-json.ts) calls them without a room check per field. The caller guarantees the room.

const alphabet = new TextEncoder().encode('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');
// Two base64 characters per 12-bit value, so a 3-byte group is two lookups.
const base64Pairs = new Uint16Array(4096).map((_, value) => (alphabet[value >> 6] as number) | ((alphabet[value & 63] as number) << 8));
const hexDigits = new TextEncoder().encode('0123456789abcdef');
// The two ASCII digits of 0–99, so a number is written two digits per division.
const digitPairs = new TextEncoder().encode(Array.from({ length: 100 }, (_, value) => String(value).padStart(2, '0')).join(''));
const equalsSign = 0x3d;
const equalsPair = equalsSign | (equalsSign << 8);
const zeroDigit = 0x30;
// Below this length a byte loop copies faster than TypedArray#set (measured: about 1.5 ns a byte
// against a set's 13–25 ns whatever the length).
const shortCopyBytes = 10;

/** The most bytes `putNumber` writes: `String(value)` of any number, `-0.0000012345678901234567` (25) say. */
export const maxNumberBytes = 25;

/** Room `putBase64` needs for `byteLength` bytes. */
export function base64Bytes(byteLength: number): number {
  // Integer division below 2^31 (every payload a capture holds); Math.ceil on a double costs more.
  return byteLength < 0x7fff_fffd ? (((byteLength + 2) / 3) | 0) * 4 : Math.ceil(byteLength / 3) * 4;
}

/** A short constant as little-endian 32-bit words, for `putWords`. */
export interface WordConstant {
  readonly words: Uint32Array;
  readonly length: number;
}

/** `bytes` as a `WordConstant`. */
export function wordConstant(bytes: Uint8Array): WordConstant {
  const words = new Uint32Array(Math.ceil(bytes.length / 4));
  new Uint8Array(words.buffer).set(bytes);
  return { words, length: bytes.length };
}

/**
 * Writes a word constant through a DataView of the target, four bytes per store: cheaper than a
 * copy for a constant of a few words. Up to 3 bytes past its end are overwritten with zeros, so
 * the caller's room must allow them and its next write must start at the returned position.
 */
export function putWords(view: DataView, at: number, constant: WordConstant): number {
  const words = constant.words;
  for (let index = 0; index < words.length; index += 1) view.setUint32(at + index * 4, words[index] as number, true);
  return at + constant.length;
}

/** Copies `bytes` to `target` at `at`. */
export function putBytes(target: Uint8Array, at: number, bytes: Uint8Array): number {
  const length = bytes.length;
  if (length < shortCopyBytes) for (let index = 0; index < length; index += 1) target[at + index] = bytes[index] as number;
  else target.set(bytes, at);
  return at + length;
}

/** A number as JSON writes it for a safe whole number ≥ 0 (its digits), `String(value)` otherwise. */
export function putNumber(target: Buffer, at: number, value: number): number {
  if (value >= 0 && value <= 0x7fff_ffff && (value | 0) === value) return putSmallNumber(target, at, value);
  if (!(value >= 0 && Number.isSafeInteger(value))) return at + target.write(String(value), at, 'latin1');
  const digits = digitCount(value);
  let rest = value;
  let end = at + digits;
  // Above 2^31 the low digits come from double arithmetic until what is left fits 32 bits.
  while (rest > 0x7fff_ffff) {
    const next = Math.floor(rest / 10);
    end -= 1;
    target[end] = zeroDigit + (rest - next * 10);
    rest = next;
  }
  putDigitsBackwards(target, end, rest);
  return at + digits;
}

/**
 * `bytes` as standard padded base64, without quotes, through a DataView of the target: the four
 * characters of a 3-byte group are one 32-bit store (about half the time of four byte stores).
 */
export function putBase64(view: DataView, at: number, bytes: Uint8Array): number {
  return putBase64Of(view, at, bytes, 0, bytes.length);
}

/** `bytes[start, end)` as `putBase64` writes them, without a view of that range. */
export function putBase64Of(view: DataView, at: number, bytes: Uint8Array, start: number, end: number): number {
  const length = end - start;
  const full = start + length - (length % 3);
  let index = start;
  for (; index < full; index += 3) {
    const group = ((bytes[index] as number) << 16) | ((bytes[index + 1] as number) << 8) | (bytes[index + 2] as number);
    view.setUint32(at, (base64Pairs[group >>> 12] as number) | ((base64Pairs[group & 4095] as number) << 16), true);
    at += 4;
  }
  if (end - full === 1) {
    view.setUint32(at, (base64Pairs[(bytes[index] as number) << 4] as number) | (equalsPair << 16), true);
    at += 4;
  } else if (end - full === 2) {
    const group = ((bytes[index] as number) << 10) | ((bytes[index + 1] as number) << 2);
    view.setUint32(at, (base64Pairs[group >>> 6] as number) | ((alphabet[group & 63] as number) << 16) | (equalsSign << 24), true);
    at += 4;
  }
  return at;
}

/** `bytes` as lowercase hex digits, without quotes. */
export function putHex(target: Uint8Array, at: number, bytes: Uint8Array): number {
  for (let index = 0; index < bytes.length; index += 1) {
    const byte = bytes[index] as number;
    target[at] = hexDigits[byte >> 4] as number;
    target[at + 1] = hexDigits[byte & 15] as number;
    at += 2;
  }
  return at;
}

// Seqs, message ids, lengths and times below 2^31: 32-bit integer arithmetic, two digits a step.
function putSmallNumber(target: Uint8Array, at: number, value: number): number {
  const end = at + digitCount(value);
  putDigitsBackwards(target, end, value);
  return end;
}

// Writes the digits of `value` (0 ≤ value < 2^31) so that the last one ends just before `end`.
function putDigitsBackwards(target: Uint8Array, end: number, value: number): void {
  let rest = value;
  while (rest >= 100) {
    const next = (rest / 100) | 0;
    const pair = (rest - next * 100) * 2;
    end -= 2;
    target[end] = digitPairs[pair] as number;
    target[end + 1] = digitPairs[pair + 1] as number;
    rest = next;
  }
  if (rest >= 10) {
    target[end - 2] = digitPairs[rest * 2] as number;
    target[end - 1] = digitPairs[rest * 2 + 1] as number;
  } else target[end - 1] = zeroDigit + rest;
}

// Digits of a safe whole number ≥ 0.
function digitCount(value: number): number {
  if (value < 100_000) return value < 10 ? 1 : value < 100 ? 2 : value < 1000 ? 3 : value < 10_000 ? 4 : 5;
  if (value < 10_000_000_000) return value < 1_000_000 ? 6 : value < 10_000_000 ? 7 : value < 100_000_000 ? 8 : value < 1_000_000_000 ? 9 : 10;
  let digits = 11;
  for (let limit = 100_000_000_000; value >= limit; limit *= 10) digits += 1;
  return digits;
}
