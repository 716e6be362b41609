import { deflatedMessages } from './deflate-bench.js';
import { largeFrames, maskedFrames, smallFrames, type BenchResult } from './decode-bench.js';

// `npm run bench`: our frame decoder against ws's Receiver on the same bytes, in one process.

function format(value: number): string {
  return value >= 1000 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1);
}

function printTable(results: readonly BenchResult[]): void {
  const rows = results.map((result) => [result.scenario, result.unit, format(result.ours), format(result.ws), `${result.ratio.toFixed(2)}×`]);
  const header = ['scenario', 'unit', 'ours (median)', 'ws (median)', 'ours/ws (median of pairs)'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] as string).length)));
  const line = (cells: readonly string[]): string => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] as number) : cell.padStart(widths[column] as number))).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}

const results: BenchResult[] = [];
for (const scenario of [
  smallFrames,
  maskedFrames,
  () => largeFrames(1024 * 1024, 'full payload kept'),
  () => largeFrames(64 * 1024, 'default 64 KiB retention'),
  deflatedMessages,
  ...(await import('./app-protocol-bench.js')).appProtocolScenarios,
  ...(await import('./app-protocol-bench.js')).engineProtocolScenarios,
]) {
  const result = await scenario();
  console.error(`done: ${result.scenario}: ${result.ratio.toFixed(2)}×`);
  results.push(result);
}
console.log(`Node ${process.version}, ${process.platform}/${process.arch}`);
printTable(results);
