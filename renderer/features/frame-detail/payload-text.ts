import { encodeBase64 } from '../../../shared/protocol/base64.js';
import { bytesToHex, utf8DecodeLenient, utf8DecodeStrict } from '../../lib/bytes.js';
import { layoutJson } from '../../lib/json-layout.js';
import { isBinaryLooking } from '../../lib/printable.js';

/** Validation only: the parsed value is thrown away, the view keeps the received text. */
export function isValidJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Bytes as text for reading or diffing: valid JSON laid out token by token, text as is, binary as hex, 16 bytes a line. */
export function readableText(bytes: Uint8Array): string {
  const text = utf8DecodeStrict(bytes);
  if (text !== null && !isBinaryLooking(text)) return isValidJson(text) ? (layoutJson(text) ?? text) : text;
  const lines: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += 16) lines.push(bytesToHex(bytes.subarray(offset, offset + 16), ' '));
  return lines.join('\n');
}

/** The payload as clipboard text in one of three forms. */
export function payloadAs(bytes: Uint8Array, form: 'text' | 'hex' | 'base64'): string {
  if (form === 'hex') return bytesToHex(bytes, ' ');
  if (form === 'base64') return encodeBase64(bytes);
  return utf8DecodeLenient(bytes);
}
