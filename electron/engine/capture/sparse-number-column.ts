/**
 * Numbers that only some records have (close codes, RTTs, inflated lengths), keyed by `seq`.
 * Entries arrive in increasing `seq` order, so lookups are a binary search over two typed arrays:
 * 12 bytes per entry instead of a Map entry per record.
 */
export class SparseNumberColumn {
  private seqs = new Uint32Array(16);
  private values = new Float64Array(16);
  private used = 0;

  /** Entries stored. */
  get length(): number {
    return this.used;
  }

  /** Bytes allocated, for memory accounting. */
  get capacityBytes(): number {
    return this.seqs.byteLength + this.values.byteLength;
  }

  /** Adds the value for `seq`, which must be greater than every seq added before. */
  add(seq: number, value: number): void {
    if (this.used === this.seqs.length) {
      const seqs = new Uint32Array(this.used * 2);
      const values = new Float64Array(this.used * 2);
      seqs.set(this.seqs);
      values.set(this.values);
      this.seqs = seqs;
      this.values = values;
    }
    this.seqs[this.used] = seq;
    this.values[this.used] = value;
    this.used += 1;
  }

  /** Drops the entries of records before `seq`; the arrays keep their size for the entries to come. */
  releaseBefore(seq: number): void {
    let first = 0;
    while (first < this.used && (this.seqs[first] as number) < seq) first += 1;
    if (first === 0) return;
    this.seqs.copyWithin(0, first, this.used);
    this.values.copyWithin(0, first, this.used);
    this.used -= first;
  }

  /** The value stored for `seq`, or undefined. */
  get(seq: number): number | undefined {
    let low = 0;
    let high = this.used - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const found = this.seqs[middle] as number;
      if (found === seq) return this.values[middle];
      if (found < seq) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  }
}
