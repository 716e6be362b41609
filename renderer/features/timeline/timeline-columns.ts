/** Column layout of the Frames grid; header and rows share it so they line up. */
export const ROW_HEIGHT_PX = 22;

/** Name and CSS width of each column, in order. */
export const COLUMNS = [
  { id: 'seq', label: '#', width: '60px' },
  { id: 'time', label: 'Time', width: '98px' },
  { id: 'delta', label: 'Δ', width: '80px' },
  { id: 'direction', label: 'Dir', width: '52px' },
  { id: 'opcode', label: 'Opcode', width: '112px' },
  { id: 'fin', label: 'FIN', width: '38px' },
  { id: 'rsv', label: 'RSV', width: '48px' },
  { id: 'mask', label: 'Mask key', width: '80px' },
  { id: 'length', label: 'Length', width: '66px' },
  { id: 'preview', label: 'Preview', width: 'minmax(200px, 1fr)' },
] as const;

/** The CSS grid template for header and rows. */
export const GRID_TEMPLATE = COLUMNS.map((column) => column.width).join(' ');

/** The application-protocol column, right after the opcode (what a reader of such a session looks at first), when the session decodes a protocol. */
const PROTOCOL_COLUMN = { id: 'protocol', label: 'Protocol', width: 'minmax(220px, 1.2fr)' } as const;
const PROTOCOL_AFTER = COLUMNS.findIndex((column) => column.id === 'opcode') + 1;

/** The columns of a session that decodes an application protocol (or not). */
export function columnsFor(hasProtocol: boolean): ReadonlyArray<{ readonly id: string; readonly label: string; readonly width: string }> {
  return hasProtocol ? [...COLUMNS.slice(0, PROTOCOL_AFTER), PROTOCOL_COLUMN, ...COLUMNS.slice(PROTOCOL_AFTER)] : COLUMNS;
}

/** The grid template for `columnsFor(hasProtocol)`. */
export function gridTemplateFor(hasProtocol: boolean): string {
  return hasProtocol ? columnsFor(true).map((column) => column.width).join(' ') : GRID_TEMPLATE;
}
