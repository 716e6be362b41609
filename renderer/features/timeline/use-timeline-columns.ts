import { useMemo } from 'react';
import { textWidthPx } from '../../lib/text-width.js';
import { useT } from '../../lib/use-t.js';
import { useApp } from '../../store/app-store.js';
import { columnHeader } from './column-menu-items.js';
import { columnLayout, fitColumns, gridTemplate, minimumWidthPx, previewBasePx, type ColumnId, type ColumnLayout } from './timeline-columns.js';

/** The columns drawn at the timeline's width: header and rows share them; the toolbar says how many were left out. */
export interface TimelineColumns {
  readonly layout: readonly ColumnLayout[];
  readonly ids: readonly ColumnId[];
  readonly template: string;
  readonly minWidthPx: number;
  readonly hiddenForWidth: readonly ColumnId[];
}

/**
 * The user's visible columns fitted into `availablePx` (the rows' width), recomputed only when the
 * preferences, the protocol column, the digits of the largest row number, the set of columns left
 * out for width or Preview's share (in steps of a few pixels) change, so most resizes re-render no row.
 */
export function useTimelineColumns(hasProtocol: boolean, availablePx: number, headerFont: string): TimelineColumns {
  const t = useT();
  const preferences = useApp((state) => state.preferences.values.columns);
  const largestSeq = useApp((state) => Math.max(state.timeline.total, state.sessions.recordCounts[state.timeline.sessionId ?? ''] ?? 0));
  const digits = String(largestSeq).length;
  // Header labels are measured in the reader's language and the font the header row draws them in.
  const chosen = useMemo(() => columnLayout(preferences, 10 ** digits - 1, hasProtocol, (column) => textWidthPx(columnHeader(column, t), headerFont)), [preferences, digits, hasProtocol, t, headerFont]);
  const fit = fitColumns(chosen, availablePx);
  const hiddenKey = fit.hiddenForWidth.join(' ');
  const previewPx = previewBasePx(fit.shown, availablePx);
  return useMemo(() => {
    const hidden = new Set(hiddenKey.split(' '));
    const layout = chosen.filter((column) => !hidden.has(column.id));
    // Preview's share stands in for the width: equal shares give the same template and minimum.
    const widthPx = previewPx + layout.reduce((sum, column) => sum + (column.id === 'preview' ? 0 : column.minPx), 0);
    return { layout, ids: layout.map((column) => column.id), template: gridTemplate(layout, widthPx), minWidthPx: minimumWidthPx(layout, widthPx), hiddenForWidth: chosen.filter((column) => hidden.has(column.id)).map((column) => column.id) };
  }, [chosen, hiddenKey, previewPx]);
}
