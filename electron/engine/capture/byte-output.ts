import { base64Bytes, maxNumberBytes, putBase64, putBytes, putHex, putNumber } from './byte-put.js';

const hexDigits = new TextEncoder().encode('0123456789abcdef');
const quoteByte = 0x22;
const backslash = 0x5c;
// What JSON.stringify writes after a backslash for a byte below 0x20 that has a short escape (ECMA-262 QuoteJSONString), else 0.
const shortEscapes = new Uint8Array(32);
for (const [byte, letter] of [[0x08, 'b'], [0x09, 't'], [0x0a, 'n'], [0x0c, 'f'], [0x0d, 'r']] as const) shortEscapes[byte] = letter.charCodeAt(0);
const zeroDigit = 0x30;

/**
 * A growing byte buffer that JSON text is written into directly: constant ASCII pieces, whole
 * numbers, base64 and strings, so a line per frame never builds a JS string of its own. Used by
 * the native file, `--json` output and HAR, which write one such line per frame.
 */
export class ByteOutput {
  private buffer: Buffer;
  private dataView: DataView;
  private used = 0;
  private hasOnlyPrintable = true;
  private lastTaken: Buffer | null = null;
  private spare: Buffer | null = null;

  constructor(private readonly initialBytes = 256 * 1024) {
    this.buffer = Buffer.allocUnsafe(initialBytes);
    this.dataView = viewOf(this.buffer);
  }

  /** Bytes written since the last `take`. */
  get length(): number {
    return this.used;
  }

  /**
   * True when everything written since the last `take` is printable ASCII, LF or TAB: it came
   * from constants, numbers, base64 and hex only (the CLI's terminal guard then has nothing to
   * look for in it).
   */
  get isPrintableAscii(): boolean {
    return this.hasOnlyPrintable;
  }

  /** The bytes written so far; the next writes go to a fresh buffer (a stream may still hold these). */
  take(): Buffer {
    const written = this.buffer.subarray(0, this.used);
    this.lastTaken = this.buffer;
    this.buffer = this.spare ?? Buffer.allocUnsafe(Math.max(this.initialBytes, Math.min(this.buffer.byteLength, 4 * this.initialBytes)));
    this.spare = null;
    this.dataView = viewOf(this.buffer);
    this.used = 0;
    this.hasOnlyPrintable = true;
    return written;
  }

  /**
   * Says nobody holds what the last `take` returned any more (its write is done), so the `take`
   * after next writes into that memory again: a writer with one write in flight alternates two
   * buffers instead of faulting in a fresh 256 KiB per batch (issue 12).
   */
  recycle(): void {
    this.spare = this.lastTaken;
    this.lastTaken = null;
  }

  /**
   * Room for `bytes` more bytes, for a writer that puts a whole line at once with the `put`
   * functions of byte-put.ts from `length` on and then calls `advance`. Only printable ASCII, LF
   * and TAB may be put there (what `isPrintableAscii` vouches for).
   */
  room(bytes: number): Buffer {
    this.reserve(bytes);
    return this.buffer;
  }

  /** A DataView of the buffer the last `room` returned, for the put functions that store words. */
  get view(): DataView {
    return this.dataView;
  }

  /** Ends a write into `room`: the bytes up to `end` are written. */
  advance(end: number): void {
    this.used = end;
  }

  /** Constant bytes: printable ASCII made once with `asciiBytes` (which `isPrintableAscii` relies on). */
  constant(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.used = putBytes(this.buffer, this.used, bytes);
  }

  /** A number as JSON writes it: digits for a safe whole number ≥ 0, `String(value)` otherwise. */
  number(value: number): void {
    this.reserve(maxNumberBytes);
    this.used = putNumber(this.buffer, this.used, value);
  }

  /** `bytes` as standard padded base64, without quotes. */
  base64(bytes: Uint8Array): void {
    this.reserve(base64Bytes(bytes.length));
    this.used = putBase64(this.dataView, this.used, bytes);
  }

  /** `bytes` as lowercase hex digits, without quotes. */
  hex(bytes: Uint8Array): void {
    this.reserve(bytes.length * 2);
    this.used = putHex(this.buffer, this.used, bytes);
  }

  /** Text that is already ASCII (numbers, fixed words). */
  ascii(text: string): void {
    this.reserve(text.length);
    this.hasOnlyPrintable = false;
    this.used += this.buffer.write(text, this.used, 'latin1');
  }

  /**
   * Valid UTF-8 `bytes` as a quoted JSON string: the bytes `JSON.stringify` gives for their text
   * (quote, backslash and bytes below 0x20 escaped, everything else as it is), without decoding
   * them to a string first. The caller has checked that they are valid UTF-8.
   */
  jsonStringOfUtf8(bytes: Uint8Array): void {
    const length = bytes.byteLength;
    // At most 6 bytes per input byte (\u00XX) and the two quotes.
    this.reserve(length * 6 + 2);
    this.hasOnlyPrintable = false;
    const out = this.buffer;
    let at = this.used;
    out[at++] = quoteByte;
    for (let index = 0; index < length; index += 1) {
      const byte = bytes[index] as number;
      if (byte >= 0x20 && byte !== quoteByte && byte !== backslash) {
        out[at++] = byte;
        continue;
      }
      out[at++] = backslash;
      if (byte === quoteByte || byte === backslash) out[at++] = byte;
      else if (shortEscapes[byte] !== 0) out[at++] = shortEscapes[byte] as number;
      else {
        out[at] = 0x75; // u
        out[at + 1] = zeroDigit;
        out[at + 2] = zeroDigit;
        out[at + 3] = hexDigits[byte >> 4] as number;
        out[at + 4] = hexDigits[byte & 15] as number;
        at += 5;
      }
    }
    out[at++] = quoteByte;
    this.used = at;
  }

  /** Any text, UTF-8 encoded (a JSON string already quoted and escaped, say). */
  utf8(text: string): void {
    this.reserve(text.length * 3);
    this.hasOnlyPrintable = false;
    this.used += this.buffer.write(text, this.used, 'utf8');
  }

  /** Raw bytes. */
  bytes(bytes: Uint8Array): void {
    this.reserve(bytes.byteLength);
    this.hasOnlyPrintable = false;
    this.buffer.set(bytes, this.used);
    this.used += bytes.byteLength;
  }

  private reserve(bytes: number): void {
    if (this.used + bytes <= this.buffer.byteLength) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.byteLength * 2, this.used + bytes));
    this.buffer.copy(grown, 0, 0, this.used);
    this.buffer = grown;
    this.dataView = viewOf(grown);
  }
}

function viewOf(buffer: Buffer): DataView {
  return new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/**
 * Printable ASCII text (LF and TAB allowed) as bytes, made once for `ByteOutput.constant`; any
 * other character throws, so a constant never spoils `isPrintableAscii`.
 */
export function asciiBytes(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => {
    const code = char.charCodeAt(0);
    if ((code < 0x20 && code !== 0x0a && code !== 0x09) || code > 0x7e) throw new Error(`asciiBytes: ${JSON.stringify(char)} is not printable ASCII`);
    return code;
  });
}
