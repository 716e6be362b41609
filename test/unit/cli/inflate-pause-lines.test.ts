import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { INFLATE_PAUSE_LINE_INTERVAL_MS, printInflatePauses, type PausingSession } from '../../../electron/cli/inflate-pause-lines.js';
import type { InflatePauseFigures } from '../../../shared/connection/inflate-pause-tally.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';

afterEach(() => {
  vi.useRealTimers();
});

function lines(out: PassThrough): string[] {
  const text = (out.read() as Buffer | null)?.toString('utf8') ?? '';
  return text.split('\n').filter((line) => line !== '');
}

describe('printInflatePauses', () => {
  it('writes a line only when the figures moved, at most one per interval, and none once closed or stopped', () => {
    vi.useFakeTimers();
    const session: { state: string; inflatePauses: InflatePauseFigures | null } = { state: 'open', inflatePauses: null };
    const out = new PassThrough();
    const stop = printInflatePauses(session satisfies PausingSession, out, createTranslate('en'));
    vi.advanceTimersByTime(INFLATE_PAUSE_LINE_INTERVAL_MS);
    expect(lines(out)).toEqual([]);
    session.inflatePauses = { limit: 1000, count: 1, totalMs: 250, longestMs: 250, waitingMs: 250 };
    vi.advanceTimersByTime(INFLATE_PAUSE_LINE_INTERVAL_MS);
    expect(lines(out)).toEqual(['Reading has waited for the inflate budget of 1,000 bytes a second once so far: 250 ms.']);
    // A thousand pauses within one interval make one line; figures that did not move, none.
    session.inflatePauses = { limit: 1000, count: 1001, totalMs: 90_500, longestMs: 400, waitingMs: 0 };
    vi.advanceTimersByTime(INFLATE_PAUSE_LINE_INTERVAL_MS - 1);
    expect(lines(out)).toEqual([]);
    vi.advanceTimersByTime(1 + 3 * INFLATE_PAUSE_LINE_INTERVAL_MS);
    expect(lines(out)).toEqual(['Reading has waited for the inflate budget of 1,000 bytes a second 1,001 times so far: 90,500 ms in all, the longest 400 ms.']);
    session.inflatePauses = { limit: 1000, count: 1002, totalMs: 91_000, longestMs: 500, waitingMs: 0 };
    session.state = 'closed';
    vi.advanceTimersByTime(INFLATE_PAUSE_LINE_INTERVAL_MS);
    expect(lines(out)).toEqual([]);
    session.state = 'open';
    stop();
    vi.advanceTimersByTime(INFLATE_PAUSE_LINE_INTERVAL_MS);
    expect(lines(out)).toEqual([]);
  });

  it("speaks the reader's language", () => {
    vi.useFakeTimers();
    const out = new PassThrough();
    const stop = printInflatePauses({ state: 'open', inflatePauses: { limit: 2048, count: 3, totalMs: 1200, longestMs: 600, waitingMs: 600 } }, out, createTranslate('zh-CN'));
    vi.advanceTimersByTime(INFLATE_PAUSE_LINE_INTERVAL_MS);
    stop();
    expect(lines(out)).toEqual(['到目前为止，读取因每秒 2,048 字节的解压预算等待了 3 次：共 1,200 毫秒，最长一次 600 毫秒。']);
  });
});
