// Chunks whose writer vouches that they hold only printable ASCII, LF and TAB (ByteOutput's
// `isPrintableAscii`), so the terminal guard passes them on without scanning them again. Weakly
// held: a mark lives as long as its chunk.
const marked = new WeakSet<Uint8Array>();

/** Marks a chunk as printable ASCII, LF and TAB only; the caller must know it is. */
export function markPrintableAscii(chunk: Uint8Array): void {
  marked.add(chunk);
}

/** True when `chunk` was marked by `markPrintableAscii`. */
export function isMarkedPrintableAscii(chunk: Uint8Array): boolean {
  return marked.has(chunk);
}
