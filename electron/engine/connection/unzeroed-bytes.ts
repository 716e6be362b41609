/**
 * The decoders' allocator in the engine (`allocateBytes`): a plain Uint8Array over memory Node does
 * not zero-fill, for payload copies and joins that overwrite every byte. Zero-filling a 1 MiB
 * payload before copying into it cost about as much as the copy (profile of `npm run bench` (c)).
 * Its own ArrayBuffer, not a slice of Node's shared pool, so a kept record holds only its bytes.
 */
export function unzeroedBytes(byteLength: number): Uint8Array {
  const buffer = Buffer.allocUnsafeSlow(byteLength);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, byteLength);
}
