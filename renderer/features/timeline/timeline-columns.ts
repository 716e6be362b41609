import type { ColumnPreference } from '../../../shared/contract/user-data.js';
import type { CellTextWidths } from './cell-widths.js';

/** Column layout of the Frames grid; header and rows share it so they line up. */
export const ROW_HEIGHT_PX = 22;

/** The columns, in order. */
export type ColumnId = 'seq' | 'time' | 'delta' | 'direction' | 'opcode' | 'protocol' | 'fin' | 'rsv' | 'mask' | 'length' | 'preview';

/** One column: its header (a catalogue key, or an RFC 6455 field name kept as the RFC writes it), widths and how long it stays when room runs out. */
export interface ColumnSpec {
  readonly id: ColumnId;
  readonly header: { readonly key: 'timeline:column.seq' | 'timeline:column.time' | 'timeline:column.delta' | 'timeline:column.direction' | 'timeline:column.opcode' | 'timeline:column.protocol' | 'timeline:column.fin' | 'timeline:column.rsv' | 'timeline:column.mask' | 'timeline:column.length' | 'timeline:column.preview' };
  readonly defaultPx: number;
  /** Extra room a cell needs besides its text (the opcode's fragment mark, app.css `.fragment-mark`). */
  readonly extraPx?: number;
  /** Lower stays longer: a timeline narrower than its columns' minimums drops the highest ranks first. */
  readonly keepRank: number;
  /** Hidden until the user shows it (the Time column can show Δ itself). */
  readonly isHiddenByDefault?: boolean;
  /** Shown only in a session that decodes an application protocol. */
  readonly isProtocolOnly?: boolean;
}

/**
 * Every column; the last one (Preview) takes the room that is left and is never hidden. Preview,
 * #, Dir, opcode, Length and Time stay longest; Protocol, Δ, Mask key, RSV and FIN go first when
 * the timeline is too narrow, then Time (1024 px with the sidebar open), so Preview keeps a
 * readable start. Protocol and Preview are summaries that may ellipsize. What each cell draws at
 * its widest is in `cell-texts.ts`.
 */
export const COLUMNS: readonly ColumnSpec[] = [
  { id: 'seq', header: { key: 'timeline:column.seq' }, defaultPx: 48, keepRank: 1 },
  { id: 'time', header: { key: 'timeline:column.time' }, defaultPx: 96, keepRank: 5 },
  { id: 'delta', header: { key: 'timeline:column.delta' }, defaultPx: 80, keepRank: 7, isHiddenByDefault: true },
  { id: 'direction', header: { key: 'timeline:column.direction' }, defaultPx: 50, keepRank: 2 },
  { id: 'opcode', header: { key: 'timeline:column.opcode' }, defaultPx: 104, extraPx: 12, keepRank: 3 },
  // Right after the opcode: what a reader of an MQTT or Socket.IO session looks at first.
  { id: 'protocol', header: { key: 'timeline:column.protocol' }, defaultPx: 240, keepRank: 6, isProtocolOnly: true },
  { id: 'fin', header: { key: 'timeline:column.fin' }, defaultPx: 36, keepRank: 10 },
  { id: 'rsv', header: { key: 'timeline:column.rsv' }, defaultPx: 42, keepRank: 9 },
  { id: 'mask', header: { key: 'timeline:column.mask' }, defaultPx: 74, keepRank: 8 },
  { id: 'length', header: { key: 'timeline:column.length' }, defaultPx: 80, keepRank: 4 },
  { id: 'preview', header: { key: 'timeline:column.preview' }, defaultPx: 100, keepRank: 0 },
];

/** A cell's horizontal padding and border (app.css `.cell`). */
const CELL_PADDING_PX = 13;

/**
 * Preview is the column people read: columns are left out before it is narrower than this many
 * characters of its monospaced font, and the others shrink toward their minimums before it is
 * narrower than the wanted count; past that it takes what is left.
 */
const PREVIEW_READABLE_CHARS = 24;
const PREVIEW_WANTED_CHARS = 40;

/** The width of Preview's readable start: what fitting keeps for it before any other column. */
export function previewReadablePx(widths: CellTextWidths): number {
  return Math.ceil(PREVIEW_READABLE_CHARS * widths.previewCharPx) + CELL_PADDING_PX;
}

/** The width Preview gets before the other columns grow past their minimums. */
export function previewWantedPx(widths: CellTextWidths): number {
  return Math.ceil(PREVIEW_WANTED_CHARS * widths.previewCharPx) + CELL_PADDING_PX;
}

/** A header cell's padding and border around its label (app.css `.header-row .cell`), and a pixel for rounding. */
const HEADER_CELL_PX = 10;

/** Steps of Preview's share of a width, so resizing re-renders rows every few pixels, not on every one. */
const PREVIEW_STEP_PX = 8;

/** The narrowest a column reads its widest text whole (Preview: its readable start). */
export function readableMinPx(column: ColumnSpec, widths: CellTextWidths): number {
  if (column.id === 'preview') return previewReadablePx(widths);
  return Math.ceil(widths.textPx[column.id]) + (column.extraPx ?? 0) + CELL_PADDING_PX;
}

