import { z } from 'zod';
import { regexSourceSchema } from './regex-source.js';

/**
 * What a relay does to the messages it carries: breakpoints that pause matching messages for a
 * person, rules that act on their own (rewrite, drop, delay, answer), and shaping (delay and
 * throttle per direction). Saved with the relay settings and sent to a running relay as one value.
 * Directions keep the capture's meaning: `out` is client→server, `in` server→client.
 */

const pattern = regexSourceSchema(2000);

/** Which messages a breakpoint or rule applies to; every condition given must hold. */
export const messageMatchSchema = z.object({
  direction: z.enum(['any', 'out', 'in']).default('any'),
  /** Opcodes to match (1 text, 2 binary, 9 ping, 8 close, …); empty matches data messages only, never control frames. */
  opcodes: z.array(z.number().int().min(0).max(15)).max(16).default([]),
  /** Matched against the message as text (UTF-8; a binary message that is not UTF-8 as hex, e.g. `0a ff`). */
  pattern: pattern.optional(),
  /** An application-protocol event: a decoded message's kind or a word of its summary (`chat:message`, `PUBLISH`); never matches when no protocol was detected. */
  event: z.string().min(1).max(200).optional(),
});

/** Pauses matching messages in the queue until a person forwards, edits, drops or duplicates them. */
export const breakpointSchema = z.object({
  id: z.string().min(1).max(100),
  isEnabled: z.boolean().default(true),
  match: messageMatchSchema,
});

/** What a rule does to a matching message. */
export const ruleActionSchema = z.discriminatedUnion('kind', [
  /** Replaces every match of `find` in a text message (`$1` refers to a group). */
  z.object({ kind: z.literal('rewrite'), find: pattern, replace: z.string().max(1_000_000) }),
  /** Sets one value in a JSON text message; `path` is `$.a.b[0]` or `a.b.0`; the message is re-serialised. */
  z.object({ kind: z.literal('json-set'), path: z.string().min(1).max(1000), value: z.json() }),
  z.object({ kind: z.literal('drop') }),
  z.object({ kind: z.literal('delay'), delayMs: z.number().int().min(0).max(600_000) }),
  /** Answers the message to its sender instead of forwarding it (a mock): a client message never reaches the server. */
  z.object({ kind: z.literal('reply'), payload: z.string().max(1_000_000), opcode: z.union([z.literal(1), z.literal(2)]).default(1) }),
]);

/** A rule that runs without a person; rules run in order before breakpoints, the first drop or reply ends the list. */
export const relayRuleSchema = z.object({
  id: z.string().min(1).max(100),
  isEnabled: z.boolean().default(true),
  match: messageMatchSchema,
  action: ruleActionSchema,
});

/** A slow link in one direction: each message waits `delayMs`, and at most `bytesPerSecond` go through (0: no limit). */
export const directionShapingSchema = z.object({
  delayMs: z.number().int().min(0).max(600_000).default(0),
  bytesPerSecond: z.number().int().min(0).default(0),
});

/** Everything a relay applies to the traffic it carries. */
export const relayInterceptionSchema = z.object({
  breakpoints: z.array(breakpointSchema).max(200).default([]),
  rules: z.array(relayRuleSchema).max(200).default([]),
  shaping: z
    .object({ out: directionShapingSchema.default({ delayMs: 0, bytesPerSecond: 0 }), in: directionShapingSchema.default({ delayMs: 0, bytesPerSecond: 0 }) })
    .default({ out: { delayMs: 0, bytesPerSecond: 0 }, in: { delayMs: 0, bytesPerSecond: 0 } }),
});

/** Interception that does nothing: every message goes straight through. */
export const noInterception: RelayInterception = relayInterceptionSchema.parse({});

export type MessageMatch = z.output<typeof messageMatchSchema>;
export type Breakpoint = z.output<typeof breakpointSchema>;
export type RuleAction = z.output<typeof ruleActionSchema>;
export type RelayRule = z.output<typeof relayRuleSchema>;
export type DirectionShaping = z.output<typeof directionShapingSchema>;
export type RelayInterception = z.output<typeof relayInterceptionSchema>;
export type RelayInterceptionInput = z.input<typeof relayInterceptionSchema>;
