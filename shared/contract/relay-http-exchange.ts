import { z } from 'zod';
import { base64Schema } from './api-send.js';
import { messageSchema } from './message-schema.js';
import type { FailureStage } from './records.js';
import { headerPairSchema } from './session-options.js';

/**
 * One HTTP exchange a relay passed through (a request that was not a WebSocket upgrade: an
 * Engine.IO long-poll, a SignalR negotiate, a page a browser loaded through the proxy), as it was
 * observed on the way: heads, body sizes and the first bytes of each body. Credentials are
 * redacted as exports redact them (DESIGN.md "Files users keep").
 */

/** What was seen of one body: every byte counted, its first bytes kept (at most `httpBodyStartBytes`). */
export const httpBodySeenSchema = z.object({
  /** Decoded body bytes (chunk framing not counted). */
  byteLength: z.number().int().min(0),
  start: base64Schema,
  /** True when the body was longer than `start`. */
  isTruncated: z.boolean(),
  /** True when the body's framing said it ended. */
  isComplete: z.boolean(),
});

/** The server's answer as observed. */
export const httpResponseSeenSchema = z.object({
  httpVersion: z.string(),
  statusCode: z.number().int().min(100).max(999),
  reason: z.string(),
  headers: z.array(headerPairSchema),
  body: httpBodySeenSchema,
});

// Every failure stage once: a stage added to FailureStage fails the typecheck here until it is listed.
const failureStages: Record<FailureStage, true> = { settings: true, dns: true, tcp: true, proxy: true, tls: true, handshake: true, websocket: true, socket: true };

/** How an exchange ended; `open` while it goes on. */
export const httpExchangeEndSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('open') }),
  /** The whole response went by. */
  z.object({ kind: z.literal('completed') }),
  /** The client closed before the whole response went by. */
  z.object({ kind: z.literal('client-closed') }),
  /** The server closed before the whole response went by. */
  z.object({ kind: z.literal('server-closed') }),
  /** The relay could not reach the server: the dial's stage, what happened and what to try, as a session's failure says them. */
  z.object({
    kind: z.literal('upstream-failed'),
    stage: z.enum(Object.keys(failureStages) as [FailureStage, ...FailureStage[]]),
    message: z.string(),
    hint: z.string(),
    i18n: z.object({ message: messageSchema, hint: messageSchema }),
  }),
]);

/** One passed-through HTTP exchange of a relay. */
export const httpExchangeSchema = z.object({
  /** 1, 2, … in the order the relay accepted them. */
  exchangeId: z.number().int().min(1),
  /** The client's address and port. */
  peer: z.string(),
  method: z.string(),
  /** Where the request went (http:// or https://), query credentials redacted. */
  url: z.string(),
  httpVersion: z.string(),
  requestHeaders: z.array(headerPairSchema),
  requestBody: httpBodySeenSchema,
  /** Null until the response head went by, or when none came. */
  response: httpResponseSeenSchema.nullable(),
  /** Why the response could not be read (its bytes were forwarded all the same). */
  responseProblem: z.string().nullable(),
  /** Wall-clock start, ms since the epoch. */
  startedAtMs: z.number(),
  /** From the request to the end of the response (or of the connection); null while open. */
  durationMs: z.number().min(0).nullable(),
  end: httpExchangeEndSchema,
});

/** How many bytes of each body an exchange keeps. */
export const httpBodyStartBytes = 4096;

/** How many HTTP exchanges a relay keeps, in main and in the window: each holds at most two heads and `httpBodyStartBytes` of each body. */
export const maxHttpExchangesPerRelay = 500;

export type HttpBodySeen = z.output<typeof httpBodySeenSchema>;
export type HttpResponseSeen = z.output<typeof httpResponseSeenSchema>;
export type HttpExchangeEnd = z.output<typeof httpExchangeEndSchema>;
export type HttpExchange = z.output<typeof httpExchangeSchema>;
