import { encodeUtf8 } from '../../shared/protocol/utf8-text.js';
import { bytesToHex } from './bytes.js';

/** C0 controls other than tab, line feed and carriage return, DEL, and the C1 controls. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NON_PRINTABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/**
 * True when text decoded from a payload is really binary: valid UTF-8 can still be control bytes
 * (`01 02 03 04` decodes to four C0 controls, which a font draws as empty boxes).
 */
export function isBinaryLooking(text: string): boolean {
  return NON_PRINTABLE.test(text);
}

/**
 * A payload preview as the timeline shows it: text as text, and text that is really binary as the
 * hex of its bytes (valid UTF-8 encodes back to the same bytes, so nothing is lost).
 */
export function displayPreview(preview: string, encoding: 'text' | 'hex'): { text: string; isHex: boolean } {
  if (encoding === 'hex') return { text: preview, isHex: true };
  if (!isBinaryLooking(preview)) return { text: preview, isHex: false };
  return { text: bytesToHex(encodeUtf8(preview), ' '), isHex: true };
}
