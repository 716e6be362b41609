import { describe, expect, it } from 'vitest';
import { rendererTasks } from '../../../bench/renderer-tasks.js';

const thread = (pid: number, tid: number, name: string) => ({ ph: 'M', name: 'thread_name', pid, tid, args: { name } });
const task = (pid: number, tid: number, ts: number, wallMs: number, cpuMs: number) => ({ ph: 'X', name: 'ThreadControllerImpl::RunTask', pid, tid, ts, dur: wallMs * 1000, tdur: cpuMs * 1000 });

describe('renderer tasks from a Chromium trace', () => {
  it('tells long tasks that waited for a core from tasks that used the CPU, on the page\'s renderer only', () => {
    const trace = {
      traceEvents: [
        thread(1, 1, 'CrRendererMain'), thread(2, 2, 'CrRendererMain'), thread(1, 3, 'Compositor'),
        // The page: a 66 ms task that ran 5 ms, one that ran 60 ms, and short ones; 1 s traced.
        task(1, 1, 0, 66, 5), task(1, 1, 100_000, 61, 60), task(1, 1, 300_000, 4, 4), task(1, 1, 996_000, 4, 1),
        // Another renderer (a browser page of its own) and another thread of the page's: not counted.
        task(2, 2, 0, 80, 80), task(1, 3, 0, 90, 90),
      ],
    };
    const tasks = rendererTasks(trace);
    expect(tasks.longTasks).toBe(2);
    expect(tasks.longestCpuOfLongTaskMs).toBe(60);
    expect(tasks.tasksOverBudgetCpu).toBe(1);
    expect(tasks.busyShare).toBeCloseTo(0.07, 5);
  });

  it('says so when the trace holds no task of a renderer', () => {
    expect(() => rendererTasks({ traceEvents: [thread(1, 1, 'CrBrowserMain'), task(1, 1, 0, 10, 10)] })).toThrow(/no task of the page's renderer/);
  });
});
