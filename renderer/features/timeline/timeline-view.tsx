import { useLayoutEffect, useState } from 'react';
import { useElementSize } from '../../lib/use-element-size.js';
import { useApp } from '../../store/app-store.js';
import { hasProtocolColumn } from '../protocols/protocol-state.js';
import { TimelineGrid } from './timeline-grid.js';
import { TimelineToolbar } from './timeline-toolbar.js';
import { useTimelineColumns } from './use-timeline-columns.js';

/** The timeline's toolbar and grid: the grid's rows are measured once, and the columns that fit them are shared by the grid and the toolbar's Columns button. */
export function TimelineView() {
  const hasProtocol = useApp(hasProtocolColumn);
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  const rowsSize = useElementSize(scroller);
  const [headerFont, setHeaderFont] = useState('');
  // The header row's font, read once it is drawn (an empty timeline has none yet), to measure column labels in.
  useLayoutEffect(() => {
    if (headerFont !== '') return;
    const header = scroller?.closest('.frames-grid')?.querySelector('[role=columnheader]');
    if (!header) return;
    // From its parts: the `font` shorthand is empty when a longhand has no shorthand form, and a canvas takes only the parts.
    const style = getComputedStyle(header);
    setHeaderFont(`${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`);
  });
  const columns = useTimelineColumns(hasProtocol, rowsSize.width, headerFont);
  return (
    <>
      <TimelineToolbar hiddenForWidth={columns.hiddenForWidth} />
      <TimelineGrid columns={columns} scroller={scroller} onScroller={setScroller} viewportHeightPx={rowsSize.height} />
    </>
  );
}
