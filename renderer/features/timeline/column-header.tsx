import { memo, useRef, useState } from 'react';
import type { PointerEvent } from 'react';
import { useT } from '../../lib/use-t.js';
import { getAppStore } from '../../store/app-store.js';
import { Menu } from '../../widgets/menu.js';
import type { PopupAnchor } from '../../widgets/popup-position.js';
import { columnHeader, columnMenuItems } from './column-menu-items.js';
import { COLUMNS, type ColumnLayout } from './timeline-columns.js';

/** Drags a column's right edge; the new width is kept in the preferences. */
function ResizeHandle({ column }: { column: ColumnLayout }) {
  const t = useT();
  const start = useRef<{ x: number; width: number } | null>(null);
  const resize = (widthPx: number): void => {
    const next = Math.max(column.minPx, Math.round(widthPx));
    getAppStore().getState().preferences.update((values) => ({ ...values, columns: { ...values.columns, [column.id]: { ...values.columns[column.id], widthPx: next } } }));
  };
  return (
    <span
      className="column-resize"
      aria-hidden="true"
      title={t('timeline:columns.resizeTitle')}
      onClick={(event) => event.stopPropagation()}
      onPointerDown={(event: PointerEvent<HTMLSpanElement>) => {
        event.preventDefault();
        event.currentTarget.setPointerCapture(event.pointerId);
        // From the width drawn, which is less than the one chosen while the timeline is narrow.
        start.current = { x: event.clientX, width: event.currentTarget.parentElement?.getBoundingClientRect().width ?? column.widthPx };
      }}
      onPointerMove={(event) => {
        if (start.current) resize(start.current.width + event.clientX - start.current.x);
      }}
      onPointerUp={() => (start.current = null)}
      onPointerCancel={() => (start.current = null)}
    />
  );
}

/** The grid's header row: column names with resize handles; right click chooses the columns shown. Memoised: the grid renders with every batch, its columns seldom change. */
export const ColumnHeader = memo(function ColumnHeader({ layout, template, minWidthPx }: { layout: readonly ColumnLayout[]; template: string; minWidthPx: number }) {
  const t = useT();
  const [anchor, setAnchor] = useState<PopupAnchor | null>(null);
  return (
    <div
      role="row"
      aria-rowindex={1}
      className="row header-row"
      style={{ gridTemplateColumns: template, minWidth: minWidthPx }}
      onContextMenu={(event) => {
        event.preventDefault();
        setAnchor({ kind: 'point', x: event.clientX, y: event.clientY });
      }}
    >
      {layout.map((column) => (
        <span key={column.id} role="columnheader" className="cell">
          {columnHeader(COLUMNS.find((each) => each.id === column.id)!, t)}
          {column.id !== 'preview' && <ResizeHandle column={column} />}
        </span>
      ))}
      {anchor && <Menu label={t('timeline:columns.menu')} items={columnMenuItems(t)} anchor={anchor} onClose={() => setAnchor(null)} />}
    </div>
  );
});
