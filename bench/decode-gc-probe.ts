import { resolve } from 'node:path';
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { runOurs, runWs, type DecoderClass } from './bench-harness.js';
import { decodeCases, isDecodeCaseName } from './decode-cases.js';

// What the collector does while one decoder alone decodes a scenario of `npm run bench -- decode`
// many times: collections by kind (a PerformanceObserver on 'gc') and minor page faults, counts
// that the machine's load moves far less than timings. Run it under `--single-threaded-gc` for
// counts that repeat exactly: by default, V8 frees ArrayBuffer memory on background threads, and
// how far they lag behind (the CPU other processes leave them) decides how many full collections
// external-memory pressure starts.
//   node --single-threaded-gc --import tsx bench/decode-gc-probe.ts c ours 200
//   node --single-threaded-gc --import tsx bench/decode-gc-probe.ts c ours 200 --decoder old-frame-decoder.ts
// Scenarios: a, b, c (1 MiB kept) or c64 (default 64 KiB retention); sides: ours or ws. `--decoder`
// names a module exporting another version of `FrameDecoder` (a copy of the file at an earlier
// commit, placed beside the current one so its imports resolve), for an A/B in the same layout.

const [scenario = 'c', side = 'ours', runsText = '200'] = process.argv.slice(2).filter((arg, index, args) => !arg.startsWith('--') && args[index - 1] !== '--decoder');
const decoderPath = process.argv.includes('--decoder') ? process.argv[process.argv.indexOf('--decoder') + 1] : undefined;
const runs = Number(runsText);
if (!isDecodeCaseName(scenario) || (side !== 'ours' && side !== 'ws') || !(runs > 0)) {
  throw new Error('usage: decode-gc-probe.ts a|b|c|c64 ours|ws [runs] [--decoder module.ts]');
}
const Decoder = decoderPath === undefined ? undefined : ((await import(pathToFileURL(resolve(decoderPath)).href)) as { FrameDecoder: DecoderClass }).FrameDecoder;
const { workload, ours, ws } = decodeCases[scenario]();
const run = async (): Promise<unknown> => (side === 'ours' ? runOurs(workload, ours, Decoder) : runWs(workload, ws));

const kindNames = new Map([
  [constants.NODE_PERFORMANCE_GC_MINOR, 'scavenge'],
  [constants.NODE_PERFORMANCE_GC_MAJOR, 'markCompact'],
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL, 'incrementalMarking'],
  [constants.NODE_PERFORMANCE_GC_WEAKCB, 'weakCallbacks'],
]);
const counts: Record<string, number> = {};
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const name = kindNames.get((entry as unknown as { detail: { kind: number } }).detail.kind) ?? 'other';
    counts[name] = (counts[name] ?? 0) + 1;
  }
});
for (let i = 0; i < 3; i++) await run();
observer.observe({ entryTypes: ['gc'] });
const faultsBefore = process.resourceUsage().minorPageFault;
for (let i = 0; i < runs; i++) await run();
const minorPageFaults = process.resourceUsage().minorPageFault - faultsBefore;
// Entries are delivered on a later turn.
await new Promise((done) => setTimeout(done, 50));
observer.disconnect();
console.log(JSON.stringify({ scenario, side, decoder: decoderPath ?? 'current', runs, gc: counts, minorPageFaults }));