/** The `#` column is never narrower than the largest row number it shows (issue 12: 7-digit numbers were cut). */
export function seqColumnMinPx(largestSeq: number, widths: CellTextWidths): number {
  return Math.ceil(String(Math.max(0, Math.floor(largestSeq))).length * widths.seqDigitPx) + CELL_PADDING_PX;
}

/** A visible column, the width it gets when there is room (Preview: the width it wants before the others grow), and the narrowest it shrinks to when there is not. */
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

/**
 * The visible columns with their widths: the user's, else the default, and never less than their
 * minimum, which holds their widest cell text as drawn (`widths`: measured in the cells' faces and
 * the reader's language) and the header label as drawn (`headerLabelPx`, measured in the header's
 * face; 0 when it cannot be measured).
 */
export function columnLayout(preferences: Readonly<Record<string, ColumnPreference>>, largestSeq: number, widths: CellTextWidths, hasProtocol = false, headerLabelPx: (column: ColumnSpec) => number = () => 0): ColumnLayout[] {
  return columnsFor(hasProtocol).filter((column) => !isColumnHidden(column, preferences)).map((column) => {
    const labelPx = headerLabelPx(column);
    const readable = Math.max(readableMinPx(column, widths), labelPx > 0 ? Math.ceil(labelPx) + HEADER_CELL_PX : 0);
    const floor = column.id === 'seq' ? Math.max(readable, seqColumnMinPx(largestSeq, widths)) : readable;
    if (column.id === 'preview') return { id: column.id, widthPx: Math.max(previewWantedPx(widths), floor), minPx: floor };
    return { id: column.id, widthPx: Math.max(preferences[column.id]?.widthPx ?? column.defaultPx, floor), minPx: floor };
  });
}

/**
 * Preview's share of `availablePx` before the other columns grow past their minimums: up to its
 * wanted width (its layout `widthPx`), never more than the room beside their minimums (so nothing
 * scrolls sideways when only Preview is left in a very narrow timeline). Unmeasured (0): its minimum.
 */
export function previewBasePx(layout: readonly ColumnLayout[], availablePx: number): number {
  const preview = layout.find((column) => column.id === 'preview');
  if (!preview) return 0;
  if (availablePx <= 0) return preview.minPx;
  const besidePx = availablePx - layout.reduce((sum, column) => sum + (column.id === 'preview' ? 0 : column.minPx), 0);
  if (besidePx < preview.minPx) return Math.max(0, Math.floor(besidePx));
  return Math.max(preview.minPx, Math.floor(Math.min(preview.widthPx, besidePx) / PREVIEW_STEP_PX) * PREVIEW_STEP_PX);
}

/**
 * The CSS grid template for header and rows at `availablePx`: Preview first gets its share
 * (`previewBasePx`), then each other column grows from its readable minimum toward its width, and
 * Preview takes the rest. Below the sum of the minimums `fitColumns` drops columns instead, so the
 * grid neither scrolls sideways nor cuts text.
 */
export function gridTemplate(layout: readonly ColumnLayout[], availablePx = 0): string {
  const previewPx = previewBasePx(layout, availablePx);
  return layout.map((column) => (column.id === 'preview' ? `minmax(${previewPx}px, 1fr)` : `minmax(${column.minPx}px, ${column.widthPx}px)`)).join(' ');
}

/** The narrowest the rows can be before the grid scrolls sideways: every column at its minimum (Preview at its share of `availablePx`, when given). */
export function minimumWidthPx(layout: readonly ColumnLayout[], availablePx = 0): number {
  return layout.reduce((sum, column) => sum + (column.id === 'preview' && availablePx > 0 ? previewBasePx(layout, availablePx) : column.minPx), 0);
}

/** The columns drawn at one width, and those the user shows that were left out for lack of room (in column order). */
export interface ColumnFit {
  readonly shown: readonly ColumnLayout[];
  readonly hiddenForWidth: readonly ColumnId[];
}

/**
 * Fits the visible columns into `availablePx`: while their minimums add up to more, the one with
 * the highest keep rank goes (Preview never). The user's choice of columns is not touched; a wider
 * timeline shows them again. An unmeasured width (0) drops nothing.
 */
export function fitColumns(layout: readonly ColumnLayout[], availablePx: number): ColumnFit {
  if (availablePx <= 0) return { shown: layout, hiddenForWidth: [] };
  const rankOf = (id: ColumnId): number => COLUMNS.find((column) => column.id === id)!.keepRank;
  const dropOrder = layout.filter((column) => column.id !== 'preview').sort((left, right) => rankOf(right.id) - rankOf(left.id));
  const dropped = new Set<ColumnId>();
  let neededPx = minimumWidthPx(layout);
  for (const column of dropOrder) {
    if (neededPx <= availablePx) break;
    dropped.add(column.id);
    neededPx -= column.minPx;
  }
  return { shown: layout.filter((column) => !dropped.has(column.id)), hiddenForWidth: layout.filter((column) => dropped.has(column.id)).map((column) => column.id) };
}
