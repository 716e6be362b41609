import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { rendererDirectory } from '../electron/app-paths.js';
import { connect, frames, openInspector } from '../test/e2e/browser.js';
import type { BenchResult } from './decode-bench.js';
import { median } from './bench-harness.js';
import { startFloodServer } from './flood-bench.js';
import { startTaskTrace, stopTaskTrace } from './renderer-tasks.js';

// The window under a paced flood, measured in the page: `frameline ui` (engine, web host, Chromium
// headless) follows a local server sending 64-byte text messages at a steady rate; then, with a
// million rows in the timeline, how long End and "Go to row" take until the row is drawn. The page
// scripts are plain strings: tsx would wrap functions passed to `page.evaluate` in helpers the page
// does not have.

/** Window size unless told otherwise, warm-up before each measurement, and where the screenshot goes. */
const defaultViewport = { width: 1024, height: 768 };
const warmUpMs = 2000;
const longFrameMs = 50;
const screenshots = join(process.cwd(), 'test-results', 'bench');
const millionRows = 1_000_000;

// Frame intervals from requestAnimationFrame, long tasks from PerformanceObserver, and per frame
// how many of the drawn rows are still loading placeholders (a smooth frame rate says little if
// the rows it draws are empty), kept on the page's global object until `stopProbe` reads them.
const startProbe = `(() => {
  const grid = document.querySelector('[role="grid"]');
  const probe = { intervals: [], longTasks: [], drawnRows: 0, loadingRows: 0, emptyFrames: 0, last: performance.now(), isRunning: true, startedAt: performance.now(), rowsAtStart: Number(grid?.getAttribute('aria-rowcount') ?? 0) };
  const onFrame = (now) => {
    if (!probe.isRunning) return;
    probe.intervals.push(now - probe.last);
    probe.last = now;
    const drawn = document.querySelectorAll('[role="grid"] [role="row"][data-index]').length;
    const loading = document.querySelectorAll('[role="grid"] [role="row"][data-index].loading').length;
    probe.drawnRows += drawn;
    probe.loadingRows += loading;
    if (drawn > 0 && loading === drawn) probe.emptyFrames += 1;
    requestAnimationFrame(onFrame);
  };
  requestAnimationFrame((now) => { probe.last = now; requestAnimationFrame(onFrame); });
  probe.observer = new PerformanceObserver((list) => { for (const entry of list.getEntries()) probe.longTasks.push(entry.duration); });
  probe.observer.observe({ type: 'longtask' });
  globalThis.framelineProbe = probe;
})()`;

const stopProbe = `(() => {
  const probe = globalThis.framelineProbe;
  probe.isRunning = false;
  probe.observer.disconnect();
  const grid = document.querySelector('[role="grid"]');
  return { intervals: probe.intervals, longTasks: probe.longTasks, loadingShare: probe.loadingRows / Math.max(1, probe.drawnRows), emptyFrames: probe.emptyFrames, seconds: (performance.now() - probe.startedAt) / 1000, rows: Number(grid?.getAttribute('aria-rowcount') ?? 0) - probe.rowsAtStart };
})()`;

/** What the page measured over one window of time. */
interface ProbeResult {
  readonly intervals: readonly number[];
  readonly longTasks: readonly number[];
  /** Of all rows drawn over all frames, the share that were loading placeholders. */
  readonly loadingShare: number;
  /** Frames in which every drawn row was a placeholder. */
  readonly emptyFrames: number;
  readonly seconds: number;
  readonly rows: number;
}

// Starts the clock in the page, runs `action` there, and resolves with the ms until the row at
// `index` is drawn with its record (not the loading placeholder), checked on every frame.
function timeUntilDrawn(index: number, action: string): string {
  return `new Promise((resolve) => {
    const start = performance.now();
    const selector = '[role="grid"] [role="row"][aria-rowindex="${index + 2}"]:not(.loading)';
    ${action};
    const check = () => (document.querySelector(selector) ? resolve(performance.now() - start) : requestAnimationFrame(check));
    check();
  })`;
}

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;
}

function row(scenario: string, unit: string, value: number): BenchResult {
  return { scenario, unit, ours: value, ws: Number.NaN, ratio: Number.NaN };
}

