import type { PrefaultLease } from './page-prefaulter.js';
import { SpillFile } from './spill-file.js';

/** Sizes and place of a payload arena. */
export interface PayloadArenaOptions {
  /** The largest slab; slabs start small and double up to this size. */
  readonly slabBytes: number;
  /** Payload bytes kept in memory before the oldest full slabs move to the spill file. */
  readonly memoryBudgetBytes: number;
  /** Payload bytes the spill file may hold; beyond it (or when spilling fails) nothing more is kept. */
  readonly spillBudgetBytes: number;
  /** Where the spill file's private folder is created. */
  readonly spillDirectory: string;
  /** Where full-size slabs come from with their pages mapped (page-prefaulter.ts); without it they are allocated here. */
  readonly prefaults?: PrefaultLease | null;
}

// Slabs double from here up to slabBytes. A new slab is added when one is full and no slab is ever
// copied to grow, so a short session holds little and a long one never holds two copies.
const firstSlabBytes = 16 * 1024;
// Below this a byte loop beats TypedArray#set, whose call costs more than copying a short payload.
const byteLoopMaxBytes = 48;
// A part of a larger array needs a view to be set from; below this the loop beats making one.
const rangeLoopMaxBytes = 128;
/**
 * Slabs waiting for their background write may hold memory this far past the budget before a
 * synchronous write frees it at once; the background writer normally keeps well inside it.
 */
export const maxPendingSlabs = 8;
// For a reader that keeps up one spare would do (the newest slab fills while the one before it is
// released); a second takes a release that frees two slabs at once.
const maxSpareSlabs = 2;

/** Where some bytes lie in a slab (`PayloadArena.locate`); one object refilled by its reader. */
export interface SlabSpan {
  slab: Uint8Array;
  start: number;
  end: number;
}

/**
 * Payload bytes of all records as one logical append-only byte stream, stored in slabs. Past the
 * memory budget the oldest full slabs are written to a spill file in the background, whose byte
 * `n` is stream byte `n`, and freed once written; reads come back from memory or with positional
 * reads. A slab is in memory until its write completed, so every byte is always readable.
 */
export class PayloadArena {
  private readonly slabs: (Uint8Array | null)[] = [];
  private readonly slabStarts: number[] = [];
  private current: Uint8Array = new Uint8Array(0);
  private currentUsed = 0;
  private total = 0;
  private inMemory = 0;
  private spilled = 0;
  private readonly queue: number[] = [];
  private isWriting = false;
  private readonly spill: SpillFile;
  private spillFailure: string | null = null;
  private lastSlab = 0;
  // Stream bytes before this offset were released (`releaseBefore`): no longer readable.
  private releasedEnd = 0;
  // Slabs released before it: those in front of it are gone from memory.
  private releasedSlabs = 0;
  // Released full-size slabs kept for the next `startSlab`, whose pages are already mapped.
  private readonly spare: Uint8Array[] = [];

  constructor(private readonly options: PayloadArenaOptions) {
    if (!(options.slabBytes > 0) || !Number.isInteger(options.slabBytes)) throw new RangeError('slabBytes must be a positive integer');
    this.spill = new SpillFile(options.spillDirectory);
  }

  /** Bytes appended so far (the offset the next append gets). */
  get length(): number {
    return this.total;
  }

  /** Slab bytes allocated in memory, slabs waiting for their spill write included. */
  get bytesInMemory(): number {
    return this.inMemory;
  }

  /** Bytes whose spill write has completed. */
  get bytesSpilled(): number {
    return this.spilled;
  }

  /** Why spilling stopped (disk full, no temp folder), or null. */
  get spillError(): string | null {
    return this.spillFailure;
  }

  /**
   * True when `byteLength` more bytes fit the budgets: in memory, or on disk once spilled. When
   * false the caller keeps none of them; the arena never grows past its budgets.
   */
  canKeep(byteLength: number): boolean {
    if (this.inMemory + byteLength <= this.options.memoryBudgetBytes) return true;
    if (this.spillFailure !== null) return false;
    return this.spilled + this.inMemory + byteLength <= this.options.memoryBudgetBytes + this.options.spillBudgetBytes;
  }

