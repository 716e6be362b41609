import { PREVIEW_MAX_BYTES } from '../../../shared/contract/record-row.js';
import type { CaptureLog, PreviewSpan } from '../capture/capture-log.js';
import { previewPayload } from '../capture/payload-preview.js';

/**
 * The timeline filter's test of a frame's payload preview (payload-preview.ts): `matchesText`
 * (a case-insensitive substring test or a pattern) applied to the preview text, found without a
 * view, a preview object or a decoder call when the preview bytes are ASCII, which are their own
 * text: they are located in place and made into one string straight from their slab. Other bytes
 * (UTF-8 beyond ASCII, hex previews) go through the preview as the timeline builds it. A scan calls
 * this for every record.
 */
export function previewSearch(matchesText: (text: string) => boolean): (log: CaptureLog, seq: number) => boolean {
  const span: PreviewSpan = { slab: new Uint8Array(0), start: 0, end: 0, isCut: false };
  let slab: Uint8Array | null = null;
  let slabBuffer: Buffer = Buffer.alloc(0);
  return (log, seq) => {
    if (log.locatePreview(seq, PREVIEW_MAX_BYTES, span) && isAscii(span.slab, span.start, span.end)) {
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

function isAscii(bytes: Uint8Array, start: number, end: number): boolean {
  for (let index = start; index < end; index += 1) if ((bytes[index] as number) >= 0x80) return false;
  return true;
}
