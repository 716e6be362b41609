/**
 * Kills every daemon process group a test worker started when that worker ends, however it ends:
 * a normal exit, an uncaught error, or Ctrl-C / SIGTERM from the runner. Daemons run in their own
 * process group (nginx and squid fork workers and helpers), so the whole group is signalled.
 */
const groups = new Set<number>();
let isInstalled = false;

/** Remembers a process group to kill if the test process exits before `untrackProcessGroup`. */
export function trackProcessGroup(pgid: number): void {
  install();
  groups.add(pgid);
}

/** Forgets a process group once it has been stopped normally. */
export function untrackProcessGroup(pgid: number): void {
  groups.delete(pgid);
}

/** Sends `signal` to a whole process group, ignoring a group that is already gone. */
export function signalProcessGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: every member has already exited.
  }
}

function killAll(): void {
  for (const pgid of groups) signalProcessGroup(pgid, 'SIGKILL');
  groups.clear();
}

function install(): void {
  if (isInstalled) return;
  isInstalled = true;
  // 'exit' handlers must be synchronous; SIGKILL is, and a test run that is ending has no use for
  // a graceful daemon shutdown.
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killAll();
      // Re-raise so the default behaviour (or the runner's own handler) still ends the process.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
}