  /**
   * Appends a copy of `length` bytes of `bytes` from `from` (all of it by default) at the end of the
   * stream and returns the offset where it starts. A range saves a live session a view per frame.
   */
  append(bytes: Uint8Array, from = 0, length = bytes.byteLength - from): number {
    const start = this.total;
    const used = this.currentUsed;
    const current = this.current;
    if (length <= current.byteLength - used) {
      // The common case: the whole payload fits the current slab.
      if (length <= (from === 0 && length === bytes.byteLength ? byteLoopMaxBytes : rangeLoopMaxBytes)) for (let index = 0; index < length; index += 1) current[used + index] = bytes[from + index] as number;
      else current.set(rangeOf(bytes, from, length), used);
      this.currentUsed = used + length;
      this.total = start + length;
      return start;
    }
    let copied = 0;
    while (copied < length) {
      if (this.currentUsed === this.current.byteLength) this.startSlab(start + copied);
      const count = Math.min(length - copied, this.current.byteLength - this.currentUsed);
      this.current.set(rangeOf(bytes, from + copied, count), this.currentUsed);
      this.currentUsed += count;
      copied += count;
    }
    this.total = start + length;
    return start;
  }

  /** A fresh copy of `length` bytes from stream offset `offset`. */
  read(offset: number, length: number): Uint8Array {
    const result = new Uint8Array(length);
    this.copyOut(offset, length, result);
    return result;
  }

  /**
   * `length` bytes from `offset` without a copy when they lie in one slab in memory (the usual
   * case), else a copy. The view is only read, never kept past the caller's turn.
   */
  view(offset: number, length: number): Uint8Array {
    this.checkRange(offset, length);
    const index = this.slabAt(offset);
    const slab = this.slabs[index];
    const within = offset - (this.slabStarts[index] as number);
    // A plain constructor call: Uint8Array#subarray looks up the species constructor every time.
    if (slab && within + length <= slab.byteLength) return new Uint8Array(slab.buffer, slab.byteOffset + within, length);
    return this.read(offset, length);
  }

  /**
   * Points `span` at `length` bytes from `offset` without a view or a copy: true when they lie in
   * one slab in memory (`span.slab` is that slab, the bytes are `span.start` to `span.end`), false
   * otherwise (read them with `view`). For scans that look at every record.
   */
  locate(offset: number, length: number, span: SlabSpan): boolean {
    this.checkRange(offset, length);
    const index = this.slabAt(offset);
    const slab = this.slabs[index];
    const within = offset - (this.slabStarts[index] as number);
    if (!slab || within + length > slab.byteLength) return false;
    span.slab = slab;
    span.start = within;
    span.end = within + length;
    return true;
  }

  /** Resolves once no spill write is queued or in flight (memory is then back within budget). */
  async whenSpilled(): Promise<void> {
    while (this.queue.length > 0 && this.spillFailure === null && this.slabs.length > 0) await new Promise((resolve) => setImmediate(resolve));
  }

  /** Stream bytes before this offset were released and can no longer be read. */
  get releasedBefore(): number {
    return this.releasedEnd;
  }

  /**
   * Lets go of the bytes before `offset` that nobody will read again (a printer that has printed
   * them, with no capture file to write): every whole slab before it except the newest leaves
   * memory, and a full-size one is reused as the next slab. A fresh slab costs a page fault per
   * 4 KiB written: about 0.2 s a million 64-byte messages on the 2-core bench machine
   * (docs/performance.md, "printed payloads let go, their slabs reused"). Bytes whose spill write
   * is queued stay until written; reading a released byte throws.
   */
  releaseBefore(offset: number): void {
    let index = this.releasedSlabs;
    const newest = this.slabs.length - 1;
    while (index < newest && (this.slabStarts[index + 1] as number) <= offset && !this.queue.includes(index)) {
      const slab = this.slabs[index];
      if (slab) {
        this.slabs[index] = null;
        this.inMemory -= slab.byteLength;
        if (slab.byteLength === this.options.slabBytes && this.spare.length < maxSpareSlabs) this.spare.push(slab);
      }
      index += 1;
    }
    this.releasedSlabs = index;
    this.releasedEnd = Math.max(this.releasedEnd, this.slabStarts[index] ?? 0);
  }

  /** Frees the unused tail of the newest slab (the log was sealed: nothing more is appended). */
  trim(): void {
    const index = this.slabs.length - 1;
    if (index < 0 || this.currentUsed === this.current.byteLength) return;
    const trimmed = this.current.slice(0, this.currentUsed);
    this.inMemory -= this.current.byteLength - trimmed.byteLength;
    this.current = trimmed;
    this.slabs[index] = trimmed;
  }

  /** Deletes the spill file and drops every slab; the arena is unusable afterwards. */
  dispose(): void {
    this.spill.dispose();
    this.slabs.length = 0;
    this.queue.length = 0;
    this.spare.length = 0;
    this.current = new Uint8Array(0);
    this.currentUsed = 0;
    this.inMemory = 0;
  }

