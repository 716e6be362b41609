/** Below this size a plain loop beats creating a subarray for `set`. */
const loopCopyLimit = 64;

/**
 * Makes a buffer of `byteLength` bytes that the caller overwrites whole. The default zero-fills
 * (`new Uint8Array`); an owner with a runtime that can skip that (Node's `Buffer.allocUnsafe`)
 * passes its own, which must return a plain Uint8Array the caller may keep.
 */
export type ByteAllocator = (byteLength: number) => Uint8Array;

/** The runtime-neutral allocator: zero-filled memory. */
export const zeroFilledBytes: ByteAllocator = (byteLength) => new Uint8Array(byteLength);

/**
 * Copies `source[start, end)` into a new plain Uint8Array. Input chunks may be Node Buffers, whose
 * `slice` returns a view; a record must own its bytes (the caller may reuse the chunk, and unmasking
 * must never write into it), so the decoder copies through this instead of calling `slice`. A copy
 * longer than a few dozen bytes comes from `allocate`.
 */
export function copyBytes(source: Uint8Array, start = 0, end = source.length, allocate: ByteAllocator = zeroFilledBytes): Uint8Array {
  const length = end - start;
  const copy = ownedBytes(length, allocate);
  if (length <= loopCopyLimit) {
    for (let i = 0; i < length; i++) copy[i] = source[start + i] as number;
    return copy;
  }
  // A plain constructor call: a Buffer's subarray looks up the species constructor every time.
  copy.set(new Uint8Array(source.buffer, source.byteOffset + start, length));
  return copy;
}

/**
 * A new buffer of `byteLength` bytes that the caller fills whole: a plain array for a few dozen
 * bytes (an allocator such as Node's gives each call an ArrayBuffer of its own), else `allocate`'s.
 */
export function ownedBytes(byteLength: number, allocate: ByteAllocator = zeroFilledBytes): Uint8Array {
  return byteLength <= loopCopyLimit ? new Uint8Array(byteLength) : allocate(byteLength);
}
