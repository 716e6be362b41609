import { openCapture } from '../electron/engine/capture/export/capture-open.js';

// One import in a fresh process, printed as one JSON object: the file's size and the peak resident
// memory the process reached beyond what it held before (`node bench/import-memory-child.ts FILE`).

const path = process.argv[2] as string;
const before = process.memoryUsage().rss;
const started = performance.now();
const result = await openCapture({ path });
if (!result.ok) throw new Error(result.problem.message);
const seconds = (performance.now() - started) / 1000;
const records = result.log.count;
const peakRss = process.resourceUsage().maxRSS * 1024;
result.log.dispose();
process.stdout.write(`${JSON.stringify({ records, seconds, peakGrowthBytes: peakRss - before })}\n`);
