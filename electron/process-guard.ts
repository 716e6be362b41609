/** Where the guard writes what it caught. */
export type GuardLog = (line: string) => void;

/** At most this many reports per window; a flood of the same failure must not flood the log. */
const maxReportsPerWindow = 20;
const reportWindowMs = 60_000;

/**
 * The last line of defence for a process that serves other people's input (`frameline ui`,
 * `frameline listen`, the Electron main process): an exception or rejection nobody handled is
 * logged and the process keeps serving, so one bad request cannot end every live session. Each
 * handler still catches its own failures; this only keeps a missed one from being fatal.
 * Returns the function that removes the guard.
 */
export function installProcessGuard(log: GuardLog): () => void {
  let windowStartMs = Date.now();
  let reportsInWindow = 0;
  let suppressed = 0;
  const report = (kind: string, error: unknown): void => {
    const nowMs = Date.now();
    if (nowMs - windowStartMs >= reportWindowMs) {
      if (suppressed > 0) log(`frameline: ${suppressed} more unhandled failures were not shown`);
      windowStartMs = nowMs;
      reportsInWindow = 0;
      suppressed = 0;
    }
    if (reportsInWindow >= maxReportsPerWindow) {
      suppressed++;
      return;
    }
    reportsInWindow++;
    log(`frameline: ${kind} (kept running): ${describe(error)}`);
  };
  const onException = (error: unknown): void => report('unhandled exception', error);
  const onRejection = (reason: unknown): void => report('unhandled rejection', reason);
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', onRejection);
  };
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}
