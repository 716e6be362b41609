import { PREVIEW_MAX_BYTES } from '../../../shared/contract/record-row.js';
import type { CaptureLog, PreviewSpan } from '../capture/capture-log.js';
import { previewPayload } from '../capture/payload-preview.js';

// ASCII letters fold to lower case; every other byte stays itself.
const foldedAscii = Uint8Array.from({ length: 128 }, (_, byte) => (byte >= 0x41 && byte <= 0x5a ? byte | 0x20 : byte));

/**
 * The timeline filter's search over a frame's payload preview (payload-preview.ts), answering
 * exactly as `matchesText(preview)` would, where `matchesText` is a case-insensitive substring test
 * for `search` (`isRegex` false) or a test of the pattern. A scan calls it for every record, so
 * when the preview bytes are ASCII, which are their own text, nothing is built for them: a plain
 * search compares the bytes folded to lower case, a pattern is tested on one string made straight
 * from them. Other bytes (UTF-8 beyond ASCII, hex previews) go through the preview text. A profile
 * of the filter before had the decoded and lower-cased previews in the garbage collector's time.
 */
export function previewSearch(search: string, isRegex: boolean, matchesText: (text: string) => boolean): (log: CaptureLog, seq: number) => boolean {
  const span: PreviewSpan = { slab: new Uint8Array(0), start: 0, end: 0, isCut: false };
  // Lower-cased ASCII text lower-cases to ASCII, so a needle with other characters never matches it.
  const needle = isRegex ? null : asciiBytes(search.toLowerCase());
  let slab: Uint8Array | null = null;
  let slabBuffer: Buffer = Buffer.alloc(0);
  return (log, seq) => {
    if (log.locatePreview(seq, PREVIEW_MAX_BYTES, span) && isAscii(span.slab, span.start, span.end)) {
      if (!isRegex) return needle !== null && includesFolded(span.slab, span.start, span.end, needle);
      if (span.slab !== slab) {
        slab = span.slab;
        slabBuffer = Buffer.from(slab.buffer, slab.byteOffset, slab.byteLength);
      }
      return matchesText(slabBuffer.toString('latin1', span.start, span.end));
    }
    const { bytes, isCut } = log.previewBytes(seq, PREVIEW_MAX_BYTES);
    return matchesText(previewPayload(bytes, isCut).payloadPreview);
  };
}

function asciiBytes(text: string): Uint8Array | null {
  const bytes = new Uint8Array(text.length);
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= 0x80) return null;
    bytes[index] = code;
  }
  return bytes;
}

function isAscii(bytes: Uint8Array, start: number, end: number): boolean {
  for (let index = start; index < end; index += 1) if ((bytes[index] as number) >= 0x80) return false;
  return true;
}

// Whether bytes [start, end), ASCII letters folded to lower case, contain `needle` (lower case already).
function includesFolded(bytes: Uint8Array, start: number, end: number, needle: Uint8Array): boolean {
  const length = needle.byteLength;
  const first = needle[0] as number;
  for (let at = start; at <= end - length; at += 1) {
    if (foldedAscii[bytes[at] as number] !== first) continue;
    let matched = 1;
    while (matched < length && foldedAscii[bytes[at + matched] as number] === needle[matched]) matched += 1;
    if (matched === length) return true;
  }
  return false;
}
