import { describe, expect, it } from 'vitest';
import { MAX_SCROLL_HEIGHT_PX, computeWindow, maxRowsDrawn, scrollTopForEnd, scrollTopForIndex } from '../../../renderer/features/timeline/virtualizer.js';

const rowHeightPx = 22;
const viewportHeightPx = 600;

describe('timeline virtualizer', () => {
  it('maps one-to-one while the list fits under the height cap', () => {
    const window = computeWindow({ rowCount: 1000, rowHeightPx, viewportHeightPx, scrollTopPx: 220, overscan: 0 });
    expect(window.scale).toBe(1);
    expect(window.scrollHeightPx).toBe(22_000);
    expect(window.firstIndex).toBe(10);
    expect(window.firstOffsetPx).toBe(0);
    expect(window.lastIndex).toBe(10 + Math.ceil(600 / 22) - 1);
  });

  it('caps the scroll height for a million rows and scales offsets', () => {
    const window = computeWindow({ rowCount: 1_000_000, rowHeightPx, viewportHeightPx, scrollTopPx: 0 });
    expect(window.scrollHeightPx).toBe(MAX_SCROLL_HEIGHT_PX);
    expect(window.scale).toBeCloseTo((22_000_000 - 600) / (MAX_SCROLL_HEIGHT_PX - 600), 9);
    expect(window.firstIndex).toBe(0);
  });

  it('reaches the last row exactly at the end of a scaled list', () => {
    for (const rowCount of [1_000_000, 1_500_000, 10_000_000]) {
      const end = scrollTopForEnd({ rowCount, rowHeightPx, viewportHeightPx });
      const window = computeWindow({ rowCount, rowHeightPx, viewportHeightPx, scrollTopPx: end, overscan: 0 });
      expect(window.lastIndex).toBe(rowCount - 1);
      // The last row's bottom sits on the viewport's bottom edge.
      const lastBottom = window.firstOffsetPx + (window.lastIndex - window.firstIndex + 1) * rowHeightPx;
      expect(lastBottom).toBeCloseTo(viewportHeightPx, 6);
    }
  });

  it('clamps scroll positions past the end', () => {
    const window = computeWindow({ rowCount: 1_000_000, rowHeightPx, viewportHeightPx, scrollTopPx: 1e12, overscan: 0 });
    expect(window.lastIndex).toBe(999_999);
  });

  it('jumps to any row of a scaled list and shows it at the top', () => {
    for (const index of [0, 1, 123_456, 500_000, 999_000]) {
      const scrollTopPx = scrollTopForIndex(index, 'start', { rowCount: 1_000_000, rowHeightPx, viewportHeightPx });
      const window = computeWindow({ rowCount: 1_000_000, rowHeightPx, viewportHeightPx, scrollTopPx, overscan: 0 });
      expect(window.firstIndex).toBe(index);
      expect(Math.abs(window.firstOffsetPx)).toBeLessThan(1e-6 * index + 1e-6);
    }
  });

  it('survives the browser rounding scrollTop to whole pixels', () => {
    const exact = scrollTopForIndex(777_777, 'center', { rowCount: 1_000_000, rowHeightPx, viewportHeightPx });
    const window = computeWindow({ rowCount: 1_000_000, rowHeightPx, viewportHeightPx, scrollTopPx: Math.round(exact), overscan: 0 });
    expect(window.firstIndex).toBeLessThanOrEqual(777_777);
    expect(window.lastIndex).toBeGreaterThanOrEqual(777_777);
  });

  it('never draws more rows than maxRowsDrawn, so index modulo it keys each drawn row apart', () => {
    // Every sub-pixel position of a scaled and an unscaled list, viewports of whole and partial rows.
    for (const rowCount of [3, 1000, 5_000_000]) {
      for (const height of [0, 21, 22, 600, 601, 1080]) {
        const slots = maxRowsDrawn(height, rowHeightPx);
        for (let scrollTopPx = 0; scrollTopPx < 200; scrollTopPx += 0.37) {
          for (const isPinnedToEnd of [false, true]) {
            const window = computeWindow({ rowCount, rowHeightPx, viewportHeightPx: height, scrollTopPx, isPinnedToEnd });
            const keys = new Set<number>();
            for (let index = window.firstIndex; index <= window.lastIndex; index += 1) keys.add(index % slots);
            expect(keys.size).toBe(window.lastIndex - window.firstIndex + 1);
          }
        }
      }
    }
    // The bound is tight: a viewport cut at both edges draws exactly that many.
    const cut = computeWindow({ rowCount: 1000, rowHeightPx, viewportHeightPx: 600, scrollTopPx: 237.6 });
    expect(cut.lastIndex - cut.firstIndex + 1).toBe(maxRowsDrawn(600, rowHeightPx));
  });

  it('renders nothing for an empty list', () => {
    const window = computeWindow({ rowCount: 0, rowHeightPx, viewportHeightPx, scrollTopPx: 0 });
    expect(window.lastIndex).toBeLessThan(window.firstIndex);
    expect(window.scrollHeightPx).toBe(0);
  });
});
