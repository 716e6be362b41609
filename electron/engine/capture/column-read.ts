import { chunkMask, type ChunkedColumn } from './chunked-column.js';

// One reader per typed-array kind: `ChunkedColumn#get` is one function for all four kinds, so its
// element load sees four array types and stays polymorphic in the hot read-back loop (the CLI
// printer, exports); each function here only ever sees its own kind.

/** The value at `index` of a Uint32Array column (0 where nothing was stored). */
export function uint32At(column: ChunkedColumn<Uint32Array>, index: number): number {
  const chunk = column.chunkAt(index);
  return chunk ? (chunk[index & chunkMask] ?? 0) : 0;
}

/** The value at `index` of a Uint16Array column (0 where nothing was stored). */
export function uint16At(column: ChunkedColumn<Uint16Array>, index: number): number {
  const chunk = column.chunkAt(index);
  return chunk ? (chunk[index & chunkMask] ?? 0) : 0;
}

/** The value at `index` of a Uint8Array column (0 where nothing was stored). */
export function uint8At(column: ChunkedColumn<Uint8Array>, index: number): number {
  const chunk = column.chunkAt(index);
  return chunk ? (chunk[index & chunkMask] ?? 0) : 0;
}
