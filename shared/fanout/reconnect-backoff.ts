/**
 * The wait before reconnect attempt `attempt` (1 for the first): exponential from `baseMs`, capped
 * at `capMs`, with full jitter (`random` in [0, 1)) so a thousand clients dropped at once do not
 * come back in one wave. The workspace's reconnect policy is not on this branch; this is the
 * fan-out probe's own, kept small.
 */
export function reconnectDelayMs(attempt: number, random: number, baseMs = 100, capMs = 2_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(Math.max(attempt - 1, 0), 20));
  return Math.round(ceiling * Math.min(Math.max(random, 0), 1));
}
