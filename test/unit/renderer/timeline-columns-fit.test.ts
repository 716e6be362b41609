import { describe, expect, it } from 'vitest';
import { columnLayout, COLUMNS, fitColumns, minimumWidthPx, readableMinPx, seqColumnMinPx } from '../../../renderer/features/timeline/timeline-columns.js';

const ids = (layout: readonly { id: string }[]) => layout.map((column) => column.id);
const minOf = (id: string) => readableMinPx(COLUMNS.find((column) => column.id === id)!);

describe('readable column minimums', () => {
  it('fit the widest text each column shows: the Dir arrow, the opcode word, a length, a time, a 7-digit row number', () => {
    // 7 px a character at most in the grid's fonts, plus padding: a minimum below this would cut the text.
    expect(minOf('direction')).toBeGreaterThanOrEqual('↑ out'.length * 7);
    expect(minOf('opcode')).toBeGreaterThanOrEqual('continuation'.length * 7 + 12);
    expect(minOf('length')).toBeGreaterThanOrEqual('1023.9 KiB'.length * 7);
    expect(minOf('time')).toBeGreaterThanOrEqual('00:00:00.000'.length * 7);
    expect(seqColumnMinPx(9_999_999)).toBeGreaterThanOrEqual(7 * 7);
    expect(columnLayout({}, 9_999_999).find((column) => column.id === 'seq')?.minPx).toBe(seqColumnMinPx(9_999_999));
  });
});

describe('fitColumns', () => {
  const everything = columnLayout({ delta: { isHidden: false } }, 999, true);

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
    const chosen = columnLayout({ fin: { isHidden: true }, rsv: { isHidden: true } }, 999, true);
    expect(fitColumns(chosen, minimumWidthPx(chosen) - 1).hiddenForWidth).toEqual(['mask']);
  });
});
