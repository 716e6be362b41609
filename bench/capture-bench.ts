import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { FilteredView, filterKey } from '../electron/engine/api/filtered-view.js';
import type { CaptureLog } from '../electron/engine/capture/capture-log.js';
import { exportCapture, exportCaptureFile } from '../electron/engine/capture/export/export-capture.js';
import { noRedaction } from '../electron/engine/capture/export/redaction-rules.js';
import { readCapture } from '../electron/engine/capture/native-reader.js';
import type { RecordFilter } from '../shared/contract/api-session.js';
import type { BenchResult } from './decode-bench.js';
import { median } from './bench-harness.js';
import { floodCapture } from './synthetic-capture.js';

const runFile = promisify(execFile);
const megabyte = 1e6;

/** A stream that counts and drops what it is given, so an export is timed without a disk. */
class CountingSink extends Writable {
  bytes = 0;
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.bytes += chunk.byteLength;
    done();
  }
}

/** Output MB/s of each export format over a 1,000,000-frame flood capture, median of `runs`. */
export async function exportFormats(frames: number, runs: number, formats: readonly ('json' | 'har' | 'pcapng')[] = ['json', 'har', 'pcapng']): Promise<BenchResult[]> {
  const log = floodCapture(frames);
  const results: BenchResult[] = [];
  try {
    for (const format of formats) {
      const rates: number[] = [];
      const frameRates: number[] = [];
      // Output per second of the process's CPU time: what the code costs, which a loaded machine
      // moves much less than the wall-clock rate (it still counts the GC's helper threads).
      const cpuRates: number[] = [];
      for (let run = 0; run < runs + 1; run += 1) {
        const sink = new CountingSink();
        const start = performance.now();
        const cpuBefore = process.cpuUsage();
        await exportCapture(log, format, sink, noRedaction);
        const cpu = process.cpuUsage(cpuBefore);
        const seconds = (performance.now() - start) / 1000;
        // The first run warms the code up and is not counted.
        if (run === 0) continue;
        rates.push(sink.bytes / megabyte / seconds);
        frameRates.push(frames / seconds);
        cpuRates.push(sink.bytes / megabyte / ((cpu.user + cpu.system) / 1e6));
      }
      results.push({ scenario: `export ${format}, ${frames.toLocaleString('en-US')} frames of 64 B`, unit: 'MB/s out', ours: median(rates), ws: Number.NaN, ratio: Number.NaN });
      results.push({ scenario: `export ${format}, per second of CPU time`, unit: 'MB/CPU s', ours: median(cpuRates), ws: Number.NaN, ratio: Number.NaN });
      console.error(`done: export ${format}: ${median(rates).toFixed(1)} MB/s (runs ${rates.map((rate) => rate.toFixed(0)).join(', ')}), ${Math.round(median(frameRates)).toLocaleString('en-US')} frames/s; ${median(cpuRates).toFixed(0)} MB per CPU second`);
    }
  } finally {
    log.dispose();
  }
  return results;
}

