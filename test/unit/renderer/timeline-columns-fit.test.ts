import { describe, expect, it } from 'vitest';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { cellTextWidths, estimateText } from '../../../renderer/features/timeline/cell-widths.js';
import { columnLayout, COLUMNS, fitColumns, gridTemplate, minimumWidthPx, previewBasePx, previewReadablePx, previewWantedPx, readableMinPx } from '../../../renderer/features/timeline/timeline-columns.js';

// The layout's rules, on the widths a window without a canvas estimates (7 px a character);
// cell-widths.test.ts checks the widths themselves.
const widths = cellTextWidths(createTranslate('en'), estimateText);
const PREVIEW_READABLE_PX = previewReadablePx(widths);
const PREVIEW_WANTED_PX = previewWantedPx(widths);
const ids = (layout: readonly { id: string }[]) => layout.map((column) => column.id);
const minOf = (id: string) => readableMinPx(COLUMNS.find((column) => column.id === id)!, widths);

describe('fitColumns', () => {
  const everything = columnLayout({ delta: { isHidden: false } }, 999, widths, true);

  it('drops nothing when the minimums fit, or before the width is measured', () => {
    expect(fitColumns(everything, minimumWidthPx(everything))).toEqual({ shown: everything, hiddenForWidth: [] });
    expect(fitColumns(everything, 0).hiddenForWidth).toEqual([]);
  });

  it('drops FIN, RSV, Mask key, Δ and Protocol, in that order, before Time, Length, opcode, Dir and #', () => {
    const dropped = (widthPx: number) => fitColumns(everything, widthPx).hiddenForWidth;
    const full = minimumWidthPx(everything);
    expect(dropped(full - 1)).toEqual(['fin']);
    expect(dropped(full - minOf('fin') - 1)).toEqual(['fin', 'rsv']);
    expect(dropped(full - minOf('fin') - minOf('rsv') - minOf('mask') - minOf('delta') - 1)).toEqual(['delta', 'protocol', 'fin', 'rsv', 'mask']);
    const core = ['seq', 'direction', 'opcode', 'length', 'time', 'preview'];
    const coreWidth = everything.filter((column) => core.includes(column.id)).reduce((sum, column) => sum + column.minPx, 0);
    expect(ids(fitColumns(everything, coreWidth).shown)).toEqual(['seq', 'time', 'direction', 'opcode', 'length', 'preview']);
    expect(ids(fitColumns(everything, coreWidth - 1).shown)).toEqual(['seq', 'direction', 'opcode', 'length', 'preview']);
  });

  it('keeps the shown columns within the width, keeps their order, and never drops Preview', () => {
    for (const widthPx of [200, 300, 460, 640, 900]) {
      const fit = fitColumns(everything, widthPx);
      expect(minimumWidthPx(fit.shown) <= widthPx || ids(fit.shown).join() === 'preview').toBe(true);
      expect(ids(fit.shown)).toEqual(ids(everything).filter((id) => !fit.hiddenForWidth.includes(id as never)));
      expect(ids(fit.shown)).toContain('preview');
    }
    expect(ids(fitColumns(everything, 10).shown)).toEqual(['preview']);
  });

  it('leaves out only columns the user shows: a column the user hid is not counted as hidden for width', () => {
    const chosen = columnLayout({ fin: { isHidden: true }, rsv: { isHidden: true } }, 999, widths, true);
    expect(fitColumns(chosen, minimumWidthPx(chosen) - 1).hiddenForWidth).toEqual(['mask']);
  });
});

describe('Preview first: the column people read', () => {
  const withProtocol = columnLayout({}, 999, widths, true);
  const othersMinPx = (layout: readonly { id: string; minPx: number }[]) => layout.reduce((sum, column) => sum + (column.id === 'preview' ? 0 : column.minPx), 0);

  it('keeps a readable start of at least 24 characters: at 1024 px with the sidebar open (about 460 px) Time is left out before Preview is cut to a dozen', () => {
    expect(PREVIEW_READABLE_PX).toBeGreaterThanOrEqual(24 * 7);
    const fit = fitColumns(withProtocol, 460);
    expect(ids(fit.shown)).toEqual(['seq', 'direction', 'opcode', 'length', 'preview']);
    expect(fit.hiddenForWidth).toEqual(['time', 'protocol', 'fin', 'rsv', 'mask']);
    expect(previewBasePx(fit.shown, 460)).toBeGreaterThanOrEqual(PREVIEW_READABLE_PX);
    expect(minimumWidthPx(fit.shown, 460)).toBeLessThanOrEqual(460);
  });

  it('gets its wanted width before the other columns grow past their minimums, and the rest after they reach their widths', () => {
    const roomPx = othersMinPx(withProtocol) + PREVIEW_WANTED_PX + 40;
    expect(fitColumns(withProtocol, roomPx).hiddenForWidth).toEqual([]);
    const basePx = previewBasePx(withProtocol, roomPx);
    expect(basePx).toBeGreaterThan(PREVIEW_WANTED_PX - 8);
    expect(basePx).toBeLessThanOrEqual(PREVIEW_WANTED_PX);
    expect(gridTemplate(withProtocol, roomPx).endsWith(`minmax(${basePx}px, 1fr)`)).toBe(true);
    // A wide timeline: the others at their widths, Preview's base stays at what it wants and 1fr takes the rest.
    expect(previewBasePx(withProtocol, 4000)).toBe(basePx);
  });

  it('never asks for more than the width: no sideways scroll at any width, down to Preview alone in a sliver', () => {
    for (let widthPx = 40; widthPx <= 2400; widthPx += 7) {
      const shown = fitColumns(withProtocol, widthPx).shown;
      expect(othersMinPx(shown) + previewBasePx(shown, widthPx), `${widthPx} px`).toBeLessThanOrEqual(widthPx);
      expect(minimumWidthPx(shown, widthPx), `${widthPx} px`).toBeLessThanOrEqual(widthPx);
      expect(previewBasePx(shown, widthPx) >= PREVIEW_READABLE_PX || ids(shown).join() === 'preview', `${widthPx} px`).toBe(true);
    }
  });

  it('moves in steps of a few pixels, so resizing re-renders rows only now and then', () => {
    const shares = new Set<number>();
    const fromPx = othersMinPx(withProtocol) + PREVIEW_READABLE_PX;
    for (let widthPx = fromPx; widthPx < fromPx + 80; widthPx += 1) shares.add(previewBasePx(withProtocol, widthPx));
    expect(shares.size).toBeLessThanOrEqual(11);
  });
});

describe('header labels as drawn', () => {
  it('widen a column whose label, measured in the header font, is wider than its widest cell text; 0 (not measured) changes nothing', () => {
    const plain = columnLayout({}, 99, widths);
    const measured = columnLayout({}, 99, widths, false, (column) => (column.id === 'mask' ? 61 : 0));
    const minOf = (layout: typeof plain, id: string) => layout.find((column) => column.id === id)!.minPx;
    expect(minOf(measured, 'mask')).toBe(71);
    expect(minOf(measured, 'mask')).toBeGreaterThan(minOf(plain, 'mask'));
    expect(measured.filter((column) => column.id !== 'mask')).toEqual(plain.filter((column) => column.id !== 'mask'));
  });
});
