import type { Translate } from '../../lib/text.js';
import { widestCellTexts, type CellFace } from './cell-texts.js';
import { COLUMNS, type ColumnId } from './timeline-columns.js';

/** The width of a text drawn in a face, in px; 0 when it cannot be measured. */
export type MeasureText = (text: string, face: CellFace) => number;

/** How wide the cells' texts are drawn: what the columns' minimums are made of. */
export interface CellTextWidths {
  /** Per column, its widest cell text (without the cell's padding or the opcode's fragment mark). */
  readonly textPx: Readonly<Record<ColumnId, number>>;
  /** One digit of a row number (the `#` cell's face). */
  readonly seqDigitPx: number;
  /** One character of Preview's monospaced face. */
  readonly previewCharPx: number;
}

/** The estimate used where nothing can be measured: 7 px a character, at least the width of any character in the grid's fonts. */
const ESTIMATED_CHAR_PX = 7;
const DIGITS = '0123456789';

/** A character count at 7 px each: wide enough for the grid's Latin text, too narrow for CJK. */
export const estimateText: MeasureText = (text) => [...text].length * ESTIMATED_CHAR_PX;

/**
 * The widest a digit is drawn in `face`: rows set numbers with tabular figures (app.css), which a
 * canvas cannot ask for, so every digit of a text is measured as the widest one.
 */
function widestDigit(face: CellFace, measure: MeasureText): string {
  let widest = '0';
  for (const digit of DIGITS) if (measure(digit, face) > measure(widest, face)) widest = digit;
  return widest;
}

/**
 * The widths of every column's widest cell texts (`widestCellTexts`) in the reader's language,
 * measured with `measure`, or estimated from their character count when it measures nothing (no
 * canvas). A few dozen texts in all, measured once per language and font, never per row.
 */
export function cellTextWidths(t: Translate, measure: MeasureText): CellTextWidths {
  const measuring = measure('0', 'mono') > 0 ? measure : estimateText;
  const digits = new Map<CellFace, string>();
  const widthOf = (text: string, face: CellFace): number => {
    if (!digits.has(face)) digits.set(face, widestDigit(face, measuring));
    return measuring(text.replace(/[0-9]/g, digits.get(face) as string), face);
  };
  const textPx = {} as Record<ColumnId, number>;
  for (const column of COLUMNS) textPx[column.id] = Math.max(0, ...widestCellTexts(column.id, t).map(({ text, face }) => widthOf(text, face)));
  return { textPx, seqDigitPx: widthOf('0', 'mono'), previewCharPx: widthOf('0', 'mono') };
}
