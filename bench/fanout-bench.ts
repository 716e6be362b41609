import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { fanoutOptionsSchema, type FanoutOptionsInput } from '../shared/contract/fanout.js';
import { defaultSessionOptions } from '../shared/contract/session-options.js';
import { runFanout } from '../electron/engine/fanout/fanout-run.js';

// `node --import tsx bench/fanout-bench.ts [clients]`: the fan-out probe with many clients on loopback,
// against a broadcasting ws server in its own process, so CPU and memory below are Frameline's alone.

const server = fileURLToPath(new URL('./fanout-server-process.ts', import.meta.url));
const clients = Number(process.argv[2] ?? 1000);

async function startServer(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', server], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      const match = /READY port=(\d+)/.exec(chunk.toString());
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', () => reject(new Error('the broadcast server exited')));
  });
  return { url: `ws://127.0.0.1:${port}/`, stop: () => child.kill('SIGKILL') };
}

async function scenario(url: string, name: string, options: FanoutOptionsInput): Promise<void> {
  global.gc?.();
  const before = process.memoryUsage();
  const cpuBefore = process.cpuUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }, 50);
  const startedAt = performance.now();
  let openAfterMs: number | null = null;
  const run = await runFanout(defaultSessionOptions(url), fanoutOptionsSchema.parse(options), {
    progressIntervalMs: 50,
    onProgress: (progress) => {
      if (openAfterMs === null && progress.open === progress.clients) openAfterMs = performance.now() - startedAt;
    },
  });
  const wallMs = performance.now() - startedAt;
  clearInterval(sampler);
  const cpu = process.cpuUsage(cpuBefore);
  const { report } = run;
  const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
  console.log(
    [
      `${name}:`,
      `  opened ${report.totals.opened}/${report.totals.clients} (all open after ${openAfterMs === null ? '–' : `${(openAfterMs / 1000).toFixed(2)} s`}), delivered ${report.totals.delivered}/${report.totals.expected}, lost ${report.totals.lost}, out of order ${report.totals.outOfOrder}`,
      `  latency p50 ${report.totals.latency.p50Ms} ms, p95 ${report.totals.latency.p95Ms} ms, p99 ${report.totals.latency.p99Ms} ms, max ${report.totals.latency.maxMs} ms`,
      `  wall ${(wallMs / 1000).toFixed(2)} s; CPU user ${(cpu.user / 1e6).toFixed(2)} s + system ${(cpu.system / 1e6).toFixed(2)} s (${(((cpu.user + cpu.system) / 1000 / wallMs) * 100).toFixed(0)} % of one core)`,
      `  memory: RSS ${mib(before.rss)} → peak ${mib(peakRss)}; heap ${mib(before.heapUsed)} → peak ${mib(peakHeap)}; retained per client ≈ ${(((peakHeap - before.heapUsed) / report.totals.clients) / 1024).toFixed(0)} KiB of heap`,
    ].join('\n'),
  );
  run.dispose();
}

const peer = await startServer();
try {
  await scenario(peer.url, `${clients} clients, 1 sender × 20 messages at 10/s`, { clients, senders: 1, messages: 20, ratePerSecond: 10, drainMs: 5_000, connectConcurrency: 100 });
  await scenario(peer.url, `${clients} clients, 5 senders × 20 messages at 10/s each`, { clients, senders: 5, messages: 20, ratePerSecond: 10, drainMs: 5_000, connectConcurrency: 100 });
} finally {
  peer.stop();
}
