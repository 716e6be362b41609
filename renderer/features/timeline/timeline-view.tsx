import { useState } from 'react';
import { useElementSize } from '../../lib/use-element-size.js';
import { useApp } from '../../store/app-store.js';
import { hasProtocolColumn } from '../protocols/protocol-state.js';
import { CellFaceProbe, type CellFaces } from './cell-face-probe.js';
import { TimelineGrid } from './timeline-grid.js';
import { TimelineToolbar } from './timeline-toolbar.js';
import { useTimelineColumns } from './use-timeline-columns.js';

/** The timeline's toolbar and grid: the grid's rows are measured once, cell texts are measured in the faces the probe reads, and the columns that fit them are shared by the grid and the toolbar's Columns button. */
export function TimelineView() {
  const hasProtocol = useApp(hasProtocolColumn);
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  const rowsSize = useElementSize(scroller);
  const [faces, setFaces] = useState<CellFaces | null>(null);
  const columns = useTimelineColumns(hasProtocol, rowsSize.width, faces);
  return (
    <>
      <CellFaceProbe onRead={setFaces} />
      <TimelineToolbar hiddenForWidth={columns.hiddenForWidth} />
      <TimelineGrid columns={columns} scroller={scroller} onScroller={setScroller} viewportHeightPx={rowsSize.height} />
    </>
  );
}
