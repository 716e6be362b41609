import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { KeyboardEvent, MouseEvent } from 'react';
import { useT } from '../../lib/use-t.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import { rowAt } from '../../store/page-cache.js';
import { isListenedTimeline } from './direction-words.js';
import { rowAsText } from './row-text.js';
import { ColumnHeader } from './column-header.js';
import { ROW_HEIGHT_PX } from './timeline-columns.js';
import { TimelineRow } from './timeline-row.js';
import type { TimelineColumns } from './use-timeline-columns.js';
import { computeWindow, maxRowsDrawn, rowsDrawnAtEnd, scrollTopForEnd, scrollTopForIndex } from './virtualizer.js';

/** How long after a wheel turn, a press on the scrollbar or a key a scroll still counts as the user's. */
const USER_SCROLL_WINDOW_MS = 1500;

/**
 * The "Frames" grid: a virtual window over the active session's (filtered) rows. Only the rows
 * on screen are rendered and only their pages are fetched; offset scaling keeps a million rows
 * and more within the browser's element-height limit. Its columns are fitted to its width by
 * `TimelineView`, which also measures the rows' viewport (`scroller`). A click on a row still
 * loading selects it; its detail follows.
 */
export function TimelineGrid({ columns, scroller, onScroller, viewportHeightPx }: { columns: TimelineColumns; scroller: HTMLDivElement | null; onScroller: (element: HTMLDivElement | null) => void; viewportHeightPx: number }) {
  const t = useT();
  const total = useApp((state) => state.timeline.total);
  const viewKey = useApp((state) => state.timeline.viewKey);
  const selectedIndex = useApp((state) => state.timeline.selectedIndex);
  const comparedIndex = useApp((state) => state.timeline.compare?.index ?? null);
  const scrollRequest = useApp((state) => state.timeline.scrollRequest);
  const searchProblem = useApp((state) => state.timeline.searchProblem);
  const isFollowingTail = useApp((state) => state.timeline.isFollowingTail);
  const openedAtMs = useApp((state) => state.sessions.byId[state.sessions.activeId ?? '']?.openedAt ?? 0);
  const timeFormat = useApp((state) => state.preferences.values.timeFormat);
  // Read once per grid, not once per row.
  const isListened = useApp(isListenedTimeline);
  const headerRef = useRef<HTMLDivElement>(null);
  const [scrollTopPx, setScrollTopPx] = useState(0);
  const programmaticTop = useRef<number | null>(null);
  // Only a scroll the user made (wheel, scrollbar) turns follow-tail on or off; one caused by switching tabs or filters, or a click on a row, does not.
  const userIntentAt = useRef(0);
  const markIntent = (): void => {
    userIntentAt.current = Date.now();
  };
  const geometry = { rowCount: total, rowHeightPx: ROW_HEIGHT_PX, viewportHeightPx };
  // Following, the rows drawn are the tail of the count just received, whose rows came with it in
  // the same batch; drawn from the scroll position of the count before, the overscan rows below
  // the old tail would be placeholders for a frame.
  const window = computeWindow({ ...geometry, scrollTopPx, isPinnedToEnd: isFollowingTail });

  const scrollTo = useCallback((top: number) => {
    if (!scroller) return;
    scroller.scrollTop = top;
    // The browser clamps the position; the scroll event reports the clamped one.
    programmaticTop.current = scroller.scrollTop;
    setScrollTopPx(scroller.scrollTop);
  }, [scroller]);

  useEffect(() => {
    getAppStore().getState().timeline.ensureRange(window.firstIndex, window.lastIndex);
  }, [window.firstIndex, window.lastIndex, total, viewKey]);

  // Main sends as many of the newest rows with each batch (and a filtered view reads as many at its
  // end) as this grid draws while following, so a tall window follows a flood with text in every row.
  useEffect(() => {
    if (viewportHeightPx > 0) getAppStore().getState().timeline.setTailRows(rowsDrawnAtEnd(viewportHeightPx, ROW_HEIGHT_PX));
  }, [viewportHeightPx]);

  // Stick to the bottom while following, before the frame is painted: the scrollbar and the
  // position the window reverts to when following stops (a click, a key) match the rows drawn.
  useLayoutEffect(() => {
    if (!scroller || !isFollowingTail) return;
    scrollTo(scrollTopForEnd({ rowCount: total, rowHeightPx: ROW_HEIGHT_PX, viewportHeightPx: scroller.clientHeight }));
  }, [scroller, scrollTo, isFollowingTail, total, viewKey, viewportHeightPx]);

  useEffect(() => {
    if (!scrollRequest || !scroller) return;
    scrollTo(scrollTopForIndex(scrollRequest.index, 'center', { ...geometry, viewportHeightPx: scroller.clientHeight }));
    const { timeline } = getAppStore().getState();
    if (timeline.selectedIndex !== scrollRequest.index) timeline.select(scrollRequest.index);
    // Only a new request scrolls; the geometry is read as it is now.
  }, [scrollRequest, scroller]);

  const onScroll = (): void => {
    if (!scroller) return;
    if (headerRef.current) headerRef.current.scrollLeft = scroller.scrollLeft;
    const top = scroller.scrollTop;
    if (top === scrollTopPx) return;
    setScrollTopPx(top);
    const isProgrammatic = programmaticTop.current !== null && Math.abs(programmaticTop.current - top) <= 1;
    programmaticTop.current = null;
    if (isProgrammatic || Date.now() - userIntentAt.current > USER_SCROLL_WINDOW_MS) return;
    const atEnd = top >= scroller.scrollHeight - scroller.clientHeight - 2;
    getAppStore().getState().timeline.setFollowTail(atEnd);
  };

  const moveSelection = (index: number): void => {
    if (total === 0) return;
    const target = Math.min(Math.max(0, index), total - 1);
    getAppStore().getState().timeline.select(target);
    if (target < window.firstIndex + 4 || target > window.lastIndex - 4) {
      scrollTo(scrollTopForIndex(target, target < (selectedIndex ?? 0) ? 'start' : 'end', { ...geometry }));
    }
  };

  const copySelectedRow = (): void => {
    const { timeline, platform, sessions } = getAppStore().getState();
    const row = timeline.selectedIndex === null ? undefined : rowAt(timeline.pages, timeline.selectedIndex);
    if (!row) return;
    void platform.copyText(rowAsText(row, { openedAtMs, isListened, t })).then(() => sessions.showNotice({ kind: 'info', message: (tr) => tr('timeline:copy.rowCopied', { seq: row.seq }) }));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'c' && !event.shiftKey && !event.altKey) {
      event.preventDefault();
      copySelectedRow();
      return;
    }
    const pageRows = Math.max(1, Math.floor(viewportHeightPx / ROW_HEIGHT_PX) - 1);
    const current = selectedIndex ?? window.firstIndex;
    const moves: Record<string, number> = {
      ArrowDown: current + 1, ArrowUp: current - 1, PageDown: current + pageRows, PageUp: current - pageRows, Home: 0, End: total - 1,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    moveSelection(target);
  };

  const onClick = (event: MouseEvent<HTMLDivElement>): void => {
    const rowElement = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
    if (!rowElement) return;
    const index = Number(rowElement.dataset.index);
    const { timeline } = getAppStore().getState();
    // Ctrl/Cmd+click picks a second row to compare the selection with.
    if ((event.ctrlKey || event.metaKey) && timeline.selectedIndex !== null && timeline.selectedIndex !== index) timeline.selectCompare(index);
    else timeline.select(index);
  };

  // Rows are keyed by slot, not by index: while following a flood the whole window moves on with
  // every batch, and a row element refilled with another record costs far less style, layout and
  // paint than one unmounted and another created; a one-row scroll still refills only one slot.
  const slots = maxRowsDrawn(viewportHeightPx, ROW_HEIGHT_PX);
  const rows = [];
  for (let index = window.firstIndex; index <= window.lastIndex; index += 1) {
    rows.push(
      <TimelineRow
        key={index % slots}
        index={index}
        topPx={window.firstOffsetPx + (index - window.firstIndex) * ROW_HEIGHT_PX}
        isSelected={index === selectedIndex}
        isCompared={index === comparedIndex}
        openedAtMs={openedAtMs}
        isListened={isListened}
        columns={columns.ids}
        template={columns.template}
        timeFormat={timeFormat}
        t={t}
      />,
    );
  }

  return (
    <div role="grid" aria-label={t('timeline:grid.label')} aria-rowcount={total + 1} aria-colcount={columns.ids.length} className="frames-grid" tabIndex={0} onKeyDown={onKeyDown}>
      <div className="header-clip" ref={headerRef}>
        <ColumnHeader layout={columns.layout} template={columns.template} minWidthPx={columns.minWidthPx} />
      </div>
      <div
        className="frames-scroller"
        ref={onScroller}
        onScroll={onScroll}
        onClick={onClick}
        onPointerDown={(event) => event.target === event.currentTarget && markIntent()}
        onKeyDown={markIntent}
        onWheel={(event) => {
          markIntent();
          if (event.deltaY < 0) getAppStore().getState().timeline.setFollowTail(false);
        }}
      >
        <div className="frames-viewport" style={{ height: viewportHeightPx, minWidth: columns.minWidthPx }}>{rows}</div>
        <div style={{ height: Math.max(0, window.scrollHeightPx - viewportHeightPx), minWidth: columns.minWidthPx }} />
        {total === 0 && <div className="empty-note">{searchProblem !== null ? t('timeline:grid.invalidSearch') : t('timeline:grid.empty')}</div>}
      </div>
    </div>
  );
}