  private startSlab(streamOffset: number): void {
    const previous = this.current.byteLength;
    const { slabBytes, prefaults } = this.options;
    const size = Math.min(slabBytes, previous === 0 ? firstSlabBytes : previous * 2);
    // The next slab will be a full one: have one made ahead.
    if (size < slabBytes && size * 2 >= slabBytes) prefaults?.expect(slabBytes);
    // A spare slab holds released bytes; they are overwritten before anything reads this one.
    this.current = (size === slabBytes ? (this.spare.pop() ?? this.prefaulted(size)) : undefined) ?? new Uint8Array(size);
    this.currentUsed = 0;
    this.slabs.push(this.current);
    this.slabStarts.push(streamOffset);
    this.inMemory += size;
    if (this.inMemory > this.options.memoryBudgetBytes) this.spillOldest();
  }

  private prefaulted(size: number): Uint8Array | undefined {
    const buffer = this.options.prefaults?.take(size);
    return buffer === undefined ? undefined : new Uint8Array(buffer);
  }

  // Queues the oldest full slabs for the background writer until memory is back within budget.
  private spillOldest(): void {
    if (this.spillFailure !== null) return;
    let next = this.queue.length > 0 ? (this.queue[this.queue.length - 1] as number) + 1 : this.firstSlabInMemory();
    let pending = this.inMemory - this.queuedBytes();
    while (pending > this.options.memoryBudgetBytes && next < this.slabs.length - 1) {
      const slab = this.slabs[next];
      if (slab) {
        this.queue.push(next);
        pending -= slab.byteLength;
      }
      next += 1;
    }
    this.writeNext();
    // The writer fell behind (a slow disk): free memory now rather than grow without bound.
    while (this.queue.length > maxPendingSlabs && this.spillFailure === null) this.writeQueuedSync();
  }

  private writeNext(): void {
    if (this.isWriting) return;
    const index = this.queue[0];
    if (index === undefined) return;
    const slab = this.slabs[index];
    if (!slab) {
      this.queue.shift();
      return this.writeNext();
    }
    this.isWriting = true;
    this.spill.write(this.slabStarts[index] as number, slab, (error) => {
      this.isWriting = false;
      if (this.slabs.length === 0) return;
      if (error) return this.fail(error);
      if (this.queue[0] === index) this.queue.shift();
      this.release(index);
      this.writeNext();
    });
  }

  private writeQueuedSync(): void {
    // The head of the queue may be in flight; write the newest queued slab instead.
    const index = this.queue.pop() as number;
    const slab = this.slabs[index];
    if (!slab) return;
    try {
      this.spill.writeSync(this.slabStarts[index] as number, slab);
    } catch (error) {
      return this.fail(error as Error);
    }
    this.release(index);
  }

  private release(index: number): void {
    const slab = this.slabs[index];
    if (!slab) return;
    this.slabs[index] = null;
    this.inMemory -= slab.byteLength;
    this.spilled += slab.byteLength;
  }

  private fail(error: Error): void {
    this.spillFailure = error.message;
    this.queue.length = 0;
  }

  private queuedBytes(): number {
    let bytes = 0;
    for (const index of this.queue) bytes += this.slabs[index]?.byteLength ?? 0;
    return bytes;
  }

  private firstSlabInMemory(): number {
    let index = 0;
    while (index < this.slabs.length && this.slabs[index] === null) index += 1;
    return index;
  }

  private copyOut(offset: number, length: number, target: Uint8Array): void {
    this.checkRange(offset, length);
    let done = 0;
    while (done < length) {
      const position = offset + done;
      const index = this.slabAt(position);
      const start = this.slabStarts[index] as number;
      const end = index + 1 < this.slabStarts.length ? (this.slabStarts[index + 1] as number) : this.total;
      const count = Math.min(length - done, end - position);
      const slab = this.slabs[index];
      if (slab) target.set(slab.subarray(position - start, position - start + count), done);
      else this.spill.read(position, target, done, count);
      done += count;
    }
  }

  // The slab holding stream byte `offset`: the last one found, its successor, or a binary search.
  private slabAt(offset: number): number {
    const starts = this.slabStarts;
    const last = this.lastSlab;
    if (offset >= (starts[last] ?? 0) && (last + 1 >= starts.length || offset < (starts[last + 1] as number))) return last;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if ((starts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    this.lastSlab = low;
    return low;
  }

  private checkRange(offset: number, length: number): void {
    if (offset < 0 || length < 0 || offset + length > this.total) throw new RangeError(`read ${offset}+${length} outside ${this.total} bytes`);
    if (length > 0 && offset < this.releasedEnd) throw new RangeError(`read ${offset}+${length}: the bytes before ${this.releasedEnd} were released`);
  }
}

/** `bytes` itself when the range is all of it; else a plain view (Uint8Array#subarray looks up the species constructor every time). */
function rangeOf(bytes: Uint8Array, from: number, length: number): Uint8Array {
  return from === 0 && length === bytes.byteLength ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset + from, length);
}
