import { isUtf8 } from 'node:buffer';
import { toSpacedHex } from './byte-text.js';

/** A preview string and how it was made (shared/contract/record-row.ts). */
export interface Preview {
  readonly payloadPreview: string;
  readonly previewEncoding: 'text' | 'hex';
}

// Validity is decided by isUtf8 first, so a lenient decoder only ever sees valid bytes.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Previews the first bytes of a payload: text when they are valid UTF-8, hex otherwise.
 * `isCut` says the bytes stop before the payload does, so a code point split at the cut is
 * dropped instead of turning the whole preview into hex. Called for every record a filter scans,
 * so it neither copies nor makes a decoder per call.
 */
export function previewPayload(bytes: Uint8Array, isCut: boolean): Preview {
  const end = isCut ? completeLength(bytes) : bytes.byteLength;
  const shown = end === bytes.byteLength ? bytes : bytes.subarray(0, end);
  if (isUtf8(shown)) return { payloadPreview: decoder.decode(shown), previewEncoding: 'text' };
  return { payloadPreview: toSpacedHex(bytes), previewEncoding: 'hex' };
}

// Where the bytes stop before a code point that the cut left unfinished (a lead byte and the
// continuation bytes allowed after it, fewer than it needs: RFC 3629 §4), else their length.
function completeLength(bytes: Uint8Array): number {
  const length = bytes.byteLength;
  for (let back = 1; back <= 3 && back <= length; back += 1) {
    const lead = bytes[length - back] as number;
    if ((lead & 0xc0) === 0x80) continue;
    const needed = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (needed <= back) return length;
    const second = bytes[length - back + 1];
    if (second !== undefined && !isAllowedSecond(lead, second)) return length;
    return length - back;
  }
  return length;
}

function isAllowedSecond(lead: number, second: number): boolean {
  if (lead === 0xe0) return second >= 0xa0 && second <= 0xbf;
  if (lead === 0xed) return second >= 0x80 && second <= 0x9f;
  if (lead === 0xf0) return second >= 0x90 && second <= 0xbf;
  if (lead === 0xf4) return second >= 0x80 && second <= 0x8f;
  return second >= 0x80 && second <= 0xbf;
}
