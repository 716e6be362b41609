import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { KeyboardEvent, MouseEvent } from 'react';
import { getAppStore, useApp } from '../../store/app-store.js';
import { rowAt } from '../../store/page-cache.js';
import { isListenedTimeline } from './direction-words.js';
import { hasProtocolColumn } from '../protocols/protocol-state.js';
import { columnsFor, gridTemplateFor, ROW_HEIGHT_PX } from './timeline-columns.js';
import { TimelineRow } from './timeline-row.js';
import { computeWindow, scrollTopForEnd, scrollTopForIndex } from './virtualizer.js';

/** Keeps the viewport's height in state so the window follows resizes. */
function useViewportHeight(element: HTMLElement | null): number {
  const [height, setHeight] = useState(0);
  useLayoutEffect(() => {
    if (!element) return undefined;
    setHeight(element.clientHeight);
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return height;
}

/**
 * The "Frames" grid: a virtual window over the active session's (filtered) rows. Only the rows
 * on screen are rendered and only their pages are fetched; offset scaling keeps a million rows
 * and more within the browser's element-height limit.
 */
export function TimelineGrid() {
  const total = useApp((state) => state.timeline.total);
  const viewKey = useApp((state) => state.timeline.viewKey);
  const selectedIndex = useApp((state) => state.timeline.selectedIndex);
  const scrollRequest = useApp((state) => state.timeline.scrollRequest);
  const openedAtMs = useApp((state) => state.sessions.byId[state.sessions.activeId ?? '']?.openedAt ?? 0);
  // Read once per grid, not once per row.
  const isListened = useApp(isListenedTimeline);
  const hasProtocol = useApp(hasProtocolColumn);
  const columns = columnsFor(hasProtocol);
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  const [scrollTopPx, setScrollTopPx] = useState(0);
  const programmaticTop = useRef<number | null>(null);
  const pendingSelect = useRef<number | null>(null);
  const viewportHeightPx = useViewportHeight(scroller);
  const geometry = { rowCount: total, rowHeightPx: ROW_HEIGHT_PX, viewportHeightPx };
  const window = computeWindow({ ...geometry, scrollTopPx });

  const scrollTo = useCallback((top: number) => {
    if (!scroller) return;
    programmaticTop.current = top;
    scroller.scrollTop = top;
    setScrollTopPx(scroller.scrollTop);
  }, [scroller]);

  useEffect(() => {
    getAppStore().getState().timeline.ensureRange(window.firstIndex, window.lastIndex);
  }, [window.firstIndex, window.lastIndex, total, viewKey]);

  // Stick to the bottom while following: a transient subscription, no render of its own.
  useEffect(() => {
    if (!scroller) return undefined;
    const store = getAppStore();
    const stick = (): void => {
      const { timeline } = store.getState();
      if (!timeline.isFollowingTail) return;
      requestAnimationFrame(() => scrollTo(scrollTopForEnd({ rowCount: store.getState().timeline.total, rowHeightPx: ROW_HEIGHT_PX, viewportHeightPx: scroller.clientHeight })));
    };
    stick();
    return store.subscribe((state, previous) => {
      if (state.timeline.total !== previous.timeline.total || (state.timeline.isFollowingTail && !previous.timeline.isFollowingTail)) stick();
    });
  }, [scroller, scrollTo]);

  useEffect(() => {
    if (!scrollRequest || !scroller) return;
    pendingSelect.current = scrollRequest.index;
    scrollTo(scrollTopForIndex(scrollRequest.index, 'center', { ...geometry, viewportHeightPx: scroller.clientHeight }));
    // Only a new request scrolls; the geometry is read as it is now.
  }, [scrollRequest, scroller]);

  // Select a jump target as soon as its page arrives.
  useEffect(() => {
    const store = getAppStore();
    return store.subscribe((state) => {
      const index = pendingSelect.current;
      if (index !== null && rowAt(state.timeline.pages, index)) {
        pendingSelect.current = null;
        state.timeline.select(index);
      }
    });
  }, []);

  const onScroll = (): void => {
    if (!scroller) return;
    const top = scroller.scrollTop;
    setScrollTopPx(top);
    const isProgrammatic = programmaticTop.current !== null && Math.abs(programmaticTop.current - top) <= 1;
    programmaticTop.current = null;
    if (isProgrammatic) return;
    const atEnd = top >= scroller.scrollHeight - scroller.clientHeight - 2;
    getAppStore().getState().timeline.setFollowTail(atEnd);
  };

  const moveSelection = (index: number): void => {
    if (total === 0) return;
    const target = Math.min(Math.max(0, index), total - 1);
    const { timeline } = getAppStore().getState();
    if (rowAt(timeline.pages, target)) timeline.select(target);
    else pendingSelect.current = target;
    if (target < window.firstIndex + 4 || target > window.lastIndex - 4) {
      scrollTo(scrollTopForIndex(target, target < (selectedIndex ?? 0) ? 'start' : 'end', { ...geometry }));
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
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
    if (rowElement) getAppStore().getState().timeline.select(Number(rowElement.dataset.index));
  };

  const rows = [];
  for (let index = window.firstIndex; index <= window.lastIndex; index += 1) {
    rows.push(
      <TimelineRow
        key={index}
        index={index}
        topPx={window.firstOffsetPx + (index - window.firstIndex) * ROW_HEIGHT_PX}
        isSelected={index === selectedIndex}
        openedAtMs={openedAtMs}
        isListened={isListened}
        hasProtocol={hasProtocol}
      />,
    );
  }

  return (
    <div role="grid" aria-label="Frames" aria-rowcount={total + 1} aria-colcount={columns.length} className="frames-grid" tabIndex={0} onKeyDown={onKeyDown}>
      <div role="row" aria-rowindex={1} className="row header-row" style={{ gridTemplateColumns: gridTemplateFor(hasProtocol) }}>
        {columns.map((column) => (
          <span key={column.id} role="columnheader" className="cell">{column.label}</span>
        ))}
      </div>
      <div className="frames-scroller" ref={setScroller} onScroll={onScroll} onClick={onClick} onWheel={(event) => event.deltaY < 0 && getAppStore().getState().timeline.setFollowTail(false)}>
        <div className="frames-viewport" style={{ height: viewportHeightPx }}>{rows}</div>
        <div style={{ height: Math.max(0, window.scrollHeightPx - viewportHeightPx) }} />
        {total === 0 && <div className="empty-note">No records in this view.</div>}
      </div>
    </div>
  );
}
