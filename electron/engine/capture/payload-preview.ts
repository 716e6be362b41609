import { toSpacedHex } from './byte-text.js';

/** A preview string and how it was made (shared/contract/record-row.ts). */
export interface Preview {
  readonly payloadPreview: string;
  readonly previewEncoding: 'text' | 'hex';
}

/**
 * Previews the first bytes of a payload: text when they are valid UTF-8, hex otherwise.
 * `isCut` says the bytes stop before the payload does, so a code point split at the cut is
 * dropped instead of turning the whole preview into hex.
 */
export function previewPayload(bytes: Uint8Array, isCut: boolean): Preview {
  // A new decoder per call: a streaming decode leaves state behind when the cut splits a code point.
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  try {
    return { payloadPreview: decoder.decode(bytes, { stream: isCut }), previewEncoding: 'text' };
  } catch {
    return { payloadPreview: toSpacedHex(bytes), previewEncoding: 'hex' };
  }
}
