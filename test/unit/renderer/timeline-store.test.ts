import { describe, expect, it } from 'vitest';
import { applyRecordsAppended, connectEvents, createAppStore } from '../../../renderer/store/app-store.js';
import { MAX_PAGES, PAGE_SIZE, missingPages, putRows, rowAt } from '../../../renderer/store/page-cache.js';
import { computeWindow, rowsDrawnAtEnd, scrollTopForEnd } from '../../../renderer/features/timeline/virtualizer.js';
import { MAX_TAIL_ROWS, recordFilterKey, type RecordFilter } from '../../../shared/contract/api-session.js';
import type { FramelineApi } from '../../../shared/contract/api.js';
import { fakeApi, frameRow, settle } from './fake-api.js';

/** The filter a read asked main for (a tail read takes no `from`). */
const filterOf = (call: { command: string; args: unknown[] } | undefined): unknown => (call?.command === 'getTailRecords' ? call.args[2] : call?.args[3]);

function setup(rowCount: number) {
  const count = { value: rowCount };
  const fake = fakeApi(count);
  const store = createAppStore(fake.api);
  store.getState().sessions.upsert({
    id: 's1', url: 'ws://example.test/', state: 'open', openedAt: 0, statusCode: 101, readOnly: false,
    counts: { records: rowCount, framesIn: 0, framesOut: 0 },
  });
  store.getState().sessions.select('s1');
  return { store, count, ...fake };
}

describe('page cache', () => {
  it('stores rows across page boundaries and finds them by index', () => {
    const rows = Array.from({ length: 150 }, (_, i) => frameRow(50 + i));
    const pages = putRows(new Map(), 50, rows);
    expect([...pages.keys()]).toEqual([0, 1]);
    expect(rowAt(pages, 50)?.seq).toBe(50);
    expect(rowAt(pages, 199)?.seq).toBe(199);
    expect(rowAt(pages, 49)).toBeUndefined();
    // Page 0 has holes (rows 0–49), so it is fetched again; page 1 is complete.
    expect(missingPages(pages, 0, 199, 1000)).toEqual([0]);
  });

  it('evicts the least recently used pages beyond the limit', () => {
    let pages = putRows(new Map(), 0, [frameRow(0)]);
    for (let page = 1; page <= MAX_PAGES + 5; page += 1) pages = putRows(pages, page * PAGE_SIZE, [frameRow(page * PAGE_SIZE)]);
    expect(pages.size).toBe(MAX_PAGES);
    expect(pages.has(0)).toBe(false);
    expect(pages.has(MAX_PAGES + 5)).toBe(true);
  });
});