async function rowCount(grid: Locator): Promise<number> {
  return Number(await grid.getAttribute('aria-rowcount')) - 1;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`window bench: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** How the window is set up for the followed floods: its height, and a search typed before following (a filtered view). */
export interface WindowBenchOptions {
  readonly heightPx?: number;
  readonly search?: string;
}

async function followPacedFlood(page: Page, ratePerSecond: number, seconds: number, options: WindowBenchOptions): Promise<BenchResult[]> {
  const server = await startFloodServer(Math.ceil(ratePerSecond * (seconds + warmUpMs / 1000 + 2)), ratePerSecond);
  try {
    await connect(page, server.url);
    const grid = frames(page);
    await waitFor(async () => (await rowCount(grid)) > 0, 30_000, 'the first rows');
    if (options.search !== undefined) await page.getByRole('searchbox', { name: 'Search payloads' }).fill(options.search);
    const follow = page.getByRole('button', { name: 'Follow tail' });
    if ((await follow.getAttribute('aria-pressed')) !== 'true') await follow.click();
    await page.waitForTimeout(warmUpMs);
    const browser = page.context().browser();
    if (!browser) throw new Error('window bench: the page has no browser to trace');
    await startTaskTrace(browser, page);
    await page.evaluate(startProbe);
    await page.waitForTimeout((seconds * 1000) / 2);
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, `window-${ratePerSecond}${options.heightPx === undefined ? '' : `-${options.heightPx}px`}${options.search === undefined ? '' : '-search'}.png`) });
    await page.waitForTimeout((seconds * 1000) / 2);
    const probe = (await page.evaluate(stopProbe)) as ProbeResult;
    const tasks = await stopTaskTrace(browser);
    const sent = await server.nextResult();
    const setup = [options.heightPx === undefined ? '' : `${options.heightPx} px tall`, options.search === undefined ? '' : `search "${options.search}"`].filter((part) => part !== '').join(', ');
    const label = `window${setup === '' ? '' : ` (${setup})`} follows ${ratePerSecond.toLocaleString('en-US')} msgs/s for ${seconds} s`;
    const frameMs = median(probe.intervals);
    return [
      row(`${label}: median fps`, 'fps', 1000 / frameMs),
      row(`${label}: p99 frame interval`, 'ms', percentile(probe.intervals, 0.99)),
      row(`${label}: frames > ${longFrameMs} ms (of ${probe.intervals.length})`, 'frames', probe.intervals.filter((interval) => interval > longFrameMs).length),
      row(`${label}: long tasks (longest ${probe.longTasks.length === 0 ? 0 : Math.round(Math.max(...probe.longTasks))} ms)`, 'tasks', probe.longTasks.length),
      row(`${label}: traced long tasks (${tasks.longTasks}): most CPU time one used`, 'ms', tasks.longestCpuOfLongTaskMs),
      row(`${label}: tasks with over ${longFrameMs} ms of CPU time`, 'tasks', tasks.tasksOverBudgetCpu),
      row(`${label}: renderer main thread on the CPU`, '%', tasks.busyShare * 100),
      row(`${label}: drawn rows still loading (placeholders)`, '%', probe.loadingShare * 100),
      row(`${label}: frames with only placeholders drawn`, 'frames', probe.emptyFrames),
      row(`${label}: rows the window received`, 'rows/s', probe.rows / probe.seconds),
      row(`${label}: messages the server sent`, 'msgs/s', sent.messages / sent.seconds),
    ];
  } finally {
    server.stop();
  }
}

async function jumpAround(page: Page): Promise<BenchResult[]> {
  const server = await startFloodServer(millionRows);
  try {
    await connect(page, server.url);
    // The search is the timeline's, not the tab's: a million unfiltered rows.
    const search = page.getByRole('searchbox', { name: 'Search payloads' });
    if ((await search.inputValue()) !== '') await search.fill('');
    const grid = frames(page);
    await waitFor(async () => (await rowCount(grid)) > millionRows, 600_000, `${millionRows.toLocaleString('en-US')} rows`);
    const total = await rowCount(grid);
    const keyDown = (key: string): string => `document.querySelector('[role="grid"]').dispatchEvent(new KeyboardEvent('keydown', { key: '${key}', bubbles: true }))`;
    const endMs: number[] = [];
    const jumpMs: number[] = [];
    const jumpInput = page.getByRole('textbox', { name: 'Go to row' });
    for (const target of [250_000, 750_000, 500_000, 125_000, 875_000]) {
      await page.evaluate(timeUntilDrawn(0, keyDown('Home')));
      endMs.push((await page.evaluate(timeUntilDrawn(total - 1, keyDown('End')))) as number);
      await jumpInput.fill(String(target));
      jumpMs.push((await page.evaluate(timeUntilDrawn(target, `document.querySelector('form.jump').requestSubmit()`))) as number);
    }
    const label = `window with ${total.toLocaleString('en-US')} rows`;
    return [
      row(`${label}: Home, then End until the last row is drawn (median of 5; max ${Math.round(Math.max(...endMs))})`, 'ms', median(endMs)),
      row(`${label}: "Go to row" until the row is drawn (median of 5; max ${Math.round(Math.max(...jumpMs))})`, 'ms', median(jumpMs)),
    ];
  } finally {
    server.stop();
  }
}

/**
 * `npm run bench -- window`: the window at 1024×768 (or `heightPx` tall) following paced floods of
 * 64-byte messages at each rate for `seconds` (through a search when given), then End and "Go to
 * row" with a million rows. Figures, no verdicts.
 */
export async function windowSmoothness(ratesPerSecond: readonly number[], seconds: number, options: WindowBenchOptions = {}): Promise<BenchResult[]> {
  if (!existsSync(join(rendererDirectory(), 'index.html'))) throw new Error('run `npm run build` first: the window case serves the built renderer');
  const inspector = await openInspector('bench-window', { viewport: { ...defaultViewport, height: options.heightPx ?? defaultViewport.height } });
  try {
    const results: BenchResult[] = [];
    for (const rate of ratesPerSecond) {
      results.push(...(await followPacedFlood(inspector.page, rate, seconds, options)));
      console.error(`done: window at ${rate} msgs/s`);
    }
    results.push(...(await jumpAround(inspector.page)));
    return results;
  } finally {
    await inspector.close();
  }
}
