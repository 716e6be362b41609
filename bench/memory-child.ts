import { getHeapSpaceStatistics } from 'node:v8';
import { Session } from '../electron/engine/session/session.js';
import { CaptureLog } from '../electron/engine/capture/capture-log.js';
import { defaultSessionOptions } from '../shared/contract/session-options.js';
import { floodFrame } from './synthetic-capture.js';

// One memory measurement in a fresh process (`node --expose-gc`), printed as one JSON object:
//   session URL      a live engine session reads a flood to its end: RSS growth and metadata per frame
//   append FRAMES    FRAMES flood frames appended straight to a log: metadata per frame, peak RSS growth

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const megabyte = 1e6;

function settledRss(): number {
  gc!();
  gc!();
  return process.memoryUsage().rss;
}

// V8's young generation as resident memory: it grows when many objects survive its scavenges.
function youngGenerationMb(): number {
  return getHeapSpaceStatistics().filter((space) => space.space_name === 'new_space').reduce((sum, space) => sum + space.physical_space_size, 0) / megabyte;
}

async function session(url: string): Promise<Record<string, number>> {
  const before = settledRss();
  const youngBefore = youngGenerationMb();
  const live = new Session('bench', defaultSessionOptions(url));
  await live.start();
  await live.ended;
  const after = settledRss();
  const youngAfter = youngGenerationMb();
  const usage = live.capture.memoryUsage();
  live.capture.dispose();
  return { rssGrowthMb: (after - before) / megabyte, youngGenerationBeforeMb: youngBefore, youngGenerationAfterMb: youngAfter, metadataPerFrame: usage.metadataBytes / usage.records, records: usage.records };
}

function append(frames: number): Record<string, number> {
  const before = settledRss();
  let peak = before;
  const log = new CaptureLog({
    header: {
      created: { iso: '2025-03-01T12:00:00.000Z', epochMicros: 0 }, targetUrl: 'ws://127.0.0.1/', options: { proxies: [], connectTo: null, tls: null },
      endpoints: null, tls: null, handshake: null, extensions: [], subprotocol: null, redactions: [],
    },
  });
  for (let index = 0; index < frames; index += 1) {
    log.appendFrame(floodFrame(index, index), 'in');
    if ((index & 0xffff) === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  const usage = log.memoryUsage();
  peak = Math.max(peak, settledRss());
  log.dispose();
  return { metadataPerFrame: usage.metadataBytes / usage.records, peakRssGrowthMb: (peak - before) / megabyte, records: usage.records };
}

const [mode, argument] = process.argv.slice(2);
const result = mode === 'session' ? await session(argument as string) : append(Number(argument));
process.stdout.write(`${JSON.stringify(result)}\n`);
