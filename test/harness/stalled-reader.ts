import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import type { TempDir } from './temp-dir.js';

/**
 * A real reader process at the end of a named pipe, as a shell's `|` gives, that opens the pipe at
 * once and reads nothing until `release()`, then copies everything to `outputPath`: the slow
 * reader of issue 19's output back-pressure. `writeFd` is for the writer's stdout; close it in this
 * process (`closeWriteEnd`) once the writer has been spawned, so the reader sees the writer's end.
 */
export interface StalledReader {
  readonly process: ChildProcess;
  readonly writeFd: number;
  readonly outputPath: string;
  readonly exited: Promise<number | string>;
  closeWriteEnd(): void;
  release(): void;
}

/** Starts a stalled reader on a new fifo inside `temp`. */
export function startStalledReader(temp: TempDir): StalledReader {
  const go = temp.file('go');
  const outputPath = temp.file('output.jsonl');
  const fifo = temp.file('pipe');
  execFileSync('mkfifo', [fifo]);
  const reader = spawn('sh', ['-c', 'exec 3<"$FIFO"; while [ ! -e "$GO" ]; do sleep 0.05; done; exec cat <&3 > "$OUT"'], {
    env: { ...process.env, FIFO: fifo, GO: go, OUT: outputPath },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = exitOf(reader);
  const writeFd = openSync(fifo, 'w');
  return {
    process: reader,
    writeFd,
    outputPath,
    exited,
    closeWriteEnd: () => closeSync(writeFd),
    release: () => writeFileSync(go, ''),
  };
}

/** Resolves with a child's exit code, or the signal that ended it. */
export function exitOf(child: ChildProcess): Promise<number | string> {
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
}

/** A process's resident set in MiB, from /proc. */
export function residentMegabytes(pid: number): number {
  const kilobytes = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kilobytes) / 1024;
}

/** `count` JSON text messages of about 200 bytes, numbered by `seq`, for a flood. */
export function floodMessages(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `{"seq":${index},"price":${(100 + (index % 97) / 10).toFixed(1)},"pad":"${'x'.repeat(160)}"}`);
}
