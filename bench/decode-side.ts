import { performance } from 'node:perf_hooks';
import { runOurs, runWs } from './bench-harness.js';
import { decodeCases, isDecodeCaseName } from './decode-cases.js';

// One side of a decode scenario in a process of its own (`time-apart.ts` starts it): warm-up runs,
// then timed runs, each with its minor page faults; prints them and the workload's size as one JSON line. Alone in its
// process, a side pays for collecting its own garbage and meets the allocator its own frees left.
//   node --import tsx bench/decode-side.ts c ours 3 15

const [caseName = '', side = '', warmupsText = '3', iterationsText = '15'] = process.argv.slice(2);
const warmups = Number(warmupsText);
const iterations = Number(iterationsText);
if (!isDecodeCaseName(caseName) || (side !== 'ours' && side !== 'ws') || !(warmups >= 0) || !(iterations > 0)) {
  throw new Error('usage: decode-side.ts a|b|c|c64 ours|ws [warmups] [iterations]');
}
const { workload, ours, ws } = decodeCases[caseName]();
const run = async (): Promise<unknown> => (side === 'ours' ? runOurs(workload, ours) : runWs(workload, ws));
for (let i = 0; i < warmups; i++) await run();
const milliseconds: number[] = [];
const faults: number[] = [];
for (let i = 0; i < iterations; i++) {
  const faultsBefore = process.resourceUsage().minorPageFault;
  const start = performance.now();
  await run();
  milliseconds.push(performance.now() - start);
  faults.push(process.resourceUsage().minorPageFault - faultsBefore);
}
console.log(JSON.stringify({ milliseconds, faults, byteCount: workload.byteCount, messageCount: workload.messageCount }));
