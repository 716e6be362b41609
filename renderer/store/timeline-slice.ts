import type { EventPayload } from '../../shared/contract/api.js';
import { MAX_TAIL_ROWS, recordFilterKey, recordFilterSchema } from '../../shared/contract/api-session.js';
import type { AssembledMessage, RecordFilter, RecordPage } from '../../shared/contract/api-session.js';
import type { RecordRow } from '../../shared/contract/record-row.js';
import type { RecordJson } from '../../shared/contract/records.js';
import { PAGE_SIZE, missingPages, pageOf, putRows, rowAt, touchPages } from './page-cache.js';
import type { PageCache } from './page-cache.js';
import { patchSlice } from './types.js';
import type { GetApp, SetApp } from './types.js';

/** A selected row: its place in the view, and once its row is known, its record. */
export interface RowSelection {
  readonly index: number;
  /** null until the row's page has arrived (a click on a row still loading). */
  readonly seq: number | null;
  readonly record: RecordJson | null;
}

/**
 * The timeline of the active session: how many rows its (filtered) view has, the cached pages
 * around the viewport, follow-tail (per tab), the selection and its full record, a second row to
 * compare with, and the whole message of a selected fragment. Rows are fetched by page from main;
 * live batches only extend what is cached (DESIGN.md boundary 4).
 */
export interface TimelineSlice {
  readonly sessionId: string | null;
  /** Changes whenever the view changes (session or filter), so late pages of an old view are dropped. */
  readonly viewKey: number;
  readonly total: number;
  readonly pages: PageCache;
  readonly filter: RecordFilter;
  /** Why the typed search cannot be used (an invalid regular expression); the view is then empty. */
  readonly searchProblem: string | null;
  readonly isFollowingTail: boolean;
  /** Follow-tail of every tab, so switching tabs keeps each one's choice. */
  readonly followBySession: Readonly<Record<string, boolean>>;
  readonly selectedIndex: number | null;
  readonly selectedSeq: number | null;
  readonly selectedRecord: RecordJson | null;
  /** A second row, chosen with Ctrl/Cmd+click, to diff against the selection. */
  readonly compare: RowSelection | null;
  /** The selected frame's whole message, once asked for (or shown by a message row). */
  readonly message: AssembledMessage | null;
  /** A request for the grid to scroll a row into view; `nonce` makes repeated jumps distinct. */
  readonly scrollRequest: { readonly index: number; readonly nonce: number } | null;
  /** How many rows the grid draws at the end of the view (0 until it is measured); main is told, so batches carry them. */
  readonly tailRows: number;
  showSession(id: string | null): void;
  forget(id: string): void;
  ensureRange(firstIndex: number, lastIndex: number): void;
  setFilter(patch: Partial<RecordFilter>): void;
  /** The search field's text; a regular expression that does not compile empties the view and says why. */
  setSearch(search: string, isRegex: boolean): void;
  setFollowTail(isFollowing: boolean): void;
  /** The grid's rows at the end of the view, from its height: told to main for the shown session, asked for when the view follows its end. */
  setTailRows(rows: number): void;
  /** Selects a row; a row still loading is selected at once and its record loads when it arrives. */
  select(index: number): void;
  /** Chooses the row to compare the selection with (null clears it). */
  selectCompare(index: number | null): void;
  /** Loads the whole message of the selected frame. */
  loadMessage(): void;
  /** Gives a selection made while its row was loading its seq, once the row is cached. */
  resolvePendingSelection(): void;
  jumpTo(index: number): void;
  /** Clears the filter, scrolls to the record with this seq and selects it (a Doctor evidence link). */
  reveal(seq: number): void;
}

/** The filter that shows every record, one row per frame. */
export const EMPTY_FILTER: RecordFilter = recordFilterSchema.parse({});

/** True when the filter keeps every record one row each, so view positions are record positions. */
export function isUnfiltered(filter: RecordFilter): boolean {
  return filter.direction === 'any' && filter.category === 'all' && filter.opcodes.length === 0 && filter.search === '' && filter.unit === 'frames'
    && filter.protocolCategory === 'all' && filter.protocolKinds.length === 0;
}

