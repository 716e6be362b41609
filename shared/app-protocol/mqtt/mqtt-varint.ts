/** Writes a Variable Byte Integer (MQTT 5 §1.5.5): seven bits per byte, least significant first. */
export function writeVarint(value: number): number[] {
  const out: number[] = [];
  let rest = Math.max(0, Math.floor(value));
  do {
    let byte = rest % 128;
    rest = Math.floor(rest / 128);
    if (rest > 0) byte |= 0x80;
    out.push(byte);
  } while (rest > 0);
  return out;
}

/**
 * Reads the Remaining Length after a fixed header's first byte: the value and how many bytes it
 * took, `'incomplete'` when the buffer ends inside it, or `'malformed'` past four bytes.
 */
export function readRemainingLength(bytes: Uint8Array, offset: number): { value: number; length: number } | 'incomplete' | 'malformed' {
  let value = 0;
  for (let i = 0; i < 4; i++) {
    const byte = bytes[offset + i];
    if (byte === undefined) return 'incomplete';
    value += (byte & 0x7f) * 128 ** i;
    if ((byte & 0x80) === 0) return { value, length: i + 1 };
  }
  return 'malformed';
}
