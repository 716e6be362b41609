import type { Translate } from '../../lib/text.js';
import { getAppStore } from '../../store/app-store.js';
import type { MenuItem } from '../../widgets/menu.js';
import { hasProtocolColumn } from '../protocols/protocol-state.js';
import { columnsFor, isColumnHidden, type ColumnSpec } from './timeline-columns.js';

/** A column's header text (RFC 6455 field names stay as the RFC writes them in every catalogue). */
export function columnHeader(column: ColumnSpec, t: Translate): string {
  return t(column.header.key);
}

/** Show or hide each column the session can show (Preview always shows), and put every width back to its default. */
export function columnMenuItems(t: Translate): MenuItem[] {
  const state = getAppStore().getState();
  const { preferences } = state;
  const chosen = preferences.values.columns;
  // The protocol column is offered only where it can show.
  const items: MenuItem[] = columnsFor(hasProtocolColumn(state)).filter((column) => column.id !== 'preview').map((column) => {
    const isHidden = isColumnHidden(column, chosen);
    return {
      id: column.id,
      label: `${isHidden ? '☐' : '☑'} ${columnHeader(column, t)}`,
      onSelect: () => preferences.update((values) => ({ ...values, columns: { ...values.columns, [column.id]: { ...values.columns[column.id], isHidden: !isHidden } } })),
    };
  });
  items.push({
    id: 'reset',
    label: t('timeline:columns.reset'),
    isGroupStart: true,
    onSelect: () => preferences.update((values) => ({ ...values, columns: {} })),
  });
  return items;
}