describe('timeline slice', () => {
  it('fetches only the pages the viewport needs, never the whole session', async () => {
    const { store, calls } = setup(1_000_000);
    await settle();
    store.getState().timeline.ensureRange(500_000, 500_040);
    await settle();
    // The live session opens following its end: its last rows and count in one read, then the page asked for.
    expect(calls.map((call) => `${call.command} ${String(call.args[1])}`)).toEqual(['getTailRecords 100', 'getRecords 500000']);
    expect(rowAt(store.getState().timeline.pages, 500_040)?.seq).toBe(500_040);
    expect(store.getState().timeline.total).toBe(1_000_000);
  });

  it('applies a batch in one store update: count, tail rows and the session counter', async () => {
    const { store } = setup(10);
    await settle();
    let notifications = 0;
    const unsubscribe = store.subscribe(() => (notifications += 1));
    applyRecordsAppended(store, { sessionId: 's1', count: 13, newest: [frameRow(10), frameRow(11), frameRow(12)] });
    unsubscribe();
    expect(notifications).toBe(1);
    const { timeline, sessions } = store.getState();
    expect(timeline.total).toBe(13);
    expect(sessions.recordCounts.s1).toBe(13);
    expect(rowAt(timeline.pages, 12)?.seq).toBe(12);
  });

  it('ignores batches of other sessions except for their counters', async () => {
    const { store } = setup(10);
    await settle();
    applyRecordsAppended(store, { sessionId: 'other', count: 99, newest: [frameRow(98)] });
    expect(store.getState().timeline.total).toBe(10);
    expect(store.getState().sessions.recordCounts.other).toBe(99);
  });

  it('does not cache live rows far from the viewport when not following the tail', async () => {
    const { store } = setup(100_000);
    await settle();
    store.getState().timeline.setFollowTail(false);
    const before = store.getState().timeline.pages;
    applyRecordsAppended(store, { sessionId: 's1', count: 100_001, newest: [frameRow(100_000)] });
    expect(store.getState().timeline.pages).toBe(before);
    expect(store.getState().timeline.total).toBe(100_001);
  });

  it('stops following the tail on selection and jump, and follows again on request', async () => {
    const { store } = setup(500);
    await settle();
    expect(store.getState().timeline.isFollowingTail).toBe(true);
    store.getState().timeline.select(3);
    expect(store.getState().timeline.isFollowingTail).toBe(false);
    store.getState().timeline.setFollowTail(true);
    store.getState().timeline.jumpTo(10_000);
    expect(store.getState().timeline.scrollRequest?.index).toBe(499);
    expect(store.getState().timeline.isFollowingTail).toBe(false);
  });

  it('asks main to filter and pages through the filtered view', async () => {
    const { store, calls } = setup(1000);
    await settle();
    store.getState().timeline.setFilter({ direction: 'in' });
    await settle();
    expect(filterOf(calls.at(-1))).toMatchObject({ direction: 'in' });
    expect(store.getState().timeline.total).toBe(500);
    // Following, the view opens at its end; paging back fetches the filtered view's first page.
    expect(rowAt(store.getState().timeline.pages, 499)).toMatchObject({ direction: 'in', seq: 999 });
    store.getState().timeline.ensureRange(0, 40);
    await settle();
    expect(calls.at(-1)).toMatchObject({ command: 'getRecords', args: ['s1', 0, PAGE_SIZE, { direction: 'in' }] });
    expect(rowAt(store.getState().timeline.pages, 0)).toMatchObject({ direction: 'in', seq: 1 });
  });

  it('learns a filtered view\'s new rows from main after a batch', async () => {
    const { store, count, emit } = setup(1000);
    connectEvents(store);
    await settle();
    store.getState().timeline.setFilter({ search: 'row 100' });
    await settle();
    expect(store.getState().timeline.total).toBe(1); // "row 100"; rows 1000–1009 do not exist yet
    count.value = 1010;
    emit('recordsAppended', { sessionId: 's1', count: 1010, newest: [frameRow(1009)] });
    await settle();
    expect(store.getState().timeline.total).toBe(11);
  });

  it('drops pages that arrive after the view changed', async () => {
    const { store } = setup(1000);
    store.getState().timeline.setFilter({ direction: 'out' });
    store.getState().timeline.setFilter({ direction: 'in' });
    await settle();
    const { pages, total } = store.getState().timeline;
    expect(rowAt(pages, total - 1)).toMatchObject({ direction: 'in' });
    expect([...pages.values()].flat().filter((row) => row !== undefined && row.kind === 'frame' && row.direction === 'out')).toEqual([]);
  });
});

