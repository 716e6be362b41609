const empty = new Uint8Array(0);

/**
 * Collects copied bytes up to a limit, growing only as bytes arrive (at most doubling), so a
 * frame that declares 2^63−1 bytes costs memory in proportion to what was actually received.
 */
export class ByteAccumulator {
  private buffer: Uint8Array = empty;
  private filled = 0;

  /** @param limit the most bytes kept; later bytes are dropped and only counted by the caller. */
  constructor(private readonly limit: number) {}

  /** Bytes held so far. */
  get byteLength(): number {
    return this.filled;
  }

  /** Bytes allocated, for memory accounting. */
  get capacity(): number {
    return this.buffer.length;
  }

  /** Copies as much of `bytes` as the limit allows. */
  append(bytes: Uint8Array): void {
    const room = Math.min(bytes.length, this.limit - this.filled);
    if (room <= 0) return;
    const needed = this.filled + room;
    if (needed > this.buffer.length) this.grow(needed);
    this.buffer.set(room === bytes.length ? bytes : bytes.subarray(0, room), this.filled);
    this.filled = needed;
  }

  /** The bytes held, without slack capacity. */
  toBytes(): Uint8Array {
    return this.filled === this.buffer.length ? this.buffer : this.buffer.slice(0, this.filled);
  }

  private grow(needed: number): void {
    const capacity = Math.min(this.limit, Math.max(needed, this.buffer.length * 2));
    const next = new Uint8Array(capacity);
    next.set(this.buffer.subarray(0, this.filled));
    this.buffer = next;
  }
}
