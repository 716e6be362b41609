import { ChunkedColumn, chunkMask, chunkShift } from './chunked-column.js';
import type { PrefaultLease } from './page-prefaulter.js';

/**
 * A chunked column of whole numbers that rise slowly with the index (a record's payload offset in
 * the arena, its microseconds since the session started), kept as 32-bit distances from the first
 * value of each chunk: 4 bytes an entry instead of a Float64Array's 8, 8 MB less for a million
 * records. A chunk holding a value that does not fit (one below the chunk's first, 2^32 or more
 * above it, or not a whole number: an imported capture's own timestamps, a fan-out clock's
 * fractions) becomes a Float64Array chunk from then on, so every value reads back exactly.
 * Values are set once each, in index order, as a capture log appends.
 */
export class RisingColumn {
  private readonly distances: ChunkedColumn<Uint32Array>;
  // The first value set in each chunk.
  private readonly bases: number[] = [];
  // The chunks that turned wide, by chunk index; usually none.
  private readonly wide: (Float64Array | undefined)[] = [];
  private hasWide = false;

  /** `prefaults`: where full chunks come from with their pages mapped (page-prefaulter.ts). */
  constructor(prefaults: PrefaultLease | null = null) {
    this.distances = new ChunkedColumn(Uint32Array, false, prefaults);
  }

  /** Entries the column can hold before it grows. */
  get capacity(): number {
    return this.distances.capacity;
  }

  /** Bytes allocated, for memory accounting. */
  get capacityBytes(): number {
    let bytes = this.distances.capacityBytes;
    for (const chunk of this.wide) bytes += chunk?.byteLength ?? 0;
    return bytes;
  }

  /** Makes room for entry `index`, which is at most one past the capacity. */
  reserve(index: number): void {
    this.distances.reserve(index);
    // A wide first chunk grows with the narrow one while that one doubles.
    const first = this.wide[0];
    const length = this.distances.chunkAt(0)?.length ?? 0;
    if (first !== undefined && first.length < length) {
      const grown = new Float64Array(length);
      grown.set(first);
      this.wide[0] = grown;
    }
  }

  /** Frees the whole chunks before `index` (ChunkedColumn.releaseBefore); their entries read as 0 afterwards. */
  releaseBefore(index: number): void {
    this.distances.releaseBefore(index);
    if (!this.hasWide) return;
    // The wide chunks go with the narrow ones they replace.
    const end = Math.min(index >>> chunkShift, this.wide.length);
    for (let at = 0; at < end; at += 1) if (this.distances.chunkAt(at << chunkShift) === null) this.wide[at] = undefined;
  }

  /** The value at `index` (0 where nothing was stored, or it was released). */
  get(index: number): number {
    const at = index >>> chunkShift;
    if (this.hasWide) {
      const wide = this.wide[at];
      if (wide !== undefined) return wide[index & chunkMask] as number;
    }
    const chunk = this.distances.chunkAt(index);
    return chunk ? (this.bases[at] as number) + (chunk[index & chunkMask] as number) : 0;
  }

  /** Sets the value at `index`, which must be reserved and one past the last index set. */
  set(index: number, value: number): void {
    const at = index >>> chunkShift;
    if (at === this.bases.length) this.bases.push(value);
    const wide = this.hasWide ? this.wide[at] : undefined;
    if (wide !== undefined) {
      wide[index & chunkMask] = value;
      return;
    }
    const distance = value - (this.bases[at] as number);
    // True only for a whole number from 0 to 2^32 - 1.
    if (distance >>> 0 === distance) this.distances.set(index, distance);
    else this.widen(at, index)[index & chunkMask] = value;
  }

  // Copies chunk `at`'s values before `index` into a Float64Array chunk that holds the chunk from now on.
  private widen(at: number, index: number): Float64Array {
    const narrow = this.distances.chunkAt(index) as Uint32Array;
    const base = this.bases[at] as number;
    const wide = new Float64Array(narrow.length);
    for (let within = 0; within < (index & chunkMask); within += 1) wide[within] = base + (narrow[within] as number);
    while (this.wide.length < at) this.wide.push(undefined);
    this.wide[at] = wide;
    this.hasWide = true;
    return wide;
  }
}
