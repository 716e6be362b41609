/** Below this size a plain loop beats creating a subarray for `set`. */
const loopCopyLimit = 64;

/**
 * Copies `source[start, end)` into a new plain Uint8Array. Input chunks may be Node Buffers, whose
 * `slice` returns a view; a record must own its bytes (the caller may reuse the chunk, and unmasking
 * must never write into it), so the decoder copies through this instead of calling `slice`.
 */
export function copyBytes(source: Uint8Array, start = 0, end = source.length): Uint8Array {
  const length = end - start;
  const copy = new Uint8Array(length);
  if (length <= loopCopyLimit) {
    for (let i = 0; i < length; i++) copy[i] = source[start + i] as number;
  } else {
    copy.set(source.subarray(start, end));
  }
  return copy;
}
