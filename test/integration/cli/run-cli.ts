import { PassThrough } from 'node:stream';
import { main } from '../../../electron/cli/main-command.js';
import type { RecordJson } from '../../../shared/contract/records.js';

/** What one in-process `frameline` run produced. */
export interface CliRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `frameline ARGV` in this process with its own streams; `stdinLines` are piped then ended. */
export async function runCli(argv: readonly string[], stdinLines: readonly string[] = []): Promise<CliRun> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk));
  stderr.on('data', (chunk: Buffer) => err.push(chunk));
  for (const line of stdinLines) stdin.write(`${line}\n`);
  stdin.end();
  const status = await main(argv, { stdin, stdout, stderr, isStdinTerminal: false });
  return { status, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

/** A `frameline` run still going: what it printed so far, whether it ended, and its exit status. */
export interface RunningCli {
  readonly stdout: () => string;
  readonly isFinished: () => boolean;
  readonly status: Promise<number>;
}

/** Starts `frameline ARGV` in this process with `env`, stdin already ended, and lets a test watch its stdout while it runs. */
export function startCli(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): RunningCli {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdin.end();
  let printed = '';
  let isFinished = false;
  stdout.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  stderr.resume();
  const status = main(argv, { stdin, stdout, stderr, isStdinTerminal: false }, env).finally(() => (isFinished = true));
  return { stdout: () => printed, isFinished: () => isFinished, status };
}

/** The `--json` output: one record per line, every line valid JSON. */
export function jsonLines(stdout: string): RecordJson[] {
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as RecordJson);
}
