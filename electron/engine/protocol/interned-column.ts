import { ChunkedColumn } from '../capture/chunked-column.js';

// Distinct values given a code; past it a value is kept beside its entry. A decoder names a few
// dozen kinds at most, but some take the name from the peer (an unknown GraphQL-WS `type`), so a
// peer that sends a new one in every message fills the table once and then costs an entry each.
const maxCodes = 4096;
const overflow = 0;

/**
 * A string per entry drawn from a small set (a message's kind, its protocol), stored as a 2-byte
 * code into a table of the distinct values: 2 bytes an entry instead of a pointer to a string.
 */
export class InternedColumn<T extends string> {
  private readonly codes = new ChunkedColumn(Uint16Array);
  private readonly codeOf = new Map<T, number>();
  // Code 0 is the overflow marker: the value is in `beyond`.
  private readonly values: T[] = ['' as T];
  private readonly beyond = new Map<number, T>();

  /** Stores `value` at `index`, which is at most one past the last index stored. */
  set(index: number, value: T): void {
    this.codes.reserve(index);
    let code = this.codeOf.get(value);
    if (code === undefined && this.values.length < maxCodes) {
      code = this.values.length;
      this.values.push(value);
      this.codeOf.set(value, code);
    }
    if (code === undefined) {
      this.codes.set(index, overflow);
      this.beyond.set(index, value);
    } else {
      this.codes.set(index, code);
    }
  }

  /** The value at `index`, which must be held. */
  get(index: number): T {
    const code = this.codes.get(index);
    return code === overflow ? (this.beyond.get(index) as T) : (this.values[code] as T);
  }

  /** Lets go of the entries before `index` (whole chunks of codes, and every value kept beside them). */
  releaseBefore(index: number): void {
    this.codes.releaseBefore(index);
    for (const at of this.beyond.keys()) {
      if (at >= index) break;
      this.beyond.delete(at);
    }
  }
}