/** A regex and a plain search over every record of a flood capture: total time and the longest event-loop block. */
export async function filterRecords(frames: number, runs: number): Promise<BenchResult[]> {
  const log = floodCapture(frames);
  const filters: [string, RecordFilter][] = [
    ['regex "seq":\\d*77\\d*,', { direction: 'any', category: 'all', opcodes: [], search: '"seq":\\d*77\\d*,', isRegex: true, unit: 'frames', protocolCategory: 'all', protocolKinds: [] }],
    ['text "price":99.5', { direction: 'any', category: 'all', opcodes: [], search: '"price":99.5', isRegex: false, unit: 'frames', protocolCategory: 'all', protocolKinds: [] }],
  ];
  const results: BenchResult[] = [];
  try {
    for (const [label, filter] of filters) {
      const seconds: number[] = [];
      const blocks: number[] = [];
      const gcPauses: number[] = [];
      const turnCpu: number[] = [];
      const turnWall: string[] = [];
      let total = 0;
      for (let run = 0; run < runs + 1; run += 1) {
        // The longest GC pause of the run beside the longest block: a block far above it is the
        // process waiting for a core (or the scan's own work), not the collector.
        let longestGcMs = 0;
        const gc = new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) longestGcMs = Math.max(longestGcMs, entry.duration);
        });
        gc.observe({ entryTypes: ['gc'] });
        const delay = monitorEventLoopDelay({ resolution: 1 });
        delay.enable();
        const turns = turnMeter();
        const start = performance.now();
        const page = await new FilteredView(filterKey(filter), filter).page(log, 0, 100);
        const elapsed = (performance.now() - start) / 1000;
        delay.disable();
        const turn = turns.stop();
        // GC entries are delivered on a later turn.
        await new Promise<void>((resolve) => setImmediate(resolve));
        gc.disconnect();
        total = page.total;
        if (run === 0) continue;
        seconds.push(elapsed);
        blocks.push(delay.max / 1e6);
        gcPauses.push(longestGcMs);
        turnCpu.push(turn.mostCpuMs);
        turnWall.push(`${turn.longestWallMs.toFixed(1)} (${turn.cpuOfLongestMs.toFixed(1)} on CPU)`);
      }
      const each = (values: number[]): string => values.map((value) => value.toFixed(1)).join(', ');
      results.push({ scenario: `filter ${label} over ${frames.toLocaleString('en-US')} records (${total.toLocaleString('en-US')} match)`, unit: 's', ours: median(seconds), ws: Number.NaN, ratio: Number.NaN });
      results.push({ scenario: `filter ${label}: longest event-loop block per run, median of ${runs}`, unit: 'ms', ours: median(blocks), ws: Number.NaN, ratio: Number.NaN });
      results.push({ scenario: `filter ${label}: longest event-loop block of all ${runs} runs`, unit: 'ms', ours: Math.max(...blocks), ws: Number.NaN, ratio: Number.NaN });
      results.push({ scenario: `filter ${label}: longest GC pause per run, median of ${runs}`, unit: 'ms', ours: median(gcPauses), ws: Number.NaN, ratio: Number.NaN });
      results.push({ scenario: `filter ${label}: most CPU time in one turn per run, median of ${runs}`, unit: 'ms', ours: median(turnCpu), ws: Number.NaN, ratio: Number.NaN });
      console.error(`done: filter ${label}: ${median(seconds).toFixed(2)} s; longest block per run ${each(blocks)} ms; longest GC pause per run ${each(gcPauses)} ms; longest turn per run ${turnWall.join(', ')} ms; most CPU in one turn per run ${each(turnCpu)} ms`);
    }
  } finally {
    log.dispose();
  }
  return results;
}

/**
 * Wall and CPU time of each turn of the event loop until `stop`: a turn that took long on the wall
 * clock but little CPU time was the process waiting for a core on a loaded machine.
 */
