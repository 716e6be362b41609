import { useMemo } from 'react';
import { useApp } from '../../store/app-store.js';
import { columnLayout, fitColumns, gridTemplate, minimumWidthPx, type ColumnId, type ColumnLayout } from './timeline-columns.js';

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
 * preferences, the protocol column, the digits of the largest row number or the set of columns
 * left out for width change, so a resize that changes none of them re-renders no row.
 */
export function useTimelineColumns(hasProtocol: boolean, availablePx: number): TimelineColumns {
  const preferences = useApp((state) => state.preferences.values.columns);
  const largestSeq = useApp((state) => Math.max(state.timeline.total, state.sessions.recordCounts[state.timeline.sessionId ?? ''] ?? 0));
  const digits = String(largestSeq).length;
  const chosen = useMemo(() => columnLayout(preferences, 10 ** digits - 1, hasProtocol), [preferences, digits, hasProtocol]);
  const hiddenKey = fitColumns(chosen, availablePx).hiddenForWidth.join(' ');
  return useMemo(() => {
    const hidden = new Set(hiddenKey.split(' '));
    const layout = chosen.filter((column) => !hidden.has(column.id));
    return { layout, ids: layout.map((column) => column.id), template: gridTemplate(layout), minWidthPx: minimumWidthPx(layout), hiddenForWidth: chosen.filter((column) => hidden.has(column.id)).map((column) => column.id) };
  }, [chosen, hiddenKey]);
}
