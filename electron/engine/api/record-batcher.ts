/**
 * Coalesces "records appended" notifications per session (DESIGN.md boundary 4): however fast
 * frames arrive, a window gets at most one batch per interval per session, carrying the new total
 * and the newest rows, so the UI stays smooth at 10,000 frames/s.
 */
export class RecordBatcher {
  private readonly dirty = new Set<string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly intervalMs: number,
    private readonly flushSession: (sessionId: string) => void,
  ) {}

  /** Notes that a session has new records; the flush happens within `intervalMs`. */
  touch(sessionId: string): void {
    this.dirty.add(sessionId);
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  /** Sends pending batches now (at close, so the last rows are never held back). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const sessions = [...this.dirty];
    this.dirty.clear();
    for (const sessionId of sessions) this.flushSession(sessionId);
  }

  /** Stops the timer; pending batches are dropped. */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.dirty.clear();
  }
}
