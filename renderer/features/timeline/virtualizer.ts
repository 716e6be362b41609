/**
 * Row windowing for the timeline, with offset scaling: Chromium caps an element's height near
 * 33.5 M px (DESIGN.md "Performance principles"), so past `MAX_SCROLL_HEIGHT_PX` the scrollbar
 * covers a compressed range and every scroll pixel stands for `scale` content pixels. Rows are
 * then placed relative to the viewport, never at their true (too large) offsets.
 */

/** Well under Chromium's element-height cap, with room for zoom factors. */
export const MAX_SCROLL_HEIGHT_PX = 15_000_000;

const EPSILON = 1e-6;

/** Rows rendered above and below the viewport unless told otherwise. */
const DEFAULT_OVERSCAN = 4;

/** What the grid knows about its scroller. */
export interface ViewportInput {
  readonly rowCount: number;
  readonly rowHeightPx: number;
  readonly viewportHeightPx: number;
  readonly scrollTopPx: number;
  readonly maxScrollHeightPx?: number;
  /** Extra rows rendered above and below the viewport. */
  readonly overscan?: number;
  /**
   * Show the very end whatever `scrollTopPx` says: a view following its tail draws the rows of a
   * new count in the render that brings it, and the scroll position catches up after.
   */
  readonly isPinnedToEnd?: boolean;
}

/** The rows to render and where. */
export interface VirtualWindow {
  /** The scroller's content height (capped). */
  readonly scrollHeightPx: number;
  /** Content pixels per scroll pixel (1 when the list fits under the cap). */
  readonly scale: number;
  /** The content offset at the viewport's top edge. */
  readonly contentTopPx: number;
  /** Inclusive range of rows to render; `lastIndex < firstIndex` when there are none. */
  readonly firstIndex: number;
  readonly lastIndex: number;
  /** Where `firstIndex` starts, relative to the viewport's top edge (zero or negative). */
  readonly firstOffsetPx: number;
}

interface Ranges {
  readonly contentHeightPx: number;
  readonly scrollHeightPx: number;
  /** How far content and scrollbar can move. */
  readonly contentRangePx: number;
  readonly scrollRangePx: number;
}

function ranges(rowCount: number, rowHeightPx: number, viewportHeightPx: number, maxScrollHeightPx: number): Ranges {
  const contentHeightPx = rowCount * rowHeightPx;
  const scrollHeightPx = Math.min(contentHeightPx, maxScrollHeightPx);
  return {
    contentHeightPx,
    scrollHeightPx,
    contentRangePx: Math.max(0, contentHeightPx - viewportHeightPx),
    scrollRangePx: Math.max(0, scrollHeightPx - viewportHeightPx),
  };
}

/** Maps a scroll position to the content offset it shows. */
export function contentTopFor(scrollTopPx: number, r: Ranges): number {
  if (r.scrollRangePx <= 0) return 0;
  const clamped = Math.min(Math.max(0, scrollTopPx), r.scrollRangePx);
  return (clamped / r.scrollRangePx) * r.contentRangePx;
}

/** The rows visible at `scrollTopPx`, plus overscan. */
export function computeWindow(input: ViewportInput): VirtualWindow {
  const { rowCount, rowHeightPx, viewportHeightPx, scrollTopPx } = input;
  const overscan = input.overscan ?? DEFAULT_OVERSCAN;
  const r = ranges(rowCount, rowHeightPx, viewportHeightPx, input.maxScrollHeightPx ?? MAX_SCROLL_HEIGHT_PX);
  const contentTopPx = input.isPinnedToEnd ? r.contentRangePx : contentTopFor(scrollTopPx, r);
  const scale = r.scrollRangePx > 0 ? r.contentRangePx / r.scrollRangePx : 1;
  if (rowCount === 0) return { scrollHeightPx: 0, scale, contentTopPx: 0, firstIndex: 0, lastIndex: -1, firstOffsetPx: 0 };
  // The epsilon absorbs float error of the scaling, so a jump to row n starts at n, not n − 1.
  const firstVisible = Math.min(rowCount - 1, Math.floor(contentTopPx / rowHeightPx + EPSILON));
  const lastVisible = Math.min(rowCount - 1, Math.ceil((contentTopPx + viewportHeightPx) / rowHeightPx - EPSILON) - 1);
  const firstIndex = Math.max(0, firstVisible - overscan);
  const lastIndex = Math.min(rowCount - 1, Math.max(firstVisible, lastVisible) + overscan);
  return { scrollHeightPx: r.scrollHeightPx, scale, contentTopPx, firstIndex, lastIndex, firstOffsetPx: firstIndex * rowHeightPx - contentTopPx };
}

/** How to bring a row into view. */
export type Align = 'start' | 'end' | 'center';

/** The scroll position that shows row `index` aligned as asked. */
export function scrollTopForIndex(
  index: number,
  align: Align,
  input: Omit<ViewportInput, 'scrollTopPx' | 'overscan' | 'isPinnedToEnd'>,
): number {
  const { rowCount, rowHeightPx, viewportHeightPx } = input;
  const r = ranges(rowCount, rowHeightPx, viewportHeightPx, input.maxScrollHeightPx ?? MAX_SCROLL_HEIGHT_PX);
  if (r.contentRangePx <= 0) return 0;
  const rowTop = index * rowHeightPx;
  const target =
    align === 'start' ? rowTop : align === 'end' ? rowTop + rowHeightPx - viewportHeightPx : rowTop + rowHeightPx / 2 - viewportHeightPx / 2;
  const clamped = Math.min(Math.max(0, target), r.contentRangePx);
  return (clamped / r.contentRangePx) * r.scrollRangePx;
}

/** The scroll position of the very end (the last row's bottom at the viewport's bottom). */
export function scrollTopForEnd(input: Omit<ViewportInput, 'scrollTopPx' | 'overscan' | 'isPinnedToEnd'>): number {
  const r = ranges(input.rowCount, input.rowHeightPx, input.viewportHeightPx, input.maxScrollHeightPx ?? MAX_SCROLL_HEIGHT_PX);
  return r.scrollRangePx;
}

/** How many rows a window pinned to the end draws (`computeWindow` with `isPinnedToEnd`): those the viewport shows, a partly shown one included, and the overscan above them. */
export function rowsDrawnAtEnd(viewportHeightPx: number, rowHeightPx: number, overscan = DEFAULT_OVERSCAN): number {
  return Math.ceil(viewportHeightPx / rowHeightPx - EPSILON) + overscan;
}

/**
 * The most rows `computeWindow` draws for a viewport: the visible ones, a row cut at each edge, and
 * the overscan on both sides. Consecutive row indices modulo this are distinct within any window,
 * so they can key recycled row elements.
 */
export function maxRowsDrawn(viewportHeightPx: number, rowHeightPx: number, overscan = DEFAULT_OVERSCAN): number {
  return Math.ceil(viewportHeightPx / rowHeightPx - EPSILON) + 1 + 2 * overscan;
}
