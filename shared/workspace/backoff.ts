import type { ReconnectPolicy } from './reconnect-policy.js';

/**
 * The wait before reconnect attempt `attempt` (1 for the first): exponential backoff capped at
 * `capMs`, with "full jitter" (a uniformly random wait between 0 and the capped value), which
 * spreads the reconnects of many clients after a server restart instead of bunching them. `random`
 * is in [0, 1). A floor of `baseMs / 2` keeps a flapping server from being hammered.
 */
export function backoffDelayMs(policy: Pick<ReconnectPolicy, 'baseMs' | 'capMs'>, attempt: number, random: number): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  const floor = Math.min(ceiling, Math.floor(policy.baseMs / 2));
  return Math.round(floor + (ceiling - floor) * Math.min(Math.max(random, 0), 1));
}
