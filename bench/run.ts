import { cpus, loadavg } from 'node:os';
import { cliAgainstWs, liveSessionMemory, metadataAtScale, sessionAgainstWs } from './flood-bench.js';
import { exportFormats, filterRecords, importMemory, importNative } from './capture-bench.js';
import { deflatedMessages } from './deflate-bench.js';
import { largeFrames, maskedFrames, smallFrames, type BenchResult } from './decode-bench.js';
import { median } from './bench-harness.js';

// `npm run bench`: our frame decoder against ws's Receiver on the same bytes, in one process; then
// the capture cases (CLI vs a ws client on a local flood, export, import vs tshark, filter, memory).
// `npm run bench -- decode` or `-- capture` runs one group, and `-- live`, `export`, `filter`,
// `import` or `memory` one part of the capture group; `--10m` adds the 10,000,000-frame memory case.
// `-- window` (only when named: it needs `npm run build` and Chromium) measures the window under
// paced floods of 10,000 and 100,000 messages/s, 20 s each unless `--window-seconds N`, in a window
// 1024×768 unless `--window-height PX`, unfiltered unless `--window-search TEXT` is typed in the search.
// `-- decode-aa` (only when named) times (c) kept with each decoder against itself, five times each.
// `-- relay-http` (only when named) measures the heap a relay's 500 kept HTTP exchanges hold.
// The load average is printed with the results: on a shared machine it says how far to trust them.

const args = process.argv.slice(2);
const valueFlags = ['--window-seconds', '--window-height', '--window-search'];
const groups = args.filter((arg, index) => !arg.startsWith('--') && !valueFlags.includes(args[index - 1] ?? ''));
const flagValue = (flag: string): string | undefined => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
const wants = (group: string): boolean => groups.length === 0 || groups.includes(group);
const wantsCapture = (part: string): boolean => wants('capture') || groups.includes(part);
const runs = 5;

function format(value: number): string {
  if (Number.isNaN(value)) return '';
  return value >= 1000 ? Math.round(value).toLocaleString('en-US') : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

function printTable(results: readonly BenchResult[]): void {
  const rows = results.map((result) => [result.scenario, result.unit, format(result.ours), format(result.ws), Number.isNaN(result.ratio) ? '' : `${result.ratio.toFixed(2)}×`]);
  const header = ['scenario', 'unit', 'ours (median)', 'ws / tshark (median)', 'ratio (median of pairs)'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] as string).length)));
  const line = (cells: readonly string[]): string => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] as number) : cell.padStart(widths[column] as number))).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}

const results: BenchResult[] = [];
const loadAtStart = loadavg();
if (wants('decode')) {
  for (const scenario of [
    smallFrames,
    maskedFrames,
    () => largeFrames('c', 'full payload kept'),
    () => largeFrames('c64', 'default 64 KiB retention'),
    deflatedMessages,
    ...(await import('./app-protocol-bench.js')).appProtocolScenarios,
    ...(await import('./app-protocol-bench.js')).engineProtocolScenarios,
  ]) {
    for (const result of [await scenario()].flat()) {
      console.error(`done: ${result.scenario}: ${Number.isNaN(result.ratio) ? `${format(result.ours)} vs ${format(result.ws)} ${result.unit}` : `${result.ratio.toFixed(2)}×`}`);
      results.push(result);
    }
  }
}
if (groups.includes('decode-aa')) {
  // Each decoder against itself, measured as the frame scenarios are: the method's own spread.
  const { timeApart } = await import('./time-apart.js');
  for (const side of ['ours', 'ws'] as const) {
    for (let run = 0; run < runs; run += 1) {
      const timing = await timeApart('c', 10, 3, 15, [side, side]);
      console.error(`done: (c) kept, ${side} against ${side}: ${timing.ratio.toFixed(2)}×`);
      results.push({ scenario: `(c) 1 MiB server frames, full payload kept, ${side} against ${side} (A/A)`, unit: 'ms a pass', ours: timing.oursSeconds * 1000, ws: timing.wsSeconds * 1000, ratio: timing.ratio });
    }
  }
}
if (groups.includes('deflate')) {
  // (d) alone, `runs` times: its ratio moves most from run to run.
  const ratios: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const result = await deflatedMessages();
    console.error(`done: ${result.scenario}: ${result.ratio.toFixed(2)}× (${Math.round(result.ours).toLocaleString('en-US')} vs ${Math.round(result.ws).toLocaleString('en-US')} messages/s)`);
    ratios.push(result.ratio);
    results.push(result);
  }
  console.error(`deflate: median of ${runs} runs ${median(ratios).toFixed(2)}×`);
}
if (wantsCapture('live')) {
  results.push(...(await sessionAgainstWs(1_000_000, runs)));
  results.push(...(await cliAgainstWs(1_000_000, runs)));
}
if (wantsCapture('export')) results.push(...(await exportFormats(1_000_000, runs)));
if (wantsCapture('import')) results.push(...(await importNative(200_000, runs)));
if (wantsCapture('filter')) results.push(...(await filterRecords(1_000_000, runs)));
if (wantsCapture('memory')) {
  results.push(...(await importMemory(1_000_000)));
  results.push(...(await liveSessionMemory(1_000_000)));
  results.push(...(await metadataAtScale(args.includes('--10m') ? [1_000_000, 5_000_000, 10_000_000] : [1_000_000, 5_000_000])));
}
if (groups.includes('relay-http')) results.push(...(await (await import('./relay-http-bench.js')).relayHttpMemory()));
if (groups.includes('window')) {
  const seconds = Number(flagValue('--window-seconds') ?? 20);
  if (!(seconds > 0)) throw new Error('--window-seconds needs a number of seconds');
  const height = flagValue('--window-height');
  const heightPx = height === undefined ? undefined : Number(height);
  if (heightPx !== undefined && !(heightPx >= 200)) throw new Error('--window-height needs a height in pixels (200 or more)');
  const search = flagValue('--window-search');
  if (args.includes('--window-search') && !search) throw new Error('--window-search needs the text to search for');
  results.push(...(await (await import('./window-bench.js')).windowSmoothness([10_000, 100_000], seconds, { ...(heightPx === undefined ? {} : { heightPx }), ...(search === undefined ? {} : { search }) })));
}
const loadAtEnd = loadavg();
console.log(`Node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} cores; load average ${loadAtStart.map((load) => load.toFixed(1)).join(' ')} at the start, ${loadAtEnd.map((load) => load.toFixed(1)).join(' ')} at the end`);
printTable(results);
