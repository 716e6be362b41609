import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync, existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import type { BenchResult } from './decode-bench.js';
import { median } from './bench-harness.js';

/** What the flood server reports for one client. */
export interface FloodResult {
  readonly messages: number;
  /** From the 101 to the client's close reply. */
  readonly seconds: number;
  /** When the 101 was sent, epoch ms. */
  readonly startedAtMs: number;
}

/** The flood server in its own process, and the timing it reports for each client. */
export interface FloodServer {
  readonly url: string;
  /** The server's measurement for the next client: messages and seconds from the 101 to the client's close. */
  nextResult(): Promise<FloodResult>;
  stop(): void;
}

const tsx = ['--import', 'tsx'];

/** Starts bench/flood-server.ts for `messages` messages per client, as fast as the socket takes them or paced at `ratePerSecond`. */
export async function startFloodServer(messages: number, ratePerSecond?: number): Promise<FloodServer> {
  const rate = ratePerSecond === undefined ? [] : [String(ratePerSecond)];
  const child = spawn(process.execPath, [...tsx, 'bench/flood-server.ts', String(messages), ...rate], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const waiting: ((line: string) => void)[] = [];
  const queued: string[] = [];
  lines.on('line', (line) => {
    const next = waiting.shift();
    if (next) next(line);
    else queued.push(line);
  });
  const nextLine = (): Promise<string> => new Promise((resolve) => {
    const line = queued.shift();
    if (line !== undefined) resolve(line);
    else waiting.push(resolve);
  });
  const { port } = JSON.parse(await nextLine()) as { port: number };
  return {
    url: `ws://127.0.0.1:${port}/feed`,
    nextResult: async () => JSON.parse(await nextLine()) as FloodResult,
    stop: () => {
      child.stdin!.end();
      child.kill();
    },
  };
}

/** Runs a command with stdout to /dev/null; resolves with the epoch ms it exited at. */
function run(command: string, args: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const devNull = openSync('/dev/null', 'w');
    const child: ChildProcess = spawn(command, args, { stdio: ['ignore', devNull, 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => {
      closeSync(devNull);
      // The CLI exits 1 when the server ends the session without waiting for our close reply; that is the flood's way.
      if (code === 0 || code === 1) resolve(performance.timeOrigin + performance.now());
      else reject(new Error(`${args.join(' ')} exited ${code}`));
    });
  });
}

/**
 * `frameline connect --json > /dev/null` against a bare `ws` client on the same local flood of
 * 64-byte messages, paired runs in separate processes; messages/s from the server's 101 to the
 * client process's exit (so the CLI's output is counted, and process start-up is not).
 */
export async function cliAgainstWs(messages: number, runs: number): Promise<BenchResult[]> {
  if (!existsSync('dist/electron/cli.js')) throw new Error('run `npm run build` first: the CLI case runs dist/electron/cli.js');
  const server = await startFloodServer(messages);
  try {
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let index = 0; index < runs + 1; index += 1) {
      const cliExit = await run(process.execPath, ['dist/electron/cli.js', 'connect', server.url, '--json', '--wait', '600']);
      const cli = await server.nextResult();
      const wsExit = await run(process.execPath, [...tsx, 'bench/ws-flood-client.ts', server.url]);
      const ws = await server.nextResult();
      if (index === 0) continue;
      ours.push(cli.messages / ((cliExit - cli.startedAtMs) / 1000));
      theirs.push(ws.messages / ((wsExit - ws.startedAtMs) / 1000));
    }
    const ratios = ours.map((each, index) => each / (theirs[index] as number));
    console.error(`done: CLI --json: ${Math.round(median(ours)).toLocaleString('en-US')} msgs/s, ws ${Math.round(median(theirs)).toLocaleString('en-US')} msgs/s, ratios ${ratios.map((ratio) => ratio.toFixed(2)).join(' ')}`);
    return [{ scenario: `frameline connect --json > /dev/null, ${messages.toLocaleString('en-US')} × 64 B flood`, unit: 'messages/s', ours: median(ours), ws: median(theirs), ratio: median(ratios) }];
  } finally {
    server.stop();
  }
}

