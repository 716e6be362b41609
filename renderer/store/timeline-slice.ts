import type { EventPayload } from '../../shared/contract/api.js';
import { recordFilterSchema } from '../../shared/contract/api-session.js';
import type { RecordFilter } from '../../shared/contract/api-session.js';
import type { RecordJson } from '../../shared/contract/records.js';
import { PAGE_SIZE, missingPages, pageOf, putRows, rowAt, touchPages } from './page-cache.js';
import type { PageCache } from './page-cache.js';
import { patchSlice } from './types.js';
import type { GetApp, SetApp } from './types.js';

/**
 * The timeline of the active session: how many rows its (filtered) view has, the cached pages
 * around the viewport, follow-tail, the selection and its full record. Rows are fetched by page
 * from main; live batches only extend what is cached (DESIGN.md boundary 4).
 */
export interface TimelineSlice {
  readonly sessionId: string | null;
  /** Changes whenever the view changes (session or filter), so late pages of an old view are dropped. */
  readonly viewKey: number;
  readonly total: number;
  readonly pages: PageCache;
  readonly filter: RecordFilter;
  readonly isFollowingTail: boolean;
  readonly selectedIndex: number | null;
  readonly selectedSeq: number | null;
  readonly selectedRecord: RecordJson | null;
  /** A request for the grid to scroll a row into view; `nonce` makes repeated jumps distinct. */
  readonly scrollRequest: { readonly index: number; readonly nonce: number } | null;
  showSession(id: string): void;
  ensureRange(firstIndex: number, lastIndex: number): void;
  setFilter(patch: Partial<RecordFilter>): void;
  setFollowTail(isFollowing: boolean): void;
  select(index: number): void;
  jumpTo(index: number): void;
  /** Clears the filter, scrolls to the record with this seq and selects it (a Doctor evidence link). */
  reveal(seq: number): void;
}

/** The filter that shows every record. */
export const EMPTY_FILTER: RecordFilter = recordFilterSchema.parse({});

/** True when the filter keeps every record, so view positions are record positions. */
export function isUnfiltered(filter: RecordFilter): boolean {
  return filter.direction === 'any' && filter.category === 'all' && filter.opcodes.length === 0 && filter.search === '' && filter.protocolCategory === 'all' && filter.protocolKinds.length === 0;
}

/** The timeline's part of one `recordsAppended` batch, for the single `set` of that batch. */
export function timelineAfterBatch(slice: TimelineSlice, batch: EventPayload<'recordsAppended'>): Partial<TimelineSlice> {
  if (batch.sessionId !== slice.sessionId || !isUnfiltered(slice.filter)) return {};
  const from = batch.count - batch.newest.length;
  const tailPage = pageOf(Math.max(0, batch.count - 1));
  // Keep rows only where someone looks: pages already cached, or the tail when following it.
  const isWanted = slice.isFollowingTail || slice.pages.has(pageOf(Math.max(0, from))) || slice.pages.has(tailPage);
  return {
    total: batch.count,
    pages: isWanted && batch.newest.length > 0 ? putRows(slice.pages, from, batch.newest) : slice.pages,
  };
}

