/** Bytes as standard base64, the record format's encoding for raw bytes (records.ts). */
export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Decodes base64 that a schema has already checked. */
export function fromBase64(text: string): Uint8Array {
  const buffer = Buffer.from(text, 'base64');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
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
