import { z } from 'zod';

/** The allowed range of each number of a reconnect policy, [min, max] (forms check them as typed). */
export const reconnectLimits = {
  baseMs: [10, 3_600_000],
  capMs: [10, 3_600_000],
  maxAttempts: [1, 10_000],
} as const;

/**
 * Auto-reconnect of one saved connection (off by default): after an unexpected close, wait
 * `min(capMs, baseMs · 2^(attempt-1))` with full jitter, then open a new session linked to the
 * previous one; give up after `maxAttempts` failed attempts in a row. `replay` names saved
 * messages sent again, in order, once a reconnect opens (a subscription, a login).
 */
export const reconnectPolicySchema = z.object({
  isEnabled: z.boolean().default(false),
  baseMs: z.number().int().min(reconnectLimits.baseMs[0]).max(reconnectLimits.baseMs[1]).default(500),
  capMs: z.number().int().min(reconnectLimits.capMs[0]).max(reconnectLimits.capMs[1]).default(30_000),
  maxAttempts: z.number().int().min(reconnectLimits.maxAttempts[0]).max(reconnectLimits.maxAttempts[1]).default(10),
  replay: z.array(z.string()).max(100).default([]),
});

/** A reconnect policy with defaults filled. */
export type ReconnectPolicy = z.output<typeof reconnectPolicySchema>;

/** Auto-reconnect off, with the default timings. */
export const defaultReconnectPolicy: ReconnectPolicy = reconnectPolicySchema.parse({});