/** The timeline slice. */
export function createTimelineSlice(set: SetApp, get: GetApp): TimelineSlice {
  const patch = (value: Partial<TimelineSlice> | ((slice: TimelineSlice) => Partial<TimelineSlice>)): void =>
    patchSlice(set, 'timeline', value);
  const inFlight = new Set<string>();
  let nonce = 0;

  const loadSelected = (sessionId: string, seq: number): void => {
    get()
      .api.getRecord(sessionId, seq)
      .then((record) => {
        if (get().timeline.selectedSeq === seq && get().timeline.sessionId === sessionId) patch({ selectedRecord: record });
      })
      .catch((error: unknown) => get().sessions.reportError(error));
  };

  const fetchPage = async (page: number): Promise<void> => {
    const { sessionId, viewKey, filter } = get().timeline;
    const key = `${viewKey}:${page}`;
    if (sessionId === null || inFlight.has(key)) return;
    inFlight.add(key);
    try {
      const result = await get().api.getRecords(sessionId, page * PAGE_SIZE, PAGE_SIZE, isUnfiltered(filter) ? undefined : filter);
      if (get().timeline.viewKey !== viewKey) return;
      patch((slice) => ({ pages: putRows(slice.pages, result.from, result.rows), total: Math.max(result.total, isUnfiltered(filter) ? slice.total : 0) }));
    } catch (error) {
      get().sessions.reportError(error);
    } finally {
      inFlight.delete(key);
    }
  };

  const resetView = (sessionId: string | null, filter: RecordFilter): void => {
    const counts = sessionId ? get().sessions.recordCounts[sessionId] ?? 0 : 0;
    patch((slice) => ({
      sessionId,
      filter,
      viewKey: slice.viewKey + 1,
      total: isUnfiltered(filter) ? counts : 0,
      pages: new Map(),
      selectedIndex: null,
      selectedSeq: null,
      selectedRecord: null,
    }));
    // Page 0 tells a filtered view its total; the grid asks for the rest.
    void fetchPage(0);
  };

  return {
    sessionId: null,
    viewKey: 0,
    total: 0,
    pages: new Map(),
    filter: EMPTY_FILTER,
    isFollowingTail: true,
    selectedIndex: null,
    selectedSeq: null,
    selectedRecord: null,
    scrollRequest: null,

    showSession(id) {
      resetView(id, get().timeline.filter);
    },

    ensureRange(firstIndex, lastIndex) {
      const { pages, total } = get().timeline;
      const visible: number[] = [];
      for (let page = pageOf(Math.max(0, firstIndex)); page <= pageOf(Math.max(0, lastIndex)); page += 1) visible.push(page);
      const touched = touchPages(pages, visible);
      if (touched !== pages) patch({ pages: touched });
      for (const page of missingPages(touched, firstIndex, lastIndex, total)) void fetchPage(page);
    },

    setFilter(change) {
      const filter = { ...get().timeline.filter, ...change };
      resetView(get().timeline.sessionId, filter);
    },

    setFollowTail(isFollowing) {
      if (get().timeline.isFollowingTail !== isFollowing) patch({ isFollowingTail: isFollowing });
    },

    select(index) {
      const { pages, sessionId } = get().timeline;
      const row = rowAt(pages, index);
      if (!row || sessionId === null) return;
      patch({ selectedIndex: index, selectedSeq: row.seq, selectedRecord: null, isFollowingTail: false });
      loadSelected(sessionId, row.seq);
    },

    jumpTo(index) {
      const { total } = get().timeline;
      if (total === 0) return;
      nonce += 1;
      patch({ scrollRequest: { index: Math.min(Math.max(0, index), total - 1), nonce }, isFollowingTail: false });
    },

    reveal(seq) {
      const { sessionId, filter } = get().timeline;
      if (sessionId === null) return;
      // Unfiltered, a record's view index is its seq.
      if (!isUnfiltered(filter)) resetView(sessionId, EMPTY_FILTER);
      nonce += 1;
      patch((slice) => ({ total: Math.max(slice.total, seq + 1), selectedIndex: seq, selectedSeq: seq, selectedRecord: null, isFollowingTail: false, scrollRequest: { index: seq, nonce } }));
      loadSelected(sessionId, seq);
    },
  };
}

/**
 * A filtered view cannot place a batch itself (main decides what matches), so it asks main for
 * whatever matches after its current end; that answer carries the new total.
 */
export async function refreshFilteredTail(get: GetApp, set: SetApp): Promise<void> {
  const { sessionId, viewKey, filter, total } = get().timeline;
  if (sessionId === null || isUnfiltered(filter)) return;
  const result = await get().api.getRecords(sessionId, total, PAGE_SIZE, filter);
  if (get().timeline.viewKey !== viewKey) return;
  patchSlice(set, 'timeline', (slice) => ({ total: result.total, pages: result.rows.length > 0 ? putRows(slice.pages, result.from, result.rows) : slice.pages }));
}
