/**
 * An append-only byte buffer that doubles its capacity, for small bytes kept per record (frame
 * headers: 2–14 bytes each), where a slab arena would waste its slack.
 */
export class GrowableBytes {
  private bytes: Uint8Array;
  private used = 0;

  constructor(initialCapacity = 4096) {
    this.bytes = new Uint8Array(initialCapacity);
  }

  /** Bytes appended so far. */
  get length(): number {
    return this.used;
  }

  /** Bytes allocated, for memory accounting. */
  get capacity(): number {
    return this.bytes.byteLength;
  }

  /** Appends a copy of `chunk` and returns the offset it starts at. */
  append(chunk: Uint8Array): number {
    const offset = this.used;
    const needed = offset + chunk.byteLength;
    if (needed > this.bytes.byteLength) {
      let capacity = this.bytes.byteLength * 2;
      while (capacity < needed) capacity *= 2;
      const grown = new Uint8Array(capacity);
      grown.set(this.bytes.subarray(0, this.used));
      this.bytes = grown;
    }
    this.bytes.set(chunk, offset);
    this.used = needed;
    return offset;
  }

  /** A copy of `length` bytes at `offset`, safe to hand out. */
  slice(offset: number, length: number): Uint8Array {
    return this.bytes.slice(offset, offset + length);
  }
}
