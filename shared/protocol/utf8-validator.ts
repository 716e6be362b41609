/**
 * Incremental UTF-8 validation (RFC 3629 §4, as §8.1 of RFC 6455 requires for text messages).
 * Fed the payload pieces of a message in order, so a code point split across fragments or chunks
 * is fine, and the first invalid byte is detected in the piece that contains it.
 */
export class Utf8Validator {
  /** Continuation bytes still expected for the current code point. */
  private pending = 0;
  /** Bounds for the next continuation byte; narrower than 80–BF right after E0, ED, F0 and F4. */
  private lower = 0x80;
  private upper = 0xbf;
  private failed = false;

  /** True once an invalid byte was seen; stays true. */
  get hasFailed(): boolean {
    return this.failed;
  }

  /** True when the bytes so far are valid and end on a code point boundary. */
  get isComplete(): boolean {
    return !this.failed && this.pending === 0;
  }

  /** Starts over for a new message. */
  reset(): void {
    this.pending = 0;
    this.lower = 0x80;
    this.upper = 0xbf;
    this.failed = false;
  }

  /** Validates the next bytes (those of `bytes` from `start` to `end`); returns false once the input is certainly invalid. */
  feed(bytes: Uint8Array, start = 0, end = bytes.length): boolean {
    if (this.failed) return false;
    const length = end;
    let pending = this.pending;
    let lower = this.lower;
    let upper = this.upper;
    for (let i = start; i < length; i++) {
      if (pending === 0) {
        // Text on the wire is mostly ASCII: four bytes at a time while no high bit is set.
        while (i + 4 <= length && (((bytes[i] as number) | (bytes[i + 1] as number) | (bytes[i + 2] as number) | (bytes[i + 3] as number)) & 0x80) === 0) i += 4;
        if (i === length) break;
      }
      const byte = bytes[i] as number;
      if (pending === 0) {
        if (byte < 0x80) continue;
        if (byte >= 0xc2 && byte <= 0xdf) {
          pending = 1;
        } else if (byte >= 0xe0 && byte <= 0xef) {
          pending = 2;
          // E0 would allow overlong forms; ED would encode UTF-16 surrogates (RFC 3629 §3).
          if (byte === 0xe0) lower = 0xa0;
          else if (byte === 0xed) upper = 0x9f;
        } else if (byte >= 0xf0 && byte <= 0xf4) {
          pending = 3;
          // F0 would allow overlong forms; F4 above 8F would pass U+10FFFF.
          if (byte === 0xf0) lower = 0x90;
          else if (byte === 0xf4) upper = 0x8f;
        } else {
          this.failed = true;
          return false;
        }
      } else {
        if (byte < lower || byte > upper) {
          this.failed = true;
          return false;
        }
        lower = 0x80;
        upper = 0xbf;
        pending--;
      }
    }
    this.pending = pending;
    this.lower = lower;
    this.upper = upper;
    return true;
  }
}

/** Whether a complete byte sequence is valid UTF-8. */
export function isValidUtf8(bytes: Uint8Array): boolean {
  const validator = new Utf8Validator();
  return validator.feed(bytes) && validator.isComplete;
}
