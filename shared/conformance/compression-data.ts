import { encodeUtf8 } from '../protocol/utf8-text.js';

const recordTexts = Array.from({ length: 64 }, (_, i) =>
  `{"id":${1000 + i},"user":"user-${(i * 37) % 97}","event":"${['login', 'message', 'typing', 'logout'][i % 4]}","room":"room-${i % 7}","text":"message number ${i} with some words that repeat","at":${1_700_000_000 + i * 13}}\n`,
);
const recordStream = encodeUtf8(recordTexts.join(''));

/**
 * `bytes` of JSON-lines text, starting `offset` bytes into an endless, repeating stream of records:
 * compressible like real application traffic, different from one message to the next.
 */
export function jsonText(bytes: number, offset: number): Uint8Array {
  const out = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i++) out[i] = recordStream[(offset + i) % recordStream.length]!;
  return out;
}

/** `bytes` of binary data: runs of a few values mixed with noise, partly compressible. */
export function mixedBinary(bytes: number, seed: number): Uint8Array {
  const out = new Uint8Array(bytes);
  let state = (seed * 747796405 + 2891336453) >>> 0;
  for (let i = 0; i < bytes; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = (i >> 5) % 3 === 0 ? state >>> 24 : (i >> 7) & 0x0f;
  }
  return out;
}
