import { z } from 'zod';

/**
 * Auto-reconnect of one saved connection (off by default): after an unexpected close, wait
 * `min(capMs, baseMs · 2^(attempt-1))` with full jitter, then open a new session linked to the
 * previous one; give up after `maxAttempts` failed attempts in a row. `replay` names saved
 * messages sent again, in order, once a reconnect opens (a subscription, a login).
 */
export const reconnectPolicySchema = z.object({
  isEnabled: z.boolean().default(false),
  baseMs: z.number().int().min(10).max(3_600_000).default(500),
  capMs: z.number().int().min(10).max(3_600_000).default(30_000),
  maxAttempts: z.number().int().min(1).max(10_000).default(10),
  replay: z.array(z.string()).max(100).default([]),
});

/** A reconnect policy with defaults filled. */
export type ReconnectPolicy = z.output<typeof reconnectPolicySchema>;

/** Auto-reconnect off, with the default timings. */
export const defaultReconnectPolicy: ReconnectPolicy = reconnectPolicySchema.parse({});