function turnMeter(): { stop(): { longestWallMs: number; cpuOfLongestMs: number; mostCpuMs: number } } {
  let isOn = true;
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  const worst = { longestWallMs: 0, cpuOfLongestMs: 0, mostCpuMs: 0 };
  const tick = (): void => {
    const now = performance.now();
    const cpu = process.cpuUsage();
    const wallMs = now - last;
    const cpuMs = (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000;
    if (wallMs > worst.longestWallMs) Object.assign(worst, { longestWallMs: wallMs, cpuOfLongestMs: cpuMs });
    worst.mostCpuMs = Math.max(worst.mostCpuMs, cpuMs);
    last = now;
    lastCpu = cpu;
    if (isOn) setImmediate(tick);
  };
  setImmediate(tick);
  return {
    stop() {
      isOn = false;
      return worst;
    },
  };
}

/**
 * Native import of a flood capture against tshark reading the pcapng export of the same capture
 * with its default settings (a summary line per packet, to /dev/null), paired runs; the ratio is
 * tshark's time over ours.
 */
export async function importNative(frames: number, runs: number): Promise<BenchResult[]> {
  const folder = mkdtempSync(join(tmpdir(), 'frameline-bench-'));
  const log = floodCapture(frames);
  try {
    const native = join(folder, 'flood.frameline.json');
    const pcapng = join(folder, 'flood.pcapng');
    await exportCaptureFile(log, 'json', native, noRedaction);
    await exportCaptureFile(log, 'pcapng', pcapng, noRedaction);
    // FRAMELINE_BENCH_PCAPNG names another export of the same capture for tshark (measuring an
    // older exporter, whose 200,000-frame file tshark does not finish reading).
    const tsharkFile = process.env['FRAMELINE_BENCH_PCAPNG'] ?? pcapng;
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let run = 0; run < runs + 1; run += 1) {
      let start = performance.now();
      const read = await readCapture({ path: native });
      const oursSeconds = (performance.now() - start) / 1000;
      if (!read.ok) throw new Error(read.problem.message);
      if (read.log.count !== log.count) throw new Error(`import read ${read.log.count} of ${log.count} records`);
      read.log.dispose();
      start = performance.now();
      await runFile('sh', ['-c', `tshark -r '${tsharkFile}' > /dev/null 2>&1`], { timeout: 600_000 });
      const tsharkSeconds = (performance.now() - start) / 1000;
      if (run === 0) continue;
      ours.push(oursSeconds);
      theirs.push(tsharkSeconds);
    }
    const ratios = ours.map((each, index) => (theirs[index] as number) / each);
    const nativeMb = statSync(native).size / megabyte;
    console.error(`done: import: ours ${median(ours).toFixed(2)} s, tshark ${median(theirs).toFixed(2)} s (${(statSync(tsharkFile).size / megabyte).toFixed(0)} MB pcapng)`);
    return [{ scenario: `native import of ${frames.toLocaleString('en-US')} frames (${nativeMb.toFixed(0)} MB) vs tshark -r on its pcapng`, unit: 's', ours: median(ours), ws: median(theirs), ratio: median(ratios) }];
  } finally {
    log.dispose();
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Allocated capture metadata per frame (columns, header bytes, side tables) after appending `frames` flood frames. */
export function metadataPerFrame(log: CaptureLog): number {
  const usage = log.memoryUsage();
  return usage.metadataBytes / usage.records;
}

/**
 * Peak memory of importing a large file, against its size: a Chrome-shaped HAR (pretty-printed)
 * and a native file of the same flood, each imported in a fresh process.
 */
export async function importMemory(frames: number): Promise<BenchResult[]> {
  const folder = mkdtempSync(join(tmpdir(), 'frameline-bench-'));
  const log = floodCapture(frames);
  try {
    const native = join(folder, 'flood.frameline.json');
    await exportCaptureFile(log, 'json', native, noRedaction);
    const har = join(folder, 'flood.har');
    await writeChromeHar(log, har);
    const results: BenchResult[] = [];
    for (const [label, path] of [['native', native], ['Chrome-shaped HAR', har]] as const) {
      const { stdout } = await runFile(process.execPath, ['--import', 'tsx', 'bench/import-memory-child.ts', path], { maxBuffer: 1024 * 1024, timeout: 900_000 });
      const measured = JSON.parse(stdout) as { records: number; seconds: number; peakGrowthBytes: number };
      const size = statSync(path).size;
      console.error(`done: import memory ${label}: ${(size / megabyte).toFixed(0)} MB file, peak +${(measured.peakGrowthBytes / megabyte).toFixed(0)} MB, ${measured.seconds.toFixed(1)} s`);
      results.push({ scenario: `import ${label} of ${(size / megabyte).toFixed(0)} MB: peak memory growth / file size`, unit: '×', ours: measured.peakGrowthBytes / size, ws: Number.NaN, ratio: Number.NaN });
    }
    return results;
  } finally {
    log.dispose();
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The flood's frames as Chrome saves them: one websocket entry, each message as type/time/opcode/data, indented. */
export async function writeChromeHar(log: CaptureLog, path: string): Promise<void> {
  const messages: string[] = [];
  for (let seq = 0; seq < log.count; seq += 1) {
    const record = log.getRecordJson(seq);
    if (record.kind !== 'frame' || record.opcode !== 1) continue;
    const data = Buffer.from(record.payload, 'base64').toString('utf8');
    messages.push(`        {\n          "type": "${record.direction === 'out' ? 'send' : 'receive'}",\n          "time": ${(1_740_830_400_000_000 + record.atMicros) / 1e6},\n          "opcode": 1,\n          "data": ${JSON.stringify(data)}\n        }`);
  }
  const entry = `{\n  "log": {\n    "version": "1.2",\n    "creator": { "name": "WebInspector", "version": "537.36" },\n    "pages": [],\n    "entries": [\n      {\n        "_resourceType": "websocket",\n        "startedDateTime": "2025-03-01T12:00:00.000Z",\n        "request": { "method": "GET", "url": "ws://127.0.0.1:8080/feed", "httpVersion": "HTTP/1.1", "headers": [] },\n        "response": { "status": 101, "statusText": "Switching Protocols", "httpVersion": "HTTP/1.1", "headers": [] },\n        "_webSocketMessages": [\n`;
  await writeFile(path, `${entry}${messages.join(',\n')}\n        ]\n      }\n    ]\n  }\n}\n`);
}
