import { SpillFile } from './spill-file.js';

/** Sizes and place of a payload arena. */
export interface PayloadArenaOptions {
  /** Size of one slab; a payload larger than this spans several. */
  readonly slabBytes: number;
  /** Payload bytes kept in memory before the oldest full slabs move to the spill file. */
  readonly memoryBudgetBytes: number;
  /** Where the spill file's private folder is created. */
  readonly spillDirectory: string;
}

// The newest slab starts small and doubles up to `slabBytes`, so a short session does not hold a
// whole slab for a handful of frames.
const firstSlabBytes = 4096;

/**
 * Payload bytes of all records as one logical append-only byte stream, stored in fixed-size
 * slabs. When the slabs in memory exceed the budget, the oldest full slabs are written to a
 * spill file, whose byte `n` is stream byte `n`; reads then come back with positional reads.
 */
export class PayloadArena {
  private readonly slabs: (Uint8Array | null)[] = [];
  private total = 0;
  private spilledSlabs = 0;
  private inMemory = 0;
  private readonly spill: SpillFile;
  private spillFailure: string | null = null;

  constructor(private readonly options: PayloadArenaOptions) {
    if (!(options.slabBytes > 0) || !Number.isInteger(options.slabBytes)) throw new RangeError('slabBytes must be a positive integer');
    this.spill = new SpillFile(options.spillDirectory);
  }

  /** Bytes appended so far (the offset the next append gets). */
  get length(): number {
    return this.total;
  }

  /** Slab bytes allocated in memory. */
  get bytesInMemory(): number {
    return this.inMemory;
  }

  /** Bytes moved to the spill file. */
  get bytesSpilled(): number {
    return this.spill.byteLength;
  }

  /** Why spilling stopped (disk full, no temp folder), or null; the arena then stays in memory. */
  get spillError(): string | null {
    return this.spillFailure;
  }

  /** Appends a copy of `bytes` and returns the stream offset where it starts. */
  append(bytes: Uint8Array): number {
    const start = this.total;
    const { slabBytes } = this.options;
    let copied = 0;
    while (copied < bytes.byteLength) {
      const slabIndex = Math.floor(this.total / slabBytes);
      const within = this.total - slabIndex * slabBytes;
      const count = Math.min(bytes.byteLength - copied, slabBytes - within);
      const slab = this.slabFor(slabIndex, within + count);
      slab.set(bytes.subarray(copied, copied + count), within);
      copied += count;
      this.total += count;
    }
    if (this.inMemory > this.options.memoryBudgetBytes) this.spillOldest();
    return start;
  }

  /** A fresh copy of `length` bytes from stream offset `offset`. */
  read(offset: number, length: number): Uint8Array {
    if (offset < 0 || length < 0 || offset + length > this.total) throw new RangeError(`read ${offset}+${length} outside ${this.total} bytes`);
    const result = new Uint8Array(length);
    const { slabBytes } = this.options;
    const spilledEnd = this.spilledSlabs * slabBytes;
    let done = 0;
    if (offset < spilledEnd) {
      done = Math.min(length, spilledEnd - offset);
      this.spill.read(offset, result, 0, done);
    }
    while (done < length) {
      const position = offset + done;
      const slabIndex = Math.floor(position / slabBytes);
      const within = position - slabIndex * slabBytes;
      const count = Math.min(length - done, slabBytes - within);
      const slab = this.slabs[slabIndex];
      if (!slab) throw new Error(`payload slab ${slabIndex} is missing`);
      result.set(slab.subarray(within, within + count), done);
      done += count;
    }
    return result;
  }

  /** Deletes the spill file; the arena is unusable afterwards. */
  dispose(): void {
    this.spill.dispose();
    this.slabs.length = 0;
    this.inMemory = 0;
  }

  private slabFor(index: number, neededBytes: number): Uint8Array {
    const existing = this.slabs[index];
    if (existing && existing.byteLength >= neededBytes) return existing;
    let capacity = existing ? existing.byteLength * 2 : Math.min(firstSlabBytes, this.options.slabBytes);
    while (capacity < neededBytes) capacity *= 2;
    capacity = Math.min(capacity, this.options.slabBytes);
    const slab = new Uint8Array(capacity);
    if (existing) slab.set(existing);
    this.inMemory += capacity - (existing?.byteLength ?? 0);
    this.slabs[index] = slab;
    return slab;
  }

  private spillOldest(): void {
    if (this.spillFailure !== null) return;
    const { slabBytes, memoryBudgetBytes } = this.options;
    const fullSlabs = Math.floor(this.total / slabBytes);
    while (this.inMemory > memoryBudgetBytes && this.spilledSlabs < fullSlabs) {
      const slab = this.slabs[this.spilledSlabs];
      if (!slab) break;
      try {
        this.spill.append(slab);
      } catch (error) {
        this.spillFailure = error instanceof Error ? error.message : String(error);
        return;
      }
      this.slabs[this.spilledSlabs] = null;
      this.inMemory -= slab.byteLength;
      this.spilledSlabs += 1;
    }
  }
}