describe('following a flood faster than a page round trip (100 k/s)', () => {
  /** What the grid does each frame while following: asks for the rows at the tail; returns those it would draw as placeholders. */
  const placeholdersAtTail = (store: ReturnType<typeof setup>['store'], rowsOnScreen: number): number[] => {
    const { total, pages } = store.getState().timeline;
    const first = Math.max(0, total - rowsOnScreen);
    const missing: number[] = [];
    for (let index = first; index < total; index += 1) if (!rowAt(pages, index)) missing.push(index);
    return missing;
  };

  it('draws the rows of every batch: a page answer with main\'s newer count does not move the tail past them', async () => {
    const { store, count } = setup(1000);
    await settle();
    for (let batch = 1; batch <= 5; batch += 1) {
      const batchCount = 1000 + batch * 5000;
      applyRecordsAppended(store, { sessionId: 's1', count: batchCount, newest: Array.from({ length: 50 }, (_, i) => frameRow(batchCount - 50 + i)) });
      // Main has taken another 5,000 records by the time the grid's page request reaches it.
      count.value = batchCount + 5000;
      const { total } = store.getState().timeline;
      store.getState().timeline.ensureRange(total - 60, total - 1);
      await settle();
      expect(placeholdersAtTail(store, 40)).toEqual([]);
      const last = rowAt(store.getState().timeline.pages, store.getState().timeline.total - 1);
      expect(last?.kind === 'frame' ? last.payloadPreview : undefined).toBe(`row ${batchCount - 1}`);
    }
    expect(store.getState().timeline.total).toBe(26_000);
  });

  it('fetches no page while the batches bring every row on screen, however many holes lie above them', async () => {
    const { store, calls } = setup(1000);
    await settle();
    const before = calls.length;
    // Rows 6030–6079 arrive; their page starts at 6000, so it has holes, none of them on screen.
    applyRecordsAppended(store, { sessionId: 's1', count: 6080, newest: Array.from({ length: 50 }, (_, i) => frameRow(6030 + i)) });
    store.getState().timeline.ensureRange(6080 - 40, 6079);
    await settle();
    expect(calls.length).toBe(before);
    expect(placeholdersAtTail(store, 40)).toEqual([]);
  });

  it('draws the new tail in the render that brings the count, not the old position with placeholders below it', async () => {
    const { store } = setup(19_431);
    await settle();
    const grid = { rowHeightPx: 22, viewportHeightPx: 330 };
    // The scroll position is still the end of the old count when the batch's render happens.
    const scrollTopPx = scrollTopForEnd({ ...grid, rowCount: 19_431 });
    applyRecordsAppended(store, { sessionId: 's1', count: 20_353, newest: Array.from({ length: 50 }, (_, i) => frameRow(20_303 + i)) });
    const { total, pages, isFollowingTail } = store.getState().timeline;
    const drawn = computeWindow({ ...grid, rowCount: total, scrollTopPx, isPinnedToEnd: isFollowingTail });
    expect(drawn.lastIndex).toBe(20_352);
    for (let index = drawn.firstIndex; index <= drawn.lastIndex; index += 1) expect(rowAt(pages, index)?.seq).toBe(index);
  });

  it('still learns the count from its first page when it knew none', async () => {
    const { store, count } = setup(0);
    count.value = 700;
    store.getState().timeline.showSession('s1');
    await settle();
    expect(store.getState().timeline.total).toBe(700);
  });
});

