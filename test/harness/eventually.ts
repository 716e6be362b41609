/**
 * Polls `probe` every 50 ms until it returns something other than undefined, for hooks where
 * `expect.poll` is not available; fails with `what` after `timeoutMs` (a function is read then, so
 * it can describe the state at the timeout).
 */
export async function eventually<T>(probe: () => Promise<T | undefined> | T | undefined, what: string | (() => string), timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${typeof what === 'string' ? what : what()}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until `check` holds: `eventually` for a condition with no value to hand back. */
export async function eventuallyTrue(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  await eventually(() => (check() ? true : undefined), what, timeoutMs);
}
