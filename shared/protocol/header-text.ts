/**
 * Header bytes ↔ strings without TextEncoder (shared/ has no DOM or Node types). Received heads are
 * decoded as ISO-8859-1 so every byte maps to one char and nothing is lost (RFC 9110 §5.5 treats
 * non-ASCII octets as opaque); text a user typed is sent as UTF-8, which is what they mean by it.
 */

/** One char per byte (Latin-1), lossless for any input. */
export function decodeLatin1(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let out = '';
  const step = 4096;
  for (let i = start; i < end; i += step) {
    out += String.fromCharCode(...bytes.subarray(i, Math.min(end, i + step)));
  }
  return out;
}


/** ASCII-only lower-casing, so header names compare the way RFC 9110 §5.1 says (case-insensitive ASCII). */
export function asciiLower(text: string): string {
  let needs = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) { needs = true; break; }
  }
  if (!needs) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out += c >= 0x41 && c <= 0x5a ? String.fromCharCode(c + 32) : text[i]!;
  }
  return out;
}

/** RFC 9110 §5.6.2 tchar: the characters allowed in a token (header names, extension names). */
export function isTokenChar(code: number): boolean {
  if (code >= 0x30 && code <= 0x39) return true;
  if ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a) return true;
  return code < 0x7f && "!#$%&'*+-.^_`|~".includes(String.fromCharCode(code));
}

/** True when `text` is a non-empty token (RFC 9110 §5.6.2). */
export function isToken(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) if (!isTokenChar(text.charCodeAt(i))) return false;
  return true;
}
