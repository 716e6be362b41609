import type { ColumnPreference } from '../../../shared/contract/user-data.js';

/** Column layout of the Frames grid; header and rows share it so they line up. */
export const ROW_HEIGHT_PX = 22;

/** The columns, in order. */
export type ColumnId = 'seq' | 'time' | 'delta' | 'direction' | 'opcode' | 'protocol' | 'fin' | 'rsv' | 'mask' | 'length' | 'preview';

/** One column: its header (a catalogue key, or an RFC 6455 field name kept as the RFC writes it) and widths. */
export interface ColumnSpec {
  readonly id: ColumnId;
  readonly header: { readonly key: 'timeline:column.seq' | 'timeline:column.time' | 'timeline:column.delta' | 'timeline:column.direction' | 'timeline:column.opcode' | 'timeline:column.protocol' | 'timeline:column.fin' | 'timeline:column.rsv' | 'timeline:column.mask' | 'timeline:column.length' | 'timeline:column.preview' };
  readonly defaultPx: number;
  readonly minPx: number;
  /** Hidden until the user shows it (the Time column can show Δ itself). */
  readonly isHiddenByDefault?: boolean;
  /** Shown only in a session that decodes an application protocol. */
  readonly isProtocolOnly?: boolean;
}

/**
 * Every column; the last one (Preview) takes the room that is left and cannot be hidden. The
 * minimums add up to about 400 px, so the timeline's 460 px at 1024 px with the sidebar open and
 * the protocol column shown still holds every column (squeezed ones ellipsize) without scrolling.
 */
export const COLUMNS: readonly ColumnSpec[] = [
  { id: 'seq', header: { key: 'timeline:column.seq' }, defaultPx: 48, minPx: 32 },
  { id: 'time', header: { key: 'timeline:column.time' }, defaultPx: 94, minPx: 44 },
  { id: 'delta', header: { key: 'timeline:column.delta' }, defaultPx: 72, minPx: 40, isHiddenByDefault: true },
  { id: 'direction', header: { key: 'timeline:column.direction' }, defaultPx: 48, minPx: 28 },
  { id: 'opcode', header: { key: 'timeline:column.opcode' }, defaultPx: 100, minPx: 48 },
  // Right after the opcode: what a reader of an MQTT or Socket.IO session looks at first.
  { id: 'protocol', header: { key: 'timeline:column.protocol' }, defaultPx: 240, minPx: 64, isProtocolOnly: true },
  { id: 'fin', header: { key: 'timeline:column.fin' }, defaultPx: 36, minPx: 24 },
  { id: 'rsv', header: { key: 'timeline:column.rsv' }, defaultPx: 42, minPx: 24 },
  { id: 'mask', header: { key: 'timeline:column.mask' }, defaultPx: 74, minPx: 32 },
  { id: 'length', header: { key: 'timeline:column.length' }, defaultPx: 74, minPx: 40 },
  { id: 'preview', header: { key: 'timeline:column.preview' }, defaultPx: 100, minPx: 64 },
];

/** Width of one digit in the grid's monospaced 11 px font, and a cell's horizontal padding. */
const DIGIT_PX = 7;
const CELL_PADDING_PX = 14;

/** The `#` column is never narrower than the largest row number it shows (issue: 7-digit numbers were cut). */
export function seqColumnMinPx(largestSeq: number): number {
  return String(Math.max(0, Math.floor(largestSeq))).length * DIGIT_PX + CELL_PADDING_PX;
}

/** A visible column, the width it gets when there is room, and the narrowest it shrinks to when there is not. */
export interface ColumnLayout {
  readonly id: ColumnId;
  readonly widthPx: number;
  readonly minPx: number;
}

/** True when the column is hidden: by the user's choice, else by its default. */
export function isColumnHidden(column: ColumnSpec, preferences: Readonly<Record<string, ColumnPreference>>): boolean {
  if (column.id === 'preview') return false;
  return preferences[column.id]?.isHidden ?? column.isHiddenByDefault === true;
}

/** The columns a session can show: the protocol column only when it decodes an application protocol. */
export function columnsFor(hasProtocol: boolean): readonly ColumnSpec[] {
  return hasProtocol ? COLUMNS : COLUMNS.filter((column) => column.isProtocolOnly !== true);
}

/** The visible columns with their widths: the user's, else the default, and never less than their minimum. */
export function columnLayout(preferences: Readonly<Record<string, ColumnPreference>>, largestSeq: number, hasProtocol = false): ColumnLayout[] {
  return columnsFor(hasProtocol).filter((column) => !isColumnHidden(column, preferences)).map((column) => {
    const chosen = preferences[column.id]?.widthPx ?? column.defaultPx;
    const floor = column.id === 'seq' ? Math.max(column.minPx, seqColumnMinPx(largestSeq)) : column.minPx;
    return { id: column.id, widthPx: Math.max(chosen, floor), minPx: floor };
  });
}

/**
 * The CSS grid template for header and rows: each column its width when there is room, shrinking
 * toward its minimum when there is not (cells ellipsize), so a narrow timeline (1024 px with the
 * sidebar open and the protocol column shown) does not scroll sideways; Preview takes the rest.
 */
export function gridTemplate(layout: readonly ColumnLayout[]): string {
  return layout.map((column) => (column.id === 'preview' ? `minmax(${column.minPx}px, 1fr)` : `minmax(${column.minPx}px, ${column.widthPx}px)`)).join(' ');
}

/** The narrowest the rows can be before the grid scrolls sideways: every column at its minimum. */
export function minimumWidthPx(layout: readonly ColumnLayout[]): number {
  return layout.reduce((sum, column) => sum + column.minPx, 0);
}
