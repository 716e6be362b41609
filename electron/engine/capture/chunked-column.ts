import type { PrefaultLease } from './page-prefaulter.js';

/** The typed arrays a chunked column can hold. */
export type NumberArray = Float64Array | Uint32Array | Uint16Array | Uint8Array;

/** How a chunked column allocates one chunk, or views a buffer as one. */
export interface NumberArrayConstructor<T extends NumberArray> {
  new (length: number): T;
  new (buffer: ArrayBuffer): T;
  readonly BYTES_PER_ELEMENT: number;
}

/** Records per full chunk: 64 Ki, so an index splits into chunk and offset with a shift and a mask. */
export const chunkShift = 16;
const chunkSize = 1 << chunkShift;
/** The offset of an index within its chunk: `index & chunkMask`. */
export const chunkMask = chunkSize - 1;
const firstChunkSize = 256;

/**
 * One fixed-size field of every record, stored in chunks of 64 Ki entries. Only the first chunk
 * grows by doubling (from 256 entries, so a short session costs little); later chunks are
 * allocated whole and never copied, so growth never holds two copies of the column and the slack
 * is at most one chunk (DESIGN.md "Performance principles"). A column that is mostly zero (the
 * masking key of a server's frames) may be `isMostlyZero`: a chunk is allocated only once a value
 * other than zero lands in it.
 */
export class ChunkedColumn<T extends NumberArray> {
  private readonly chunks: (T | null)[] = [];
  private firstLength = firstChunkSize;
  // Chunks before this one were released (`releaseBefore`).
  private releasedChunks = 0;
  // A released full chunk kept to be the next one: its pages are mapped already, and a fresh
  // chunk's first writes fault them in (about 12 µs a page on the bench machine).
  private spare: T | null = null;

  /**
   * `prefaults`: where full chunks come from with their pages mapped (page-prefaulter.ts); without
   * one, or when none is ready, a chunk is allocated here.
   */
  constructor(private readonly create: NumberArrayConstructor<T>, private readonly isMostlyZero = false, private readonly prefaults: PrefaultLease | null = null) {
    this.chunks.push(isMostlyZero ? null : new create(firstChunkSize));
  }

  /** Entries the column can hold before it grows. */
  get capacity(): number {
    return (this.chunks.length - 1) * chunkSize + (this.chunks.length === 1 ? this.firstLength : chunkSize);
  }

  /** Bytes allocated, for memory accounting. */
  get capacityBytes(): number {
    let bytes = 0;
    for (const chunk of this.chunks) bytes += chunk?.byteLength ?? 0;
    return bytes;
  }

  /** Makes room for entry `index`, which is at most one past the capacity. */
  reserve(index: number): void {
    if (index < this.capacity) return;
    const chunks = this.chunks;
    if (chunks.length === 1 && this.firstLength < chunkSize) {
      this.firstLength = Math.min(chunkSize, this.firstLength * 2);
      // The next chunk will be a full one: have one made ahead.
      if (this.firstLength === chunkSize && !this.isMostlyZero) this.prefaults?.expect(this.chunkBytes);
      const first = chunks[0];
      if (first) {
        const grown = new this.create(this.firstLength);
        grown.set(first);
        chunks[0] = grown;
      }
      return;
    }
    chunks.push(this.isMostlyZero ? null : this.fullChunk());
  }

  /**
   * Frees the whole chunks that lie before `index` (never the one holding it, so appends go on);
   * their entries read as 0 afterwards, so the owner must not read them (CaptureLog checks).
   */
  releaseBefore(index: number): void {
    const end = Math.min(index >>> chunkShift, this.chunks.length - 1);
    for (let at = this.releasedChunks; at < end; at += 1) {
      const chunk = this.chunks[at];
      if (chunk && chunk.length === chunkSize) this.spare = chunk;
      this.chunks[at] = null;
    }
    this.releasedChunks = Math.max(this.releasedChunks, end);
  }

  /** The value at `index`. */
  get(index: number): number {
    return (this.chunks[index >>> chunkShift]?.[index & chunkMask] as number | undefined) ?? 0;
  }

  /** The chunk holding `index` (null or undefined where nothing was stored), for the per-kind readers of column-read.ts. */
  chunkAt(index: number): T | null | undefined {
    return this.chunks[index >>> chunkShift];
  }

  /** Sets the value at `index`, which must be reserved. */
  set(index: number, value: number): void {
    const at = index >>> chunkShift;
    let chunk = this.chunks[at];
    if (!chunk) {
      if (value === 0) return;
      chunk = at === 0 && this.chunks.length === 1 ? new this.create(this.firstLength) : this.fullChunk();
      this.chunks[at] = chunk;
    }
    chunk[index & chunkMask] = value;
  }

  private get chunkBytes(): number {
    return chunkSize * this.create.BYTES_PER_ELEMENT;
  }

  // A full chunk, every entry zero: the spare one cleared, one made ahead, or a new one.
  private fullChunk(): T {
    const spare = this.spare;
    if (spare !== null) {
      this.spare = null;
      spare.fill(0);
      return spare;
    }
    const buffer = this.prefaults?.take(this.chunkBytes);
    return buffer === undefined ? new this.create(chunkSize) : new this.create(buffer);
  }
}
