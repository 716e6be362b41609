import { runOurs, runWs, timeBoth } from './bench-harness.js';
import { largeFramesCase, mebibyte, type DecodeCaseName } from './decode-cases.js';
import { timeApart, type ApartTiming } from './time-apart.js';

/** One row of the results table. */
export interface BenchResult {
  readonly scenario: string;
  readonly unit: string;
  readonly ours: number;
  readonly ws: number;
  /** Median of paired ratios ours/ws (higher is better for ours). */
  readonly ratio: number;
}

/** Pairs of processes per scenario: an A/A of ours against ours over 10 pairs stayed within 0.88–1.0× ((c), quiet). */
const pairs = 10;

const timeCase = (caseName: DecodeCaseName): Promise<ApartTiming> => timeApart(caseName, pairs, 3, 15);

/** (a) 16-byte text frames from a server (2-byte header, 14 ASCII bytes), packed in 64 KiB chunks. */
export async function smallFrames(): Promise<BenchResult> {
  const { oursSeconds, wsSeconds, ratio, messageCount } = await timeCase('a');
  return { scenario: '(a) 16-byte server text frames, 64 KiB chunks', unit: 'frames/s', ours: messageCount / oursSeconds, ws: messageCount / wsSeconds, ratio };
}

/** (b) 64 KiB masked binary frames from a client, in 64 KiB chunks (frames straddle chunks). */
export async function maskedFrames(): Promise<BenchResult> {
  const { oursSeconds, wsSeconds, ratio, byteCount } = await timeCase('b');
  const megabytes = byteCount / mebibyte;
  return { scenario: '(b) 64 KiB masked client frames, full payload kept', unit: 'MiB/s', ours: megabytes / oursSeconds, ws: megabytes / wsSeconds, ratio };
}

/**
 * (c) 1 MiB unmasked binary frames from a server, in 64 KiB chunks; the kept case keeps every
 * byte too. Both sides then copy each payload once into new memory, and whether that memory is
 * fresh (the kernel maps and zeroes 256 pages a MiB) or reused decides much of the time, so the
 * kept case adds a row with each side's page faults per run, and the same pairs timed in one
 * process, as the bench measured them before (not the figure of record: see `timeApart`).
 */
export async function largeFrames(caseName: 'c' | 'c64', label: string): Promise<BenchResult[]> {
  const timing = await timeCase(caseName);
  const megabytes = timing.byteCount / mebibyte;
  const scenario = `(c) 1 MiB server frames, ${label}`;
  const result = { scenario, unit: 'MiB/s', ours: megabytes / timing.oursSeconds, ws: megabytes / timing.wsSeconds, ratio: timing.ratio };
  if (caseName === 'c64') return [result];
  const { workload, ours, ws } = largeFramesCase(mebibyte);
  const together = await timeBoth(
    () => runOurs(workload, ours),
    () => runWs(workload, ws),
    3,
    15,
  );
  return [
    result,
    { scenario: `${scenario}: page faults per run (64 MiB is 16,384 pages)`, unit: 'faults', ours: timing.oursFaults, ws: timing.wsFaults, ratio: Number.NaN },
    { scenario: `${scenario}, both in one process, turns interleaved`, unit: 'MiB/s', ours: megabytes / together.oursSeconds, ws: megabytes / together.wsSeconds, ratio: together.ratio },
  ];
}
