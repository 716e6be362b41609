/**
 * zlib has no 256-byte window for raw deflate (deflateInit2 rejects windowBits 8 without the zlib
 * wrapper), so a peer built on zlib that agreed to 8 bits compresses with 9. We do the same when
 * deflating and inflate with at least 9 so such a peer's messages still read.
 */
export function zlibWindowBits(windowBits: number): number {
  return Math.min(15, Math.max(9, windowBits));
}
