/**
 * A set of message numbers: a bitset from the first number seen (numbers usually run 1, 2, 3…
 * or count up from wherever a server's counter was), with a plain Set for numbers below it.
 */
export class SeqSet {
  private bits = new Uint32Array(2);
  private base = -1;
  private readonly below = new Set<number>();
  private sizeValue = 0;

  /** How many distinct numbers were added. */
  get size(): number {
    return this.sizeValue;
  }

  /** Adds `seq`; false when it was already there. */
  add(seq: number): boolean {
    if (this.base < 0) this.base = seq - (seq % 32);
    if (seq < this.base) {
      if (this.below.has(seq)) return false;
      this.below.add(seq);
      this.sizeValue += 1;
      return true;
    }
    const offset = seq - this.base;
    const word = offset >>> 5;
    if (word >= this.bits.length) this.grow(word + 1);
    const mask = 1 << (offset & 31);
    if ((this.bits[word]! & mask) !== 0) return false;
    this.bits[word]! |= mask;
    this.sizeValue += 1;
    return true;
  }

  /** True when `seq` was added. */
  has(seq: number): boolean {
    if (this.base < 0) return false;
    if (seq < this.base) return this.below.has(seq);
    const offset = seq - this.base;
    const word = offset >>> 5;
    return word < this.bits.length && (this.bits[word]! & (1 << (offset & 31))) !== 0;
  }

  private grow(words: number): void {
    const grown = new Uint32Array(Math.max(words, this.bits.length * 2));
    grown.set(this.bits);
    this.bits = grown;
  }
}
