/** The typed arrays a chunked column can hold. */
export type NumberArray = Float64Array | Uint32Array | Uint16Array | Uint8Array;

/** How a chunked column allocates one chunk. */
export type NumberArrayConstructor<T extends NumberArray> = new (length: number) => T;

/** Records per full chunk: 64 Ki, so an index splits into chunk and offset with a shift and a mask. */
export const chunkShift = 16;
const chunkSize = 1 << chunkShift;
const chunkMask = chunkSize - 1;
const firstChunkSize = 256;

/**
 * One fixed-size field of every record, stored in chunks of 64 Ki entries. Only the first chunk
 * grows by doubling (from 256 entries, so a short session costs little); later chunks are
 * allocated whole and never copied, so growth never holds two copies of the column and the slack
 * is at most one chunk (DESIGN.md "Performance principles").
 */
export class ChunkedColumn<T extends NumberArray> {
  private readonly chunks: T[];

  constructor(private readonly create: NumberArrayConstructor<T>) {
    this.chunks = [new create(firstChunkSize)];
  }

  /** Entries allocated across all chunks. */
  get capacity(): number {
    const last = this.chunks.length - 1;
    return last * chunkSize + (this.chunks[last] as T).length;
  }

  /** Bytes allocated, for memory accounting. */
  get capacityBytes(): number {
    return this.capacity * (this.chunks[0] as T).BYTES_PER_ELEMENT;
  }

  /** Makes room for entry `index`, which is at most one past the capacity. */
  reserve(index: number): void {
    if (index < this.capacity) return;
    const chunks = this.chunks;
    const first = chunks[0] as T;
    if (chunks.length === 1 && first.length < chunkSize) {
      const grown = new this.create(Math.min(chunkSize, first.length * 2));
      grown.set(first);
      chunks[0] = grown;
      return;
    }
    chunks.push(new this.create(chunkSize));
  }

  /** The value at `index`. */
  get(index: number): number {
    return (this.chunks[index >>> chunkShift] as T)[index & chunkMask] as number;
  }

  /** Sets the value at `index`, which must be reserved. */
  set(index: number, value: number): void {
    (this.chunks[index >>> chunkShift] as T)[index & chunkMask] = value;
  }
}