describe('a tall window following a flood, filtered or not', () => {
  /** The rows at the end of the view that are not cached: what the pinned grid would draw as placeholders. */
  const placeholdersAtEnd = (store: ReturnType<typeof setup>['store']): number => {
    const { total, pages, tailRows } = store.getState().timeline;
    let missing = 0;
    for (let index = Math.max(0, total - tailRows); index < total; index += 1) if (!rowAt(pages, index)) missing += 1;
    return missing;
  };

  it('draws as many rows at the end as a pinned window of its height shows', () => {
    for (let heightPx = 40; heightPx <= 6_600; heightPx += 37) {
      const window = computeWindow({ rowCount: 1_000_000, rowHeightPx: 22, viewportHeightPx: heightPx, scrollTopPx: 0, isPinnedToEnd: true });
      expect(rowsDrawnAtEnd(heightPx, 22), `${heightPx} px`).toBe(window.lastIndex - window.firstIndex + 1);
    }
    // A 2,600 px timeline draws more than the 100 rows batches carried before windows said.
    expect(rowsDrawnAtEnd(2_600, 22)).toBeGreaterThan(100);
  });

  it('tells main how many rows it draws at the end of the session it shows, once per change, at most 300', async () => {
    const { store, calls } = setup(1000);
    await settle();
    const rows = rowsDrawnAtEnd(2_600, 22);
    store.getState().timeline.setTailRows(rows);
    store.getState().timeline.setTailRows(rows);
    store.getState().timeline.setTailRows(10_000);
    store.getState().sessions.upsert({ id: 's2', url: 'ws://b.test/', state: 'open', openedAt: 0, statusCode: 101, readOnly: false, counts: { records: 5, framesIn: 0, framesOut: 0 } });
    store.getState().sessions.select('s2');
    await settle();
    const told = calls.filter((call) => call.command === 'setTailRows');
    expect(told.map((call) => call.args.slice(1))).toEqual([['s1', rows, null], ['s1', MAX_TAIL_ROWS, null], ['s2', MAX_TAIL_ROWS, null]]);
    // One window, one id, whatever it shows.
    expect(new Set(told.map((call) => call.args[0])).size).toBe(1);
    expect(told[0]?.args[0]).toMatch(/^[0-9a-f]{24}$/);
  });

  it('puts up no notice when telling main fails (a refused link), and tells it again at the next change', async () => {
    const { store, calls, api } = setup(1000);
    await settle();
    let isRefused = true;
    const refusable: { setTailRows: FramelineApi['setTailRows'] } = api;
    refusable.setTailRows = async (viewerId, sessionId, rows) => {
      calls.push({ command: 'setTailRows', args: [viewerId, sessionId, rows] });
      if (isRefused) throw new Error('setTailRows: refused');
      return null;
    };
    store.getState().timeline.setTailRows(40);
    await settle();
    expect(store.getState().sessions.notice).toBeNull();
    isRefused = false;
    // The grid says its height again (a resize, the next session): the same count is told anew.
    store.getState().timeline.setTailRows(40);
    store.getState().timeline.setTailRows(40);
    await settle();
    expect(calls.filter((call) => call.command === 'setTailRows').map((call) => call.args[2])).toEqual([40, 40]);
    expect(store.getState().sessions.notice).toBeNull();
  });

  it('never draws a placeholder at the end of a filtered view while thousands of rows match per batch', async () => {
    const { store, count, emit, calls } = setup(1000);
    connectEvents(store);
    store.getState().timeline.setTailRows(rowsDrawnAtEnd(2_600, 22));
    store.getState().timeline.setFilter({ direction: 'in' });
    await settle();
    // Every state the grid could draw, not only the last one.
    const drawnPlaceholders: number[] = [];
    const unsubscribe = store.subscribe(() => drawnPlaceholders.push(placeholdersAtEnd(store)));
    for (let batch = 1; batch <= 5; batch += 1) {
      count.value += 10_000;
      emit('recordsAppended', { sessionId: 's1', count: count.value, newest: Array.from({ length: 100 }, (_, i) => frameRow(count.value - 100 + i)) });
      await settle();
      // What the grid asks for on screen: nothing is missing, so nothing is fetched.
      const { total } = store.getState().timeline;
      store.getState().timeline.ensureRange(total - rowsDrawnAtEnd(2_600, 22), total - 1);
      await settle();
      expect(total).toBe(count.value / 2);
    }
    unsubscribe();
    expect(drawnPlaceholders.length).toBeGreaterThan(0);
    expect(drawnPlaceholders.filter((missing) => missing > 0)).toEqual([]);
    expect(calls.filter((call) => call.command === 'getRecords')).toEqual([]);
  });

  it('opens a followed view at its end, count and rows together, and pages only when it stops following', async () => {
    const { store, calls } = setup(50_000);
    store.getState().timeline.setTailRows(130);
    store.getState().timeline.setFilter({ direction: 'out' });
    await settle();
    expect(store.getState().timeline.total).toBe(25_000);
    expect(placeholdersAtEnd(store)).toBe(0);
    const reads = () => calls.filter((call) => call.command !== 'setTailRows');
    expect(reads().at(-1)).toMatchObject({ command: 'getTailRecords', args: ['s1', 130, { direction: 'out' }] });
    store.getState().timeline.setFollowTail(false);
    store.getState().timeline.setFilter({ direction: 'in' });
    await settle();
    expect(reads().at(-1)).toMatchObject({ command: 'getRecords', args: ['s1', 0, PAGE_SIZE, { direction: 'in' }] });
  });

  it('tells main the filtered view it follows, so batches can carry its rows, and no view once it stops following or filtering', async () => {
    const { store, calls } = setup(1000);
    store.getState().timeline.setTailRows(60);
    store.getState().timeline.setSearch('error', false);
    store.getState().timeline.setFollowTail(false);
    store.getState().timeline.setFollowTail(true);
    store.getState().timeline.setSearch('', false);
    await settle();
    const told = calls.filter((call) => call.command === 'setTailRows').map((call) => [call.args[2], (call.args[3] as RecordFilter | null)?.search ?? null]);
    expect(told).toEqual([[60, null], [60, 'error'], [60, null], [60, 'error'], [60, null]]);
  });

  it('draws a followed filtered view\'s last rows with the batch that carries them, without asking main; a batch without them still asks', async () => {
    const { store, count, emit, calls } = setup(1000);
    connectEvents(store);
    store.getState().timeline.setTailRows(50);
    store.getState().timeline.setFilter({ direction: 'in' });
    await settle();
    const tailReads = () => calls.filter((call) => call.command === 'getTailRecords').length;
    const before = tailReads();
    const key = recordFilterKey(store.getState().timeline.filter);
    for (let batch = 1; batch <= 3; batch += 1) {
      count.value += 1000;
      const total = count.value / 2;
      const rows = Array.from({ length: 50 }, (_, i) => frameRow((total - 50 + i) * 2 + 1));
      emit('recordsAppended', { sessionId: 's1', count: count.value, newest: [], views: [{ key: 'another view', from: 0, total: 1, rows: [frameRow(0)] }, { key, from: total - 50, total, rows }] });
      // Drawn in the store update of the batch itself, not after a round trip.
      const { timeline } = store.getState();
      expect(timeline.total).toBe(total);
      expect(rowAt(timeline.pages, total - 1)?.seq).toBe(count.value - 1);
      await settle();
    }
    expect(tailReads()).toBe(before);
    count.value += 1000;
    emit('recordsAppended', { sessionId: 's1', count: count.value, newest: [] });
    await settle();
    expect(tailReads()).toBe(before + 1);
    expect(store.getState().timeline.total).toBe(count.value / 2);
  });
});

