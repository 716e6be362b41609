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

/** The `--json` output: one record per line, every line valid JSON. */
export function jsonLines(stdout: string): RecordJson[] {
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as RecordJson);
}
