const alphabet = new TextEncoder().encode('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');
// Two base64 characters per 12-bit value, so a 3-byte group is two lookups.
const base64Pairs = new Uint16Array(4096).map((_, value) => (alphabet[value >> 6] as number) | ((alphabet[value & 63] as number) << 8));
const hexDigits = new TextEncoder().encode('0123456789abcdef');
const equalsSign = 0x3d;
const quoteByte = 0x22;
const backslash = 0x5c;
// What JSON.stringify writes after a backslash for a byte below 0x20 that has a short escape (ECMA-262 QuoteJSONString), else 0.
const shortEscapes = new Uint8Array(32);
for (const [byte, letter] of [[0x08, 'b'], [0x09, 't'], [0x0a, 'n'], [0x0c, 'f'], [0x0d, 'r']] as const) shortEscapes[byte] = letter.charCodeAt(0);
const zeroDigit = 0x30;
// Constants up to this length are copied byte by byte; TypedArray#set costs more than that.
const shortConstantBytes = 24;

/**
 * A growing byte buffer that JSON text is written into directly: constant ASCII pieces, whole
 * numbers, base64 and strings, so a line per frame never builds a JS string of its own. Used by
 * the native file, `--json` output and HAR, which write one such line per frame.
 */
export class ByteOutput {
  private buffer: Buffer;
  private used = 0;

  constructor(private readonly initialBytes = 256 * 1024) {
    this.buffer = Buffer.allocUnsafe(initialBytes);
  }

  /** Bytes written since the last `take`. */
  get length(): number {
    return this.used;
  }

  /** The bytes written so far; the next writes go to a fresh buffer (a stream may still hold these). */
  take(): Buffer {
    const written = this.buffer.subarray(0, this.used);
    this.buffer = Buffer.allocUnsafe(Math.max(this.initialBytes, Math.min(this.buffer.byteLength, 4 * this.initialBytes)));
    this.used = 0;
    return written;
  }

  /** Constant bytes (ASCII text made once with `asciiBytes`). */
  constant(bytes: Uint8Array): void {
    const length = bytes.byteLength;
    this.reserve(length);
    const at = this.used;
    if (length <= shortConstantBytes) for (let index = 0; index < length; index += 1) this.buffer[at + index] = bytes[index] as number;
    else this.buffer.set(bytes, at);
    this.used = at + length;
  }

  /** A number as JSON writes it: digits for a safe whole number ≥ 0, `String(value)` otherwise. */
  number(value: number): void {
    if (value >= 0 && value <= 0x7fff_ffff && (value | 0) === value) return this.smallNumber(value);
    if (!(value >= 0 && Number.isSafeInteger(value))) return this.ascii(String(value));
    let digits = 1;
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits += 1;
    this.reserve(digits);
    let rest = value;
    for (let at = this.used + digits - 1; at >= this.used; at -= 1) {
      this.buffer[at] = zeroDigit + (rest % 10);
      rest = Math.floor(rest / 10);
    }
    this.used += digits;
  }

  // Seqs, message ids and lengths: 32-bit integer arithmetic instead of Math.floor on doubles.
  private smallNumber(value: number): void {
    let digits = 1;
    for (let rest = value; rest >= 10; rest = (rest / 10) | 0) digits += 1;
    this.reserve(digits);
    const buffer = this.buffer;
    let rest = value;
    for (let at = this.used + digits - 1; at >= this.used; at -= 1) {
      const next = (rest / 10) | 0;
      buffer[at] = zeroDigit + rest - next * 10;
      rest = next;
    }
    this.used += digits;
  }

  /** `bytes` as standard padded base64, without quotes. */
  base64(bytes: Uint8Array): void {
    const length = bytes.byteLength;
    this.reserve(Math.ceil(length / 3) * 4);
    const out = this.buffer;
    let at = this.used;
    const full = length - (length % 3);
    let index = 0;
    for (; index < full; index += 3) {
      const group = ((bytes[index] as number) << 16) | ((bytes[index + 1] as number) << 8) | (bytes[index + 2] as number);
      const high = base64Pairs[group >>> 12] as number;
      const low = base64Pairs[group & 4095] as number;
      out[at] = high & 0xff;
      out[at + 1] = high >>> 8;
      out[at + 2] = low & 0xff;
      out[at + 3] = low >>> 8;
      at += 4;
    }
    if (length - full === 1) {
      const pair = base64Pairs[(bytes[index] as number) << 4] as number;
      out[at] = pair & 0xff;
      out[at + 1] = pair >>> 8;
      out[at + 2] = equalsSign;
      out[at + 3] = equalsSign;
      at += 4;
    } else if (length - full === 2) {
      const group = ((bytes[index] as number) << 10) | ((bytes[index + 1] as number) << 2);
      const pair = base64Pairs[group >>> 6] as number;
      out[at] = pair & 0xff;
      out[at + 1] = pair >>> 8;
      out[at + 2] = alphabet[group & 63] as number;
      out[at + 3] = equalsSign;
      at += 4;
    }
    this.used = at;
  }

  /** `bytes` as lowercase hex digits, without quotes. */
  hex(bytes: Uint8Array): void {
    this.reserve(bytes.byteLength * 2);
    let at = this.used;
    for (let index = 0; index < bytes.byteLength; index += 1) {
      const byte = bytes[index] as number;
      this.buffer[at] = hexDigits[byte >> 4] as number;
      this.buffer[at + 1] = hexDigits[byte & 15] as number;
      at += 2;
    }
    this.used = at;
  }

  /** Text that is already ASCII (numbers, fixed words). */
  ascii(text: string): void {
    this.reserve(text.length);
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
    this.used += this.buffer.write(text, this.used, 'utf8');
  }

  /** Raw bytes. */
  bytes(bytes: Uint8Array): void {
    this.reserve(bytes.byteLength);
    this.buffer.set(bytes, this.used);
    this.used += bytes.byteLength;
  }

  private reserve(bytes: number): void {
    if (this.used + bytes <= this.buffer.byteLength) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.byteLength * 2, this.used + bytes));
    this.buffer.copy(grown, 0, 0, this.used);
    this.buffer = grown;
  }
}

/** ASCII text as bytes, made once for `ByteOutput.constant`. */
export function asciiBytes(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0));
}
