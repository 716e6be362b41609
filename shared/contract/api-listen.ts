import { z } from 'zod';
import { message } from '../i18n/message.js';
import { explained } from '../i18n/schema-issue-text.js';
import { isToken } from '../protocol/header-text.js';
import { protocolChoiceSchema } from './api-protocol.js';
import { sessionIdSchema } from './api-session.js';

/** The Listen tab's side of the API: Frameline as the server, to see what a proxy forwards. */

/** Main's id for one listener. */
export const listenerIdSchema = z.string().min(1);

/** A subprotocol name as it goes on the wire: an HTTP token (RFC 6455 §4.1). */
export const subprotocolSchema = z.string().min(1).max(200).refine(isToken, explained(message('errors:option.subprotocol')));

/** How a listener is set up (the same choices as `frameline listen`). */
export const listenerOptionsSchema = z.object({
  /** Loopback unless the user types another address. */
  host: z.string().min(1).max(255).default('127.0.0.1'),
  /** 0 picks a free port. */
  port: z.number().int().min(0).max(65535),
  echo: z.boolean().default(false),
  /** The server's heartbeat: ping each client this often (0: never)… */
  pingIntervalMs: z.number().int().min(0).max(3_600_000).default(0),
  /** …and drop one whose pong has not come this long after a ping (0: never), as a server that notices dead clients does. */
  pongTimeoutMs: z.number().int().min(0).max(3_600_000).default(0),
  /** Answer every request with this status instead of upgrading, to imitate a broken backend. */
  respondStatus: z.number().int().min(100).max(599).nullable().default(null),
  /** PEM files to serve wss:// with. */
  tls: z.object({ certFile: z.string().min(1), keyFile: z.string().min(1) }).nullable().default(null),
  /** Subprotocols a 101 may select, preferred first (RFC 6455 §4.2.2); each an HTTP token. */
  subprotocols: z.array(subprotocolSchema).max(32).default([]),
  /** Accept permessage-deflate when a client offers it (RFC 7692). */
  acceptDeflate: z.boolean().default(false),
  /** How accepted connections are read: the application protocol detected from the request and first messages, none, or one (decode only). */
  protocol: protocolChoiceSchema.default('auto'),
})
  // The wait for a pong starts at a ping: a timeout without pings would never drop anyone.
  .refine((options) => options.pongTimeoutMs === 0 || options.pingIntervalMs > 0, { path: ['pongTimeoutMs'], ...explained(message('listen:problem.pongTimeoutNeedsPing')) });

/** A running listener. */
export const listenerInfoSchema = z.object({
  listenerId: listenerIdSchema,
  host: z.string(),
  port: z.number().int().min(0).max(65535),
  /** What a client (or a proxy's upstream) should point at. */
  url: z.string(),
  echo: z.boolean(),
  respondStatus: z.number().int().nullable(),
  subprotocols: z.array(z.string()),
  acceptDeflate: z.boolean(),
  /** The heartbeat it keeps with each client, as started (0: off). */
  pingIntervalMs: z.number().int().min(0),
  pongTimeoutMs: z.number().int().min(0),
});

export const listenEventSchemas = {
  /** A connection arrived; its capture is a read-only session the timeline can show. */
  listenerAccepted: z.object({
    listenerId: listenerIdSchema,
    sessionId: sessionIdSchema,
    /** Counting from 1 per listener. */
    connection: z.number().int().min(1),
    peer: z.object({ address: z.string(), port: z.number().int() }),
  }),
} as const;

export type ListenerId = z.output<typeof listenerIdSchema>;
export type ListenerOptions = z.output<typeof listenerOptionsSchema>;
export type ListenerOptionsInput = z.input<typeof listenerOptionsSchema>;
export type ListenerInfo = z.output<typeof listenerInfoSchema>;
