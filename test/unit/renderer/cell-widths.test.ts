import { describe, expect, it } from 'vitest';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import type { CellFace } from '../../../renderer/features/timeline/cell-texts.js';
import { widestCellTexts } from '../../../renderer/features/timeline/cell-texts.js';
import { cellTextWidths, estimateText, type MeasureText } from '../../../renderer/features/timeline/cell-widths.js';
import { columnLayout, COLUMNS, previewReadablePx, readableMinPx, seqColumnMinPx } from '../../../renderer/features/timeline/timeline-columns.js';

const en = createTranslate('en');
const zh = createTranslate('zh-CN');

/**
 * A stand-in for the canvas with the traits of the grid's real fonts: monospaced cells 6.6 px a
 * character, the proportional text font narrower for most Latin letters, CJK characters a full
 * 12 px em, bold 15 % wider, and a digit 1 narrower than the others (proportional figures, which
 * the rows' tabular figures do not have).
 */
const fontLike: MeasureText = (text, face) => {
  let widthPx = 0;
  for (const character of text) {
    const isCjk = /[\u3400-\u9fff]/u.test(character);
    if (face === 'mono') widthPx += isCjk ? 13.2 : 6.6;
    else widthPx += isCjk ? 12 : character === '1' || character === 'i' || character === ' ' ? 3.5 : 6.5;
  }
  return face === 'textBold' ? widthPx * 1.15 : widthPx;
};

const textPxOf = (widths: ReturnType<typeof cellTextWidths>, id: string) => widths.textPx[id as keyof typeof widths.textPx];
const minOf = (widths: ReturnType<typeof cellTextWidths>, id: string) => readableMinPx(COLUMNS.find((column) => column.id === id)!, widths);

describe('cell texts measured in the faces the rows draw them in', () => {
  it('makes each column exactly as wide as its widest text, plus the cell padding: not the 7 px estimate', () => {
    const widths = cellTextWidths(en, fontLike);
    // Monospaced: 12 characters of 6.6 px, 79.2 px, where the estimate said 84.
    expect(textPxOf(widths, 'time')).toBeCloseTo(12 * 6.6, 6);
    expect(minOf(widths, 'time')).toBe(Math.ceil(12 * 6.6) + 13);
    expect(minOf(widths, 'time')).toBeLessThan(minOf(cellTextWidths(en, estimateText), 'time'));
    expect(textPxOf(widths, 'mask')).toBeCloseTo(8 * 6.6, 6);
  });

  it('measures Chinese cells wider than a character count: the Dir column reads 发 and 收 whole in zh-CN', () => {
    const english = cellTextWidths(en, fontLike);
    const chinese = cellTextWidths(zh, fontLike);
    const outCell = zh('timeline:direction.outCell');
    expect(outCell).toMatch(/[\u3400-\u9fff]/u);
    expect(textPxOf(chinese, 'direction')).toBeGreaterThanOrEqual(fontLike(outCell, 'text'));
    // The estimate gave 7 px a character, less than the Chinese cell draws: the old minimum cut it.
    expect(estimateText(outCell, 'text')).toBeLessThan(fontLike(outCell, 'text'));
    expect(minOf(chinese, 'direction')).toBeGreaterThanOrEqual(Math.ceil(fontLike(outCell, 'text')) + 13);
    // English names its directions in other words, measured the same way.
    expect(textPxOf(english, 'direction')).toBeGreaterThanOrEqual(fontLike(en('timeline:direction.outCell'), 'text'));
    const layout = (widths: typeof english) => columnLayout({}, 99, widths).find((column) => column.id === 'direction')!.minPx;
    expect(layout(chinese)).toBe(minOf(chinese, 'direction'));
  });

  it('measures a control frame\'s opcode in bold and a fragment\'s in italic, every reserved opcode included', () => {
    const widths = cellTextWidths(en, fontLike);
    const faces = new Map<string, CellFace[]>();
    for (const { text, face } of widestCellTexts('opcode', en)) faces.set(text, [...(faces.get(text) ?? []), face]);
    expect(faces.get('ping')).toEqual(['textBold']);
    expect(faces.get('reserved-0xf')).toEqual(['textBold']);
    expect(faces.get('continuation')).toEqual(['text', 'textItalic']);
    expect(faces.size).toBe(16);
    // Bold makes `reserved-0xb` wider than `continuation`; the opcode's fragment mark comes on top.
    expect(textPxOf(widths, 'opcode')).toBeCloseTo(fontLike('reserved-0xb', 'textBold'), 6);
    expect(textPxOf(widths, 'opcode')).toBeGreaterThan(fontLike('continuation', 'text'));
    expect(minOf(widths, 'opcode')).toBe(Math.ceil(fontLike('reserved-0xb', 'textBold')) + 12 + 13);
  });

  it('measures every digit as the widest one, since rows draw tabular figures', () => {
    const widths = cellTextWidths(en, fontLike);
    // `1023.9 TiB` is drawn as wide as `0000.0 TiB`; the 1 of the formatter's text must not shrink it.
    expect(textPxOf(widths, 'length')).toBeCloseTo(fontLike('0000.0 TiB', 'text'), 6);
    expect(textPxOf(widths, 'length')).toBeGreaterThan(fontLike('1023.9 TiB', 'text'));
    expect(widths.seqDigitPx).toBeCloseTo(6.6, 6);
  });

  it('keeps the # column wide enough for 7-digit row numbers, and Preview its readable start of 24 characters', () => {
    const widths = cellTextWidths(en, fontLike);
    expect(seqColumnMinPx(9_999_999, widths)).toBe(Math.ceil(7 * 6.6) + 13);
    expect(columnLayout({ seq: { widthPx: 20 } }, 9_999_999, widths).find((column) => column.id === 'seq')!.minPx).toBe(seqColumnMinPx(9_999_999, widths));
    expect(seqColumnMinPx(99, widths)).toBeLessThan(seqColumnMinPx(9_999_999, widths));
    expect(previewReadablePx(widths)).toBe(Math.ceil(24 * 6.6) + 13);
  });

  it('falls back to the estimate of 7 px a character where nothing can be measured (no canvas)', () => {
    const unmeasured = cellTextWidths(en, () => 0);
    expect(unmeasured).toEqual(cellTextWidths(en, estimateText));
    expect(minOf(unmeasured, 'time')).toBe(12 * 7 + 13);
    expect(seqColumnMinPx(9_999_999, unmeasured)).toBe(7 * 7 + 13);
  });

  it('measures a fixed few dozen texts, whatever the rows: the same ones for a column however many rows there are', () => {
    const asked = new Set<string>();
    cellTextWidths(zh, (text, face) => {
      asked.add(`${face}:${text}`);
      return fontLike(text, face);
    });
    expect(asked.size).toBeGreaterThan(20);
    expect(asked.size).toBeLessThan(100);
  });
});