/**
 * A live engine session (`bench/session-flood-client.ts`: a Session recording every frame into its
 * capture) against a bare `ws` client on the same local flood of 64-byte messages, paired runs in
 * separate processes; messages/s as the flood server measures them, from its 101 to the client's
 * close reply, which each sends only after it has read every frame before the close.
 */
export async function sessionAgainstWs(messages: number, runs: number): Promise<BenchResult[]> {
  const server = await startFloodServer(messages);
  try {
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let index = 0; index < runs + 1; index += 1) {
      await run(process.execPath, [...tsx, 'bench/session-flood-client.ts', server.url]);
      const session = await server.nextResult();
      await run(process.execPath, [...tsx, 'bench/ws-flood-client.ts', server.url]);
      const ws = await server.nextResult();
      if (index === 0) continue;
      ours.push(session.messages / session.seconds);
      theirs.push(ws.messages / ws.seconds);
    }
    const ratios = ours.map((each, index) => each / (theirs[index] as number));
    console.error(`done: live session: ${Math.round(median(ours)).toLocaleString('en-US')} msgs/s, ws ${Math.round(median(theirs)).toLocaleString('en-US')} msgs/s, ratios ${ratios.map((ratio) => ratio.toFixed(2)).join(' ')}`);
    return [{ scenario: `live session (engine), ${messages.toLocaleString('en-US')} × 64 B flood`, unit: 'messages/s', ours: median(ours), ws: median(theirs), ratio: median(ratios) }];
  } finally {
    server.stop();
  }
}

/** Runs `bench/memory-child.ts` in a fresh process (its own heap) and returns what it printed. */
export function memoryChild(args: readonly string[]): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', ...tsx, 'bench/memory-child.ts', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(output) as Record<string, number>) : reject(new Error(`memory child exited ${code}`))));
  });
}

/** RSS growth of a live engine session reading a 1,000,000 × 64 B flood, and its capture's metadata per frame. */
export async function liveSessionMemory(messages: number): Promise<BenchResult[]> {
  const server = await startFloodServer(messages);
  try {
    const result = await memoryChild(['session', server.url]);
    const timing = await server.nextResult();
    console.error(`done: live session memory: RSS +${result.rssGrowthMb?.toFixed(1)} MB (V8 young generation ${result.youngGenerationBeforeMb?.toFixed(1)} -> ${result.youngGenerationAfterMb?.toFixed(1)} MB), ${result.metadataPerFrame?.toFixed(1)} B/frame, ${Math.round(timing.messages / timing.seconds).toLocaleString('en-US')} msgs/s`);
    return [
      { scenario: `RSS growth, live session, ${messages.toLocaleString('en-US')} × 64 B`, unit: 'MB', ours: result.rssGrowthMb as number, ws: Number.NaN, ratio: Number.NaN },
      { scenario: `capture metadata, live session, ${messages.toLocaleString('en-US')} frames`, unit: 'B/frame', ours: result.metadataPerFrame as number, ws: Number.NaN, ratio: Number.NaN },
    ];
  } finally {
    server.stop();
  }
}

/** Allocated capture metadata per frame after appending `frames` flood frames to one log (fresh process each). */
export async function metadataAtScale(frameCounts: readonly number[]): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const frames of frameCounts) {
    const result = await memoryChild(['append', String(frames)]);
    console.error(`done: ${frames} frames appended: ${result.metadataPerFrame?.toFixed(1)} B/frame, peak RSS +${result.peakRssGrowthMb?.toFixed(0)} MB`);
    results.push({ scenario: `capture metadata at ${frames.toLocaleString('en-US')} frames (allocated)`, unit: 'B/frame', ours: result.metadataPerFrame as number, ws: Number.NaN, ratio: Number.NaN });
  }
  return results;
}
