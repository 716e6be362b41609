import { spawn } from 'node:child_process';
import type { BenchResult } from './decode-bench.js';

/** What bench/relay-http-memory-child.ts printed. */
interface RelayHttpMemory {
  readonly exchanges: number;
  readonly kept: number;
  readonly headerCount: number;
  readonly retainedBytes: number;
  readonly retainedBytesPerExchange: number;
  readonly oneExchangeAsJsonBytes: number;
  readonly parsedCopyRetainedBytes: number;
}

function memoryChild(exchanges: number, headerCount: number): Promise<RelayHttpMemory> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/relay-http-memory-child.ts', String(exchanges), String(headerCount)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(output) as RelayHttpMemory) : reject(new Error(`relay HTTP memory child exited ${code}`))));
  });
}

/**
 * The heap a relay's kept HTTP exchanges hold (`npm run bench -- relay-http`): 600 exchanges
 * through a real RelayServer, 500 kept, with heads near the parser's limits (90 headers, about
 * 15.5 KiB each way) and with small ones (8 headers), 8 KiB bodies both ways.
 */
export async function relayHttpMemory(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const headerCount of [90, 8]) {
    const measured = await memoryChild(600, headerCount);
    console.error(`done: relay HTTP exchanges, ${headerCount} headers: ${measured.kept} kept of ${measured.exchanges}, ${(measured.retainedBytes / 1e6).toFixed(1)} MB retained, ${(measured.retainedBytesPerExchange / 1000).toFixed(1)} KB each (${(measured.oneExchangeAsJsonBytes / 1000).toFixed(1)} KB as JSON); parsed from JSON as the window keeps them ${(measured.parsedCopyRetainedBytes / 1e6).toFixed(1)} MB`);
    results.push({ scenario: `relay HTTP exchanges kept (${measured.kept} of ${measured.exchanges}, ${headerCount} headers a head, 8 KiB bodies): heap retained`, unit: 'MB', ours: measured.retainedBytes / 1e6, ws: Number.NaN, ratio: Number.NaN });
    results.push({ scenario: `the same list parsed from JSON, as the window keeps it (${headerCount} headers a head)`, unit: 'MB', ours: measured.parsedCopyRetainedBytes / 1e6, ws: Number.NaN, ratio: Number.NaN });
  }
  return results;
}
