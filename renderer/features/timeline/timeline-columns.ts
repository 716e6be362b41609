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
