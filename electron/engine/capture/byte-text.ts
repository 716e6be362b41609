/** Bytes as standard base64, the record format's encoding for raw bytes (records.ts). */
export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Decodes base64 that a schema has already checked. */
export function fromBase64(text: string): Uint8Array {
  const buffer = Buffer.from(text, 'base64');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** A 4-byte masking key as a big-endian number, for the compact column. */
export function maskingKeyToNumber(key: Uint8Array): number {
  return (((key[0] ?? 0) << 24) | ((key[1] ?? 0) << 16) | ((key[2] ?? 0) << 8) | (key[3] ?? 0)) >>> 0;
}

/** A masking key number as the 8 lowercase hex digits of the record format. */
export function maskingKeyToHex(key: number): string {
  return key.toString(16).padStart(8, '0');
}

/** Lowercase hex byte pairs separated by spaces, as shown in previews. */
export function toSpacedHex(bytes: Uint8Array): string {
  let text = '';
  for (let index = 0; index < bytes.byteLength; index += 1) {
    if (index > 0) text += ' ';
    text += (bytes[index] as number).toString(16).padStart(2, '0');
  }
  return text;
}
