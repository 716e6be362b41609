import { chunkMask, chunkShift } from './chunked-column.js';

/**
 * One value per record that is not a number (a protocol message's summary), in arrays of 64 Ki
 * entries, like `ChunkedColumn`: appending never copies the list, and the chunks before a point
 * can be let go whole without moving what follows.
 */
export class ChunkedList<T> {
  private readonly chunks: (T[] | null)[] = [];
  private releasedChunks = 0;

  /** Stores `value` at `index`, which is at most one past the last index stored. */
  set(index: number, value: T): void {
    const at = index >>> chunkShift;
    let chunk = this.chunks[at];
    if (chunk === undefined || chunk === null) {
      chunk = [];
      this.chunks[at] = chunk;
    }
    chunk[index & chunkMask] = value;
  }

  /** The value at `index`; undefined when it was never stored or was let go. */
  get(index: number): T | undefined {
    return this.chunks[index >>> chunkShift]?.[index & chunkMask];
  }

  /** Lets go of the whole chunks before the one holding `index`. */
  releaseBefore(index: number): void {
    const end = index >>> chunkShift;
    for (let at = this.releasedChunks; at < end && at < this.chunks.length; at += 1) this.chunks[at] = null;
    this.releasedChunks = Math.max(this.releasedChunks, Math.min(end, this.chunks.length));
  }
}