/** Why `source` is not a usable regular expression, or null. */
export function regexProblem(source: string): string | null {
  try {
    new RegExp(source);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The filter main is told this view follows to its end (batches then carry its last rows), or null. */
function followedFilter(slice: TimelineSlice): RecordFilter | null {
  return slice.isFollowingTail && slice.searchProblem === null && !isUnfiltered(slice.filter) ? slice.filter : null;
}

/** The last rows of this filtered view that follows its end, when the batch carries them (main told of the filter in time). */
export function carriedTail(slice: TimelineSlice, batch: EventPayload<'recordsAppended'>): RecordPage | null {
  const filter = followedFilter(slice);
  if (batch.sessionId !== slice.sessionId || filter === null) return null;
  const key = recordFilterKey(filter);
  return batch.views?.find((view) => view.key === key) ?? null;
}

/** The timeline's part of one `recordsAppended` batch, for the single `set` of that batch. */
export function timelineAfterBatch(slice: TimelineSlice, batch: EventPayload<'recordsAppended'>): Partial<TimelineSlice> {
  if (batch.sessionId !== slice.sessionId || slice.searchProblem !== null) return {};
  if (!isUnfiltered(slice.filter)) {
    const tail = carriedTail(slice, batch);
    return tail ? afterTail(slice, tail) : {};
  }
  const from = batch.count - batch.newest.length;
  const tailPage = pageOf(Math.max(0, batch.count - 1));
  // Keep rows only where someone looks: pages already cached, or the tail when following it.
  const isWanted = slice.isFollowingTail || slice.pages.has(pageOf(Math.max(0, from))) || slice.pages.has(tailPage);
  return {
    total: batch.count,
    pages: isWanted && batch.newest.length > 0 ? putRows(slice.pages, from, batch.newest) : slice.pages,
  };
}

/**
 * A view's count after a page answer. Main's count in the answer is newer than the last batch's
 * while records stream in; taking it would draw rows no batch or page has brought (placeholders),
 * and fetching those would bring a newer count again, so a view following a fast flood would
 * chase the tail with only placeholders on screen. The count therefore moves with what carries the
 * tail rows with it (batches unfiltered, tail reads filtered); a page answer extends it only as far
 * as its own rows reach, or sets it when the view knows no count yet. A filtered view that does not
 * follow its end takes main's count: only main knows what matches, and it draws no end.
 */
function totalAfterPage(slice: TimelineSlice, result: RecordPage): number {
  if (slice.total === 0 || (!isUnfiltered(slice.filter) && !slice.isFollowingTail)) return result.total;
  return Math.max(slice.total, result.from + result.rows.length);
}

/** The rows to read at the end of the view: what the grid draws there, or a page before it is measured. */
function tailCount(slice: TimelineSlice): number {
  return slice.tailRows > 0 ? slice.tailRows : PAGE_SIZE;
}

/** The timeline after a tail read: the count and the rows that reach it, together, so the end drawn is never a placeholder. */
function afterTail(slice: TimelineSlice, result: RecordPage): Partial<TimelineSlice> {
  return { total: Math.max(slice.total, result.total), pages: result.rows.length > 0 ? putRows(slice.pages, result.from, result.rows) : slice.pages };
}

/** A random id for this window, naming it to main when it says how many rows it draws (any window may show any session). */
function newViewerId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(12)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The timeline slice. */
export function createTimelineSlice(set: SetApp, get: GetApp): TimelineSlice {
  const patch = (value: Partial<TimelineSlice> | ((slice: TimelineSlice) => Partial<TimelineSlice>)): void =>
    patchSlice(set, 'timeline', value);
  const inFlight = new Set<string>();
  let nonce = 0;
  const viewerId = newViewerId();
  let toldTailRows = '';

  const loadRecord = (sessionId: string, seq: number, apply: (record: RecordJson) => void): void => {
    get()
      .api.getRecord(sessionId, seq)
      .then((record) => {
        if (get().timeline.sessionId === sessionId) apply(record);
      })
      .catch((error: unknown) => get().sessions.reportError(error));
  };

  const loadSelected = (sessionId: string, seq: number, row: RecordRow | undefined): void => {
    loadRecord(sessionId, seq, (record) => {
      if (get().timeline.selectedSeq === seq) patch({ selectedRecord: record });
    });
    // A message row stands for the whole message: show it whole.
    if (row?.kind === 'frame' && (row.messageFrameCount ?? 1) > 1) get().timeline.loadMessage();
  };

  /** A selection made before its row arrived takes its seq once the row is here. */
  const resolvePending = (): void => {
    const { selectedIndex, selectedSeq, sessionId, pages, compare } = get().timeline;
    if (sessionId === null) return;
    if (selectedIndex !== null && selectedSeq === null) {
      const row = rowAt(pages, selectedIndex);
      if (row) {
        patch({ selectedSeq: row.seq });
        loadSelected(sessionId, row.seq, row);
      }
    }
    if (compare && compare.seq === null) {
      const row = rowAt(pages, compare.index);
      if (row) {
        patch({ compare: { ...compare, seq: row.seq } });
        loadRecord(sessionId, row.seq, (record) => {
          const current = get().timeline.compare;
          if (current?.seq === row.seq) patch({ compare: { ...current, record } });
        });
      }
    }
  };

  const fetchPage = async (page: number): Promise<void> => {
    const { sessionId, viewKey, filter, searchProblem } = get().timeline;
    const key = `${viewKey}:${page}`;
    if (sessionId === null || searchProblem !== null || inFlight.has(key)) return;
    inFlight.add(key);
    try {
      const result = await get().api.getRecords(sessionId, page * PAGE_SIZE, PAGE_SIZE, isUnfiltered(filter) ? undefined : filter);
      if (get().timeline.viewKey !== viewKey) return;
      patch((slice) => ({ pages: putRows(slice.pages, result.from, result.rows), total: totalAfterPage(slice, result) }));
      resolvePending();
    } catch (error) {
      get().sessions.reportError(error);
    } finally {
      inFlight.delete(key);
    }
  };

  /** Reads the rows the grid draws at the end with the count they reach (a view that follows its end, as it opens). */
  const fetchTail = async (): Promise<void> => {
    const slice = get().timeline;
    const { sessionId, viewKey, filter } = slice;
    if (sessionId === null || slice.searchProblem !== null) return;
    try {
      const result = await get().api.getTailRecords(sessionId, tailCount(slice), isUnfiltered(filter) ? undefined : filter);
      if (get().timeline.viewKey !== viewKey) return;
      patch((current) => afterTail(current, result));
      resolvePending();
    } catch (error) {
      get().sessions.reportError(error);
    }
  };

  /**
   * Tells main how many rows this window draws at the end of the session it shows, and the filtered
   * view it follows there, when any of them changed.
   */
  const tellTailRows = (): void => {
    const { sessionId, tailRows } = get().timeline;
    const filter = followedFilter(get().timeline);
    const told = `${sessionId ?? ''}:${tailRows}:${filter === null ? '' : recordFilterKey(filter)}`;
    if (tailRows === 0 || told === toldTailRows) return;
    toldTailRows = told;
    // A hint, not the user's action: if it fails (a link refused or down) batches keep main's
    // default rows and no view's, so no notice; it is told again at the next change.
    get().api.setTailRows(viewerId, sessionId, tailRows, filter).catch(() => {
      if (toldTailRows === told) toldTailRows = '';
    });
  };

  const resetView = (sessionId: string | null, filter: RecordFilter, searchProblem: string | null): void => {
    const counts = sessionId ? get().sessions.recordCounts[sessionId] ?? 0 : 0;
    patch((slice) => ({
      sessionId,
      filter,
      searchProblem,
      viewKey: slice.viewKey + 1,
      total: isUnfiltered(filter) && searchProblem === null ? counts : 0,
      pages: new Map(),
      selectedIndex: null,
      selectedSeq: null,
      selectedRecord: null,
      compare: null,
      message: null,
    }));
    // A view that follows its end opens there, its count and last rows in one answer; otherwise
    // page 0 tells a filtered view its total. The grid asks for the rest.
    if (get().timeline.isFollowingTail && sessionId !== null) void fetchTail();
    else void fetchPage(0);
    tellTailRows();
  };

  const followFor = (id: string): boolean => {
    const known = get().timeline.followBySession[id];
    if (known !== undefined) return known;
    // Every new live session follows its tail; a finished or imported one opens at its start.
    const summary = get().sessions.byId[id];
    return summary === undefined || summary.state !== 'closed';
  };

  return {
    sessionId: null,
    viewKey: 0,
    total: 0,
    pages: new Map(),
    filter: EMPTY_FILTER,
    searchProblem: null,
    isFollowingTail: true,
    followBySession: {},
    selectedIndex: null,
    selectedSeq: null,
    selectedRecord: null,
    compare: null,
    message: null,
    scrollRequest: null,
    tailRows: 0,

    showSession(id) {
      const isFollowing = id === null ? true : followFor(id);
      patch((slice) => ({ isFollowingTail: isFollowing, followBySession: id === null ? slice.followBySession : { ...slice.followBySession, [id]: isFollowing } }));
      resetView(id, get().timeline.filter, get().timeline.searchProblem);
    },

    forget(id) {
      patch((slice) => {
        const { [id]: _dropped, ...followBySession } = slice.followBySession;
        return { followBySession };
      });
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
      resetView(get().timeline.sessionId, filter, filter.isRegex && filter.search !== '' ? regexProblem(filter.search) : null);
    },

    setSearch(search, isRegex) {
      const { filter, searchProblem } = get().timeline;
      const problem = isRegex && search !== '' ? regexProblem(search) : null;
      if (problem !== null) {
        // No stale rows under a pattern that cannot run: the view is empty until it compiles.
        if (searchProblem !== problem) resetView(get().timeline.sessionId, { ...filter, search, isRegex }, problem);
        return;
      }
      if (filter.search === search && filter.isRegex === isRegex && searchProblem === null) return;
      resetView(get().timeline.sessionId, { ...filter, search, isRegex }, null);
    },

    setFollowTail(isFollowing) {
      const { isFollowingTail, sessionId } = get().timeline;
      if (isFollowingTail === isFollowing) return;
      patch((slice) => ({ isFollowingTail: isFollowing, followBySession: sessionId === null ? slice.followBySession : { ...slice.followBySession, [sessionId]: isFollowing } }));
      tellTailRows();
    },

    setTailRows(rows) {
      const tailRows = Math.min(MAX_TAIL_ROWS, Math.max(0, Math.round(rows)));
      if (tailRows !== get().timeline.tailRows) patch({ tailRows });
      tellTailRows();
    },

    select(index) {
      const { pages, sessionId, filter } = get().timeline;
      if (sessionId === null || index < 0) return;
      const row = rowAt(pages, index);
      // Unfiltered, a row's view index is its seq, so its record can load before its row does.
      const seq = row?.seq ?? (isUnfiltered(filter) ? index : null);
      get().timeline.setFollowTail(false);
      patch({ selectedIndex: index, selectedSeq: seq, selectedRecord: null, message: null });
      if (seq !== null) loadSelected(sessionId, seq, row);
    },

    selectCompare(index) {
      const { pages, sessionId, filter } = get().timeline;
      if (index === null || sessionId === null) {
        patch({ compare: null });
        return;
      }
      const row = rowAt(pages, index);
      const seq = row?.seq ?? (isUnfiltered(filter) ? index : null);
      patch({ compare: { index, seq, record: null } });
      if (seq === null) return;
      loadRecord(sessionId, seq, (record) => {
        const current = get().timeline.compare;
        if (current?.seq === seq) patch({ compare: { ...current, record } });
      });
    },

    resolvePendingSelection() {
      resolvePending();
    },

    loadMessage() {
      const { sessionId, selectedSeq } = get().timeline;
      if (sessionId === null || selectedSeq === null) return;
      get()
        .api.getMessage(sessionId, selectedSeq)
        .then((message) => {
          if (get().timeline.sessionId === sessionId && get().timeline.selectedSeq === selectedSeq) patch({ message });
        })
        .catch((error: unknown) => get().sessions.reportError(error));
    },

    jumpTo(index) {
      const { total } = get().timeline;
      if (total === 0) return;
      nonce += 1;
      get().timeline.setFollowTail(false);
      patch({ scrollRequest: { index: Math.min(Math.max(0, index), total - 1), nonce } });
    },

    reveal(seq) {
      const { sessionId, filter } = get().timeline;
      if (sessionId === null) return;
      // Unfiltered, a record's view index is its seq.
      if (!isUnfiltered(filter)) resetView(sessionId, EMPTY_FILTER, null);
      nonce += 1;
      get().timeline.setFollowTail(false);
      patch((slice) => ({ total: Math.max(slice.total, seq + 1), selectedIndex: seq, selectedSeq: seq, selectedRecord: null, message: null, scrollRequest: { index: seq, nonce } }));
      loadSelected(sessionId, seq, undefined);
    },
  };
}

/**
 * A filtered view cannot place a batch itself (main decides what matches), so unless the batch
 * carried its last rows (`carriedTail`) it asks main; that answer carries the new total. Following
 * its end, it asks for the rows the grid draws there with the total they reach, however many
 * matched since (a flood adds thousands a batch); otherwise for what matches after its current end.
 */
export async function refreshFilteredTail(get: GetApp, set: SetApp): Promise<void> {
  const slice = get().timeline;
  const { sessionId, viewKey, filter, total, searchProblem } = slice;
  if (sessionId === null || isUnfiltered(filter) || searchProblem !== null) return;
  const result = slice.isFollowingTail ? await get().api.getTailRecords(sessionId, tailCount(slice), filter) : await get().api.getRecords(sessionId, total, PAGE_SIZE, filter);
  if (get().timeline.viewKey !== viewKey) return;
  patchSlice(set, 'timeline', (current) => afterTail(current, result));
  get().timeline.resolvePendingSelection();
}