describe('selecting rows that are still loading (a 10 k/s flood)', () => {
  it('selects an unloaded row at once and loads its record by seq (unfiltered, index is seq)', async () => {
    const { store } = setup(100_000);
    await settle();
    expect(rowAt(store.getState().timeline.pages, 50_000)).toBeUndefined();
    store.getState().timeline.select(50_000);
    expect(store.getState().timeline).toMatchObject({ selectedIndex: 50_000, selectedSeq: 50_000, isFollowingTail: false });
    await settle();
    expect(store.getState().timeline.selectedRecord?.seq).toBe(50_000);
  });

  it('selects an unloaded row of a filtered view and loads its detail when its page arrives', async () => {
    const { store } = setup(10_000);
    await settle();
    store.getState().timeline.setFilter({ direction: 'in' });
    await settle();
    store.getState().timeline.select(3_000);
    expect(store.getState().timeline).toMatchObject({ selectedIndex: 3_000, selectedSeq: null, selectedRecord: null });
    store.getState().timeline.ensureRange(2_990, 3_010);
    await settle();
    // Row 3000 of the "in" view is record 6001 (every odd seq is received).
    expect(store.getState().timeline.selectedSeq).toBe(6_001);
    expect(store.getState().timeline.selectedRecord?.seq).toBe(6_001);
  });
});

describe('follow-tail per tab', () => {
  it('is on for every new live session, off for ended ones, and each tab keeps its own', async () => {
    const { store } = setup(100);
    await settle();
    store.getState().timeline.setFollowTail(false);
    store.getState().sessions.upsert({ id: 's2', url: 'ws://b.test/', state: 'connecting', openedAt: 0, statusCode: null, readOnly: false, counts: { records: 0, framesIn: 0, framesOut: 0 } });
    store.getState().sessions.select('s2');
    expect(store.getState().timeline.isFollowingTail).toBe(true);
    store.getState().sessions.upsert({ id: 's3', url: 'ws://c.test/', state: 'closed', openedAt: 0, statusCode: 101, readOnly: true, counts: { records: 9, framesIn: 0, framesOut: 0 } });
    store.getState().sessions.select('s3');
    expect(store.getState().timeline.isFollowingTail).toBe(false);
    store.getState().sessions.select('s1');
    expect(store.getState().timeline.isFollowingTail).toBe(false);
    store.getState().sessions.select('s2');
    expect(store.getState().timeline.isFollowingTail).toBe(true);
  });
});

describe('an invalid regular expression', () => {
  it('empties the view and says why instead of keeping stale rows; a valid one queries main', async () => {
    const { store, calls } = setup(1000);
    await settle();
    store.getState().timeline.setSearch('row 1', false);
    await settle();
    expect(store.getState().timeline.total).toBeGreaterThan(0);
    const before = calls.length;
    store.getState().timeline.setSearch('row (1', true);
    await settle();
    expect(store.getState().timeline.searchProblem).toMatch(/Unterminated group|unterminated/i);
    expect(store.getState().timeline.total).toBe(0);
    expect(store.getState().timeline.pages.size).toBe(0);
    store.getState().timeline.ensureRange(0, 40);
    await settle();
    expect(calls.length).toBe(before);
    store.getState().timeline.setSearch('row (1)', true);
    await settle();
    expect(store.getState().timeline.searchProblem).toBeNull();
    expect(filterOf(calls.at(-1))).toMatchObject({ search: 'row (1)', isRegex: true });
  });
});

describe('frames or messages', () => {
  it('asks main for the messages view, which is never treated as record positions', async () => {
    const { store, calls } = setup(100);
    await settle();
    store.getState().timeline.setFilter({ unit: 'messages' });
    await settle();
    expect(filterOf(calls.at(-1))).toMatchObject({ unit: 'messages' });
  });
});
