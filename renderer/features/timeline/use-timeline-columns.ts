import { useMemo } from 'react';
import { textWidthPx } from '../../lib/text-width.js';
import { useT } from '../../lib/use-t.js';
import { useApp } from '../../store/app-store.js';
import type { CellFaces } from './cell-face-probe.js';
import { cellTextWidths, estimateText } from './cell-widths.js';
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
 * preferences, the protocol column, the digits of the largest row number, the language, the set of
 * columns left out for width or Preview's share (in steps of a few pixels) change, so most resizes
 * re-render no row. Cell texts and header labels are measured in the faces the grid draws them in
 * (`faces`, null until read: estimated until then), a few dozen texts per language, never per row.
 */
export function useTimelineColumns(hasProtocol: boolean, availablePx: number, faces: CellFaces | null): TimelineColumns {
  const t = useT();
  const preferences = useApp((state) => state.preferences.values.columns);
  // The digits, not the count: the count changes with every batch, and the timeline (toolbar, grid,
  // header) would render again for it; the digits change a handful of times a session.
  const digits = useApp((state) => String(Math.max(state.timeline.total, state.sessions.recordCounts[state.timeline.sessionId ?? ''] ?? 0)).length);
  const widths = useMemo(() => cellTextWidths(t, faces ? (text, face) => textWidthPx(text, faces[face]) : estimateText), [t, faces]);
  const chosen = useMemo(() => columnLayout(preferences, 10 ** digits - 1, widths, hasProtocol, (column) => (faces ? textWidthPx(columnHeader(column, t), faces.header) : 0)), [preferences, digits, widths, hasProtocol, t, faces]);
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
