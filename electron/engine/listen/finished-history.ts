/** How much of the finished connections a listener's window keeps. */
export interface HistoryLimits {
  /** Finished connections kept at most. */
  readonly maxConnections: number;
  /** What their captures may hold together (metadata and payload bytes, in memory and spilled). */
  readonly maxBytes: number;
}

/** The defaults: a busy listener keeps its latest finished connections, not every one since it started. */
export const DEFAULT_HISTORY_LIMITS: HistoryLimits = { maxConnections: 200, maxBytes: 256 * 1024 * 1024 };

interface Entry<T> {
  readonly item: T;
  readonly bytes: number;
}

/**
 * Finished connections, oldest first, within a count and a shared byte budget (issue 19: a
 * listener in the window kept every finished connection forever). Adding one returns the oldest
 * that no longer fit, for the caller to free; the newest is always kept, however large.
 */
export class FinishedHistory<T> {
  private readonly entries: Entry<T>[] = [];
  private heldBytes = 0;

  constructor(private readonly limits: HistoryLimits) {}

  /** Connections kept. */
  get size(): number {
    return this.entries.length;
  }

  /** Bytes their captures hold together. */
  get bytes(): number {
    return this.heldBytes;
  }

  /** Keeps `item` (holding `bytes`) and returns the oldest ones that had to go. */
  add(item: T, bytes: number): T[] {
    this.entries.push({ item, bytes });
    this.heldBytes += bytes;
    const dropped: T[] = [];
    while (this.entries.length > 1 && (this.entries.length > this.limits.maxConnections || this.heldBytes > this.limits.maxBytes)) {
      const oldest = this.entries.shift() as Entry<T>;
      this.heldBytes -= oldest.bytes;
      dropped.push(oldest.item);
    }
    return dropped;
  }

  /** True while `item` is kept. */
  has(item: T): boolean {
    return this.entries.some((entry) => entry.item === item);
  }

  /** Stops keeping `item` (the user closed it): its bytes no longer count. */
  remove(item: T): void {
    const index = this.entries.findIndex((entry) => entry.item === item);
    if (index === -1) return;
    this.heldBytes -= this.entries[index]!.bytes;
    this.entries.splice(index, 1);
  }
}
