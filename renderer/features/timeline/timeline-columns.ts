/** Column layout of the Frames grid; header and rows share it so they line up. */
export const ROW_HEIGHT_PX = 22;

/** Name and CSS width of each column, in order. */
export const COLUMNS = [
  { id: 'seq', label: '#', width: '64px' },
  { id: 'time', label: 'Time', width: '92px' },
  { id: 'delta', label: 'Δ', width: '70px' },
  { id: 'direction', label: 'Dir', width: '38px' },
  { id: 'opcode', label: 'Opcode', width: '98px' },
  { id: 'fin', label: 'FIN', width: '34px' },
  { id: 'rsv', label: 'RSV1–3', width: '56px' },
  { id: 'mask', label: 'MASK / key', width: '86px' },
  { id: 'length', label: 'Length', width: '70px' },
  { id: 'preview', label: 'Preview', width: 'minmax(200px, 1fr)' },
] as const;

/** The CSS grid template for header and rows. */
export const GRID_TEMPLATE = COLUMNS.map((column) => column.width).join(' ');
