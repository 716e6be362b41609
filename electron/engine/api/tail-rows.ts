import { recordFilterKey, type RecordFilter } from '../../../shared/contract/api-session.js';

/**
 * The newest rows each records batch of a session carries when no window said what it draws:
 * enough for a timeline 2,200 px tall (22 px rows), as before windows said.
 */
export const DEFAULT_TAIL_ROWS = 100;

/** Windows remembered; one that went away without a word is forgotten once this many others have spoken since. */
const MAX_VIEWERS = 64;

/**
 * What each window (web host tab, desktop window) draws at the end of the session it shows, so a
 * session's batches carry the rows of its tallest viewer and a following timeline draws text, not
 * loading rows, however tall it is. A window shows one session at a time; the engine does not know
 * which transport a command came by, so windows name themselves with their own random id.
 */
export class TailRows {
  private readonly viewers = new Map<string, { readonly sessionId: string; readonly rows: number; readonly filter: RecordFilter | null }>();

  /**
   * Records that `viewerId` draws `rows` rows at the end of `sessionId` (null: it shows no session),
   * and the filtered view it follows there (null: none).
   */
  set(viewerId: string, sessionId: string | null, rows: number, filter: RecordFilter | null = null): void {
    this.viewers.delete(viewerId);
    if (sessionId === null) return;
    this.viewers.set(viewerId, { sessionId, rows, filter });
    // Insertion order is recency: the first entry is the window that spoke longest ago.
    for (const oldest of this.viewers.keys()) {
      if (this.viewers.size <= MAX_VIEWERS) break;
      this.viewers.delete(oldest);
    }
  }

  /** How many newest rows a batch of `sessionId` carries: the most any window showing it asked for, else the default. */
  rowsFor(sessionId: string): number {
    let rows = -1;
    for (const viewer of this.viewers.values()) if (viewer.sessionId === sessionId && viewer.rows > rows) rows = viewer.rows;
    return rows < 0 ? DEFAULT_TAIL_ROWS : rows;
  }

  /** The filtered views windows follow at the end of `sessionId`, each once, with the most rows any of them draws. */
  followedViews(sessionId: string): { readonly key: string; readonly filter: RecordFilter; readonly rows: number }[] {
    const views = new Map<string, { key: string; filter: RecordFilter; rows: number }>();
    for (const viewer of this.viewers.values()) {
      if (viewer.sessionId !== sessionId || viewer.filter === null) continue;
      const key = recordFilterKey(viewer.filter);
      const known = views.get(key);
      if (!known) views.set(key, { key, filter: viewer.filter, rows: viewer.rows });
      else known.rows = Math.max(known.rows, viewer.rows);
    }
    return [...views.values()];
  }

  /** Drops what windows said about a session that is gone. */
  forgetSession(sessionId: string): void {
    for (const [viewerId, viewer] of this.viewers) if (viewer.sessionId === sessionId) this.viewers.delete(viewerId);
  }
}
