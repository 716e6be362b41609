import { spawn } from 'node:child_process';
import { LogBuffer } from './log-buffer.js';
import { signalProcessGroup, trackProcessGroup, untrackProcessGroup } from './process-cleanup.js';
import type { TempDir } from './temp-dir.js';
import { waitForPort } from './wait-for-port.js';

/** How to tell that a daemon is ready: a line it prints, or its port accepting connections. */
export type ReadyCondition = { readonly line: RegExp } | { readonly port: number };

/** Options for `startProcessPeer`. */
export interface ProcessPeerOptions {
  /** Short name used in error messages ("nginx"). */
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly ready: ReadyCondition;
  /** Upper bound for start-up; the process is killed and the start fails after it. Default 10 s. */
  readonly startTimeoutMs?: number;
  /** Time between SIGTERM and SIGKILL when stopping. Default 5 s. */
  readonly stopTimeoutMs?: number;
}

/** A running daemon in its own process group. */
export interface ProcessPeer {
  readonly pid: number;
  /** The match of the ready line, when readiness was a line (e.g. to read a port it printed). */
  readonly readyMatch: RegExpMatchArray | undefined;
  /** stdout and stderr, interleaved as they arrived. */
  logs(): string;
  /** True once the process has exited (crashed, or stopped). */
  hasExited(): boolean;
  /** SIGTERM to the group, SIGKILL after `stopTimeoutMs`; resolves when the process has exited. */
  stop(): Promise<void>;
}

/**
 * Spawns a foreground daemon and resolves once it is ready. Fails with the daemon's own output
 * when it exits early or is not ready in time, so a broken config explains itself in the test log.
 */
export async function startProcessPeer(options: ProcessPeerOptions): Promise<ProcessPeer> {
  const startTimeoutMs = options.startTimeoutMs ?? 10_000;
  const stopTimeoutMs = options.stopTimeoutMs ?? 5_000;
  const output = new LogBuffer();
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal === null ? `exit code ${code}` : `signal ${signal}`));
    child.once('error', (error) => resolve(`spawn error: ${error.message}`));
  });
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
    if (child.pid !== undefined) untrackProcessGroup(child.pid);
  });
  if (child.pid !== undefined) trackProcessGroup(child.pid);

  let scanned = '';
  let onLine: ((match: RegExpMatchArray) => void) | undefined;
  const onData = (chunk: Buffer): void => {
    output.append(chunk);
    if (onLine === undefined || !('line' in options.ready)) return;
    scanned += chunk.toString();
    const match = scanned.match(options.ready.line);
    if (match) onLine(match);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);

  const stop = async (): Promise<void> => {
    if (child.pid === undefined) return;
    if (!hasExited) {
      signalProcessGroup(child.pid, 'SIGTERM');
      const isSlow = await Promise.race([exited.then(() => false), delay(stopTimeoutMs).then(() => true)]);
      if (isSlow) output.append(`[harness] ${options.name} ignored SIGTERM for ${stopTimeoutMs} ms; sending SIGKILL\n`);
    }
    // Also reaps workers or helpers that outlived their parent.
    signalProcessGroup(child.pid, 'SIGKILL');
    await exited;
    untrackProcessGroup(child.pid);
  };

  const describeCommand = `${options.command} ${options.args.join(' ')}`;
  const ready = new Promise<RegExpMatchArray | undefined>((resolve, reject) => {
    if ('line' in options.ready) {
      onLine = (match) => {
        onLine = undefined;
        scanned = '';
        resolve(match);
      };
    } else {
      waitForPort(options.ready.port, startTimeoutMs, () => hasExited).then(() => resolve(undefined), reject);
    }
  });
  const failure = Promise.race([
    exited.then((how) => `${options.name} exited before it was ready (${how})`),
    delay(startTimeoutMs).then(() => `${options.name} was not ready within ${startTimeoutMs} ms`),
  ]);
  let readyMatch: RegExpMatchArray | undefined;
  try {
    readyMatch = await Promise.race([
      ready,
      failure.then((reason) => Promise.reject(new Error(reason))),
    ]);
  } catch (error) {
    await stop();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${reason}.\nCommand: ${describeCommand}\nOutput:\n${output.toString() || '(none)'}`);
  }
  return { pid: child.pid ?? 0, readyMatch, logs: () => output.toString(), hasExited: () => hasExited, stop: once(stop) };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function once(action: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= action());
}

/**
 * `startProcessPeer` for a daemon whose config, pid file and logs live in `dir`: the directory is
 * removed when the daemon fails to start and when it stops, so no test leaves one behind.
 */
export async function startProcessPeerIn(dir: TempDir, options: ProcessPeerOptions): Promise<ProcessPeer> {
  const peer = await startProcessPeer(options).catch((error: unknown) => {
    dir.remove();
    throw error;
  });
  return {
    pid: peer.pid,
    readyMatch: peer.readyMatch,
    logs: () => peer.logs(),
    hasExited: () => peer.hasExited(),
    stop: async () => {
      await peer.stop();
      dir.remove();
    },
  };
}
