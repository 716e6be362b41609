import type { InflatePauseFigures } from '../../../shared/connection/inflate-pause-tally.js';

/** How often the engine looks whether an open session's inflate-budget figures moved with no records batch to carry them. */
export const INFLATE_FIGURES_CHECK_MS = 1_000;

/** An open session whose reading may wait for the inflate budget, and its figures now. */
export interface WatchedSession {
  readonly id: string;
  readonly figures: InflatePauseFigures | null;
}

/**
 * Keeps the inflate-budget figures in the windows current while reading waits (issue 19): a wait
 * appends no records (a message inflated in slices for seconds makes none until its end, and the
 * first crossing is recorded after that frame), so no records batch would carry the summary. Once
 * a second, while any session that can wait is open, a session whose figures moved since its last
 * summary gets a new one: at most one extra summary a second a session, none when nothing moved.
 */
export class InflateFiguresWatch {
  private readonly sentKeys = new Map<string, string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly openSessions: () => readonly WatchedSession[],
    private readonly resend: (sessionId: string) => void,
  ) {}

  /** A summary of `sessionId` went out with these figures. */
  sent(sessionId: string, figures: InflatePauseFigures | undefined): void {
    this.sentKeys.set(sessionId, keyOf(figures ?? null));
  }

  /** A session that may wait opened: look once a second until none is open. */
  watch(): void {
    if (this.timer !== null) return;
    this.timer = setInterval(() => this.check(), INFLATE_FIGURES_CHECK_MS);
    this.timer.unref();
  }

  /** The session is gone. */
  forget(sessionId: string): void {
    this.sentKeys.delete(sessionId);
  }

  /** Stops looking. */
  dispose(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.sentKeys.clear();
  }

  private check(): void {
    const sessions = this.openSessions();
    if (sessions.length === 0) {
      if (this.timer !== null) clearInterval(this.timer);
      this.timer = null;
      return;
    }
    for (const { id, figures } of sessions) {
      if (keyOf(figures) !== (this.sentKeys.get(id) ?? keyOf(null))) this.resend(id);
    }
  }
}

function keyOf(figures: InflatePauseFigures | null): string {
  return figures === null ? '' : `${figures.count}|${figures.totalMs}|${figures.longestMs}|${figures.waitingMs}`;
}
