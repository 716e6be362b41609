/**
 * Tells a capture's `onDidAppend` listeners about each record, in seq order, each seq once. An
 * owner can hold the notices while it appends (a connection driver while the connection decodes a
 * read and hands it each record as it goes): a listener may answer with a send, which must not
 * reach the connection in the middle of its input. Held notices go out on the last `release`.
 */
export class AppendNotifier {
  private readonly listeners = new Set<(seq: number) => void>();
  /** The next seq to tell listeners about. */
  private nextSeq = 0;
  private holds = 0;
  private isNotifying = false;

  /** `appendedCount` says how many records exist, appends made by listeners included. */
  constructor(private readonly appendedCount: () => number) {}

  /** Adds a listener for records appended from now on; returns the unsubscribe. */
  add(listener: (seq: number) => void): () => void {
    // With no listener, records appended before (held or not) are nobody's to hear about.
    if (this.listeners.size === 0) this.nextSeq = this.appendedCount();
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Notices wait until `release` is called as often as `hold`. */
  hold(): void {
    this.holds += 1;
  }

  /** Ends one `hold`; the last one tells listeners about every record appended meanwhile. */
  release(): void {
    this.holds -= 1;
    this.notify();
  }

  /** Tells listeners about the records appended since the last notice, unless notices are held. */
  notify(): void {
    // A listener that appends (a send) is served by the loop already running, in seq order.
    if (this.holds > 0 || this.isNotifying) return;
    this.isNotifying = true;
    try {
      while (this.nextSeq < this.appendedCount()) {
        const seq = this.nextSeq;
        this.nextSeq = seq + 1;
        for (const listener of this.listeners) listener(seq);
      }
    } finally {
      this.isNotifying = false;
    }
  }

  /** Drops every listener (the capture is disposed). */
  clear(): void {
    this.listeners.clear();
  }
}
