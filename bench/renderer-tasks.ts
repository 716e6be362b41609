import type { Browser, Page } from 'playwright-core';

// How long the window's own tasks ran on the CPU, beside how long they took. A long task (over
// 50 ms of wall time) is what the page sees; on a 2-core machine with the engine, the flood
// server and Chromium's other processes beside it, a task can take that long while running for a
// few milliseconds, its thread waiting for a core. Chromium's trace records both for every task
// ("toplevel" events: `dur` is wall time, `tdur` the thread's CPU time), so the bench can tell the
// window's work from the machine's scheduling (docs/performance.md, "The long tasks left are the
// machine's scheduling, not the window's work").

/** A task of the renderer's main thread over the traced time. */
interface TaskTimes {
  readonly wallMs: number;
  readonly cpuMs: number;
}

/** What the trace says about the renderer's main-thread tasks. */
export interface RendererTasks {
  /** Tasks over 50 ms of wall time: the page's long tasks. */
  readonly longTasks: number;
  /** The most CPU time any of those used. */
  readonly longestCpuOfLongTaskMs: number;
  /** Tasks that used over 50 ms of CPU themselves. */
  readonly tasksOverBudgetCpu: number;
  /** All tasks' CPU time over the traced time, as a share of one core. */
  readonly busyShare: number;
}

interface TraceEvent {
  readonly name?: string;
  readonly ph?: string;
  readonly pid?: number;
  readonly tid?: number;
  readonly ts?: number;
  readonly dur?: number;
  readonly tdur?: number;
  readonly args?: { readonly name?: string };
}

const longTaskMs = 50;

/** Starts Chromium's trace of the page's tasks. */
export async function startTaskTrace(browser: Browser, page: Page): Promise<void> {
  await browser.startTracing(page, { categories: ['toplevel'] });
}

/** Stops the trace and sums up the main thread of the page's renderer. */
export async function stopTaskTrace(browser: Browser): Promise<RendererTasks> {
  return rendererTasks(JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] });
}

/** The renderer's main thread is the `CrRendererMain` with the most tasks (the page's, not an extension's or a worker's). */
export function rendererTasks(trace: { traceEvents: readonly TraceEvent[] }): RendererTasks {
  const mains = new Set<string>();
  for (const event of trace.traceEvents) {
    if (event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain') mains.add(`${event.pid}:${event.tid}`);
  }
  const byThread = new Map<string, TaskTimes[]>();
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const event of trace.traceEvents) {
    if (event.ph !== 'X' || event.name !== 'ThreadControllerImpl::RunTask') continue;
    const thread = `${event.pid}:${event.tid}`;
    if (!mains.has(thread) || event.dur === undefined || event.tdur === undefined || event.ts === undefined) continue;
    const tasks = byThread.get(thread) ?? [];
    tasks.push({ wallMs: event.dur / 1000, cpuMs: event.tdur / 1000 });
    byThread.set(thread, tasks);
    first = Math.min(first, event.ts);
    last = Math.max(last, event.ts + event.dur);
  }
  const tasks = [...byThread.values()].sort((a, b) => b.length - a.length)[0];
  if (!tasks) throw new Error('window bench: the trace has no task of the page\'s renderer');
  const long = tasks.filter((task) => task.wallMs > longTaskMs);
  const cpuMs = tasks.reduce((sum, task) => sum + task.cpuMs, 0);
  return {
    longTasks: long.length,
    longestCpuOfLongTaskMs: long.reduce((most, task) => Math.max(most, task.cpuMs), 0),
    tasksOverBudgetCpu: tasks.filter((task) => task.cpuMs > longTaskMs).length,
    busyShare: cpuMs / Math.max(1, (last - first) / 1000),
  };
}
