import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { median, type Timing } from './bench-harness.js';
import type { DecodeCaseName } from './decode-cases.js';

const execFileAsync = promisify(execFile);
const sideScript = fileURLToPath(new URL('./decode-side.ts', import.meta.url));

interface SideRuns {
  readonly milliseconds: readonly number[];
  readonly faults: readonly number[];
  readonly byteCount: number;
  readonly messageCount: number;
}

/** The medians of `timeBoth`, and the size of the workload each run decoded. */
export interface ApartTiming extends Timing {
  readonly byteCount: number;
  readonly messageCount: number;
}

/** Which decoder a process runs. */
export type Side = 'ours' | 'ws';

async function runSide(caseName: DecodeCaseName, side: Side, warmups: number, iterations: number): Promise<SideRuns> {
  const { stdout } = await execFileAsync(process.execPath, [...process.execArgv, sideScript, caseName, side, String(warmups), String(iterations)]);
  return JSON.parse(stdout) as SideRuns;
}

/**
 * Each decoder in a process of its own, `pairs` times, the two processes of a pair one after the
 * other and which goes first alternating; a pair's ratio is the ws process's median run time over
 * ours. In one process the two sides measure each other: the runtime frees one side's garbage
 * (64 MiB a run in (c)) on background threads during the other's turn, and both allocate from one
 * malloc heap whose trims the other's frees decide; our decoder against itself there gave medians
 * from 0.54× to 1.72× (docs/performance.md, "(c) measured apart"). `sides` names the decoder of
 * each column, for an A/A of one decoder against itself (`npm run bench -- decode-aa`): the spread
 * that leaves is what the method cannot tell apart.
 */
export async function timeApart(caseName: DecodeCaseName, pairs: number, warmups: number, iterations: number, sides: readonly [Side, Side] = ['ours', 'ws']): Promise<ApartTiming> {
  const [oursSide, wsSide] = sides;
  const ours: SideRuns[] = [];
  const ws: SideRuns[] = [];
  const ratios: number[] = [];
  for (let pair = 0; pair < pairs; pair++) {
    const oursFirst = pair % 2 === 0;
    const first = await runSide(caseName, oursFirst ? oursSide : wsSide, warmups, iterations);
    const second = await runSide(caseName, oursFirst ? wsSide : oursSide, warmups, iterations);
    const [oursRuns, wsRuns] = oursFirst ? [first, second] : [second, first];
    ours.push(oursRuns);
    ws.push(wsRuns);
    ratios.push(median(wsRuns.milliseconds) / median(oursRuns.milliseconds));
  }
  const medianOf = (sides: readonly SideRuns[], field: 'milliseconds' | 'faults'): number => median(sides.map((runs) => median(runs[field])));
  return {
    oursSeconds: medianOf(ours, 'milliseconds') / 1000,
    wsSeconds: medianOf(ws, 'milliseconds') / 1000,
    ratio: median(ratios),
    oursFaults: medianOf(ours, 'faults'),
    wsFaults: medianOf(ws, 'faults'),
    byteCount: (ours[0] as SideRuns).byteCount,
    messageCount: (ours[0] as SideRuns).messageCount,
  };
}
