/** Byte helpers for the view: the contract carries bytes as base64 (shared/contract/api.ts). */

/** Decodes standard base64 into bytes. */
export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const strictDecoder = new TextDecoder('utf-8', { fatal: true });
const lenientDecoder = new TextDecoder('utf-8');

/** The text of `bytes`, or null when they are not valid UTF-8. */
export function utf8DecodeStrict(bytes: Uint8Array): string | null {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return null;
  }
}

/** The text of `bytes` with invalid sequences replaced by U+FFFD. */
export function utf8DecodeLenient(bytes: Uint8Array): string {
  return lenientDecoder.decode(bytes);
}

/** `0a0b0c0d`-style lowercase hex. */
export function bytesToHex(bytes: Uint8Array, separator = ''): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join(separator);
}

/** Parses hex digits, ignoring whitespace and an optional `0x`; null when malformed or odd-length. */
export function hexToBytes(text: string): Uint8Array | null {
  const digits = text.replace(/0x/gi, '').replace(/[\s,:]/g, '');
  if (digits.length % 2 !== 0 || /[^0-9a-fA-F]/.test(digits)) return null;
  const bytes = new Uint8Array(digits.length / 2);
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = Number.parseInt(digits.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/** Applies (or removes) a 4-byte XOR mask, RFC 6455 §5.3. */
export function applyMask(payload: Uint8Array, maskingKey: Uint8Array): Uint8Array {
  const out = new Uint8Array(payload.length);
  for (let i = 0; i < payload.length; i += 1) out[i] = (payload[i] ?? 0) ^ (maskingKey[i % 4] ?? 0);
  return out;
}
