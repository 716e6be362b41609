import { z } from 'zod';
import { sessionProtocolSchema } from './api-protocol.js';
import { messageSchema as catalogueMessageSchema } from './message-schema.js';
import { recordRowSchema } from './record-row.js';

/** Session-level shapes of the API: summaries, row queries and pages. */

/** Main's id for one session (live or imported). */
export const sessionIdSchema = z.string().min(1);

/** Where a session is in its life. */
export const sessionStateSchema = z.enum(['connecting', 'open', 'closing', 'closed']);

/** How a session ended (mirrors the last `closed` event of the capture). */
export const sessionClosedInfoSchema = z.object({
  /** Wall-clock time, ms since the epoch. */
  at: z.number(),
  by: z.enum(['client', 'server', 'path']),
  how: z.enum(['close-frame', 'fin', 'rst', 'timeout', 'error']),
  closeCode: z.number().int().optional(),
  closeReason: z.string().optional(),
  /** For a failed session: a plain message in English (e.g. "server answered 426 Upgrade Required"). */
  message: z.string().optional(),
  /** `message` as a catalogue message, when Frameline worded it, for readers in another language. */
  i18n: z.object({ message: catalogueMessageSchema }).optional(),
  /** Strict mode (§7.1.7): the rule that failed the connection and the seq of the record that broke it. */
  strictFailure: z.object({ seq: z.number().int(), rule: z.string() }).optional(),
});

/**
 * Where a session came from, when not from the connection bar or an imported file: a Doctor
 * probe (the evidence behind a diagnosis), a connection accepted by a listener (read-only; in
 * its capture `out` is client→server), or a client carried by a relay (both legs in one capture).
 */
export const sessionOriginSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('doctor'), diagnosisId: z.string().min(1), probe: z.string().min(1) }),
  /** A saved workspace connection (`connection` is its id), opened from the sidebar, by auto-reconnect or by a scenario run. */
  z.object({ kind: z.literal('workspace'), connection: z.string(), scenarioRunId: z.string().optional(), alias: z.string().optional() }),
  z.object({
    kind: z.literal('listen'),
    listenerId: z.string().min(1),
    connection: z.number().int().min(1),
    /** Who connected, as host:port: the client, or the proxy in front of the listener. */
    peer: z.string(),
  }),
  z.object({
    kind: z.literal('relay'),
    relayId: z.string().min(1),
    connection: z.number().int().min(1),
    /** The client, as host:port. */
    peer: z.string(),
    upstreamUrl: z.string(),
  }),
  /** One client of a fan-out run (its newest attempt), opened on demand from the Fan-out view. */
  z.object({ kind: z.literal('fanout'), fanoutId: z.string().min(1), client: z.number().int().min(1), attempt: z.number().int().min(1) }),
  /** One case of a conformance run (its capture, read-only). */
  z.object({ kind: z.literal('conformance'), runId: z.string().min(1), caseId: z.string().min(1) }),
]);

/** What the session list shows; small enough to send on every state change. */
export const sessionSummarySchema = z.object({
  id: sessionIdSchema,
  url: z.string(),
  state: sessionStateSchema,
  /** Wall-clock time the session started, ms since the epoch. */
  openedAt: z.number(),
  counts: z.object({
    records: z.number().int().min(0),
    framesIn: z.number().int().min(0),
    framesOut: z.number().int().min(0),
  }),
  /** The handshake response status, or null before (or without) a response. */
  statusCode: z.number().int().nullable(),
  closed: sessionClosedInfoSchema.optional(),
  /** Imported captures and listened connections can be read but not sent on. */
  readOnly: z.boolean(),
  origin: sessionOriginSchema.optional(),
  /** The name the user gave the session's tab, if any. */
  name: z.string().optional(),
  /** The application-protocol layer, once the session has one (choice, detection, duties). */
  protocol: sessionProtocolSchema.optional(),
  /** The session this one reconnects (Reconnect opens a new session with the old one's settings). */
  previousSessionId: sessionIdSchema.optional(),
  /** Wall-clock ms of the last record of a session nothing writes to any more (an imported capture): its recorded end. */
  endedAt: z.number().optional(),
  /**
   * A live session's inflate-budget pauses so far (issue 19), once reading first waited: how often
   * and how long reading waited for `limit` inflated bytes a second, a running pause counted up to
   * when the summary was made (`waitingMs`: how long it has lasted, 0 while reading goes on). Sent with the counts at each records batch, and checked
   * once a second for figures that moved with no batch to carry them (a wait appends no records);
   * never once per pause. The capture's
   * `pauses` warning before the close has the last word.
   */
  inflatePauses: z
    .object({
      limit: z.number().int().min(1),
      count: z.number().int().min(1),
      totalMs: z.number().int().min(0),
      longestMs: z.number().int().min(0),
      waitingMs: z.number().int().min(0),
    })
    .optional(),
});

/** Why main dropped a session: a window forgot it, or the listen or conformance history made room. */
export const sessionRemovedReasonSchema = z.enum(['forgotten', 'listen-history', 'relay-history', 'conformance-history', 'fanout-history']);

/** What a user can change about a session's tab: its name (null clears it) and its place in the list. */
export const sessionUpdateSchema = z.object({
  name: z.string().trim().max(200).nullable().optional(),
  /** Moves the session to this position of `listSessions` (clamped to the list). */
  index: z.number().int().min(0).optional(),
});

/**
 * Which records a timeline shows. Filtering happens in main, next to the data, so the renderer
 * can page through a filtered view of a million records without holding them.
 */
export const recordFilterSchema = z.object({
  direction: z.enum(['any', 'in', 'out']).default('any'),
  /** `data` = opcodes 0–7, `control` = 8–15; `all` also keeps the handshake and events. */
  category: z.enum(['all', 'data', 'control']).default('all'),
  /** Keep only these opcodes (empty = any). */
  opcodes: z.array(z.number().int().min(0).max(15)).default([]),
  /** Matched against the payload preview and event summaries. */
  search: z.string().default(''),
  isRegex: z.boolean().default(false),
  /**
   * `frames`: one row per frame. `messages`: one row per message (§5.4), at its last fragment,
   * with the length and preview of the whole message; control frames and events keep their rows.
   */
  unit: z.enum(['frames', 'messages']).default('frames'),
  /**
   * Application-protocol traffic, like `category` for frames: `messages` keeps frames that complete
   * a protocol message other than keep-alive, `control` only keep-alive (Engine.IO ping, STOMP
   * heart-beat, PINGREQ…). Either drops frames without protocol messages, the handshake and events.
   */
  protocolCategory: z.enum(['all', 'messages', 'control']).default('all'),
  /** Keep only frames that complete a protocol message of one of these kinds (`EVENT`, `PUBLISH`; empty = any). */
  protocolKinds: z.array(z.string().max(100)).max(50).default([]),
});

/**
 * The most rows a window may ask for at the end of a timeline (each batch's newest rows, a tail
 * read): 300 rows of 22 px, a timeline 6,600 px tall.
 */
export const MAX_TAIL_ROWS = 300;

/** A window's own random id, naming it in what it tells main about itself (the rows it draws at the end). */
export const viewerIdSchema = z.string().min(1).max(64);

/** A page of rows from a (possibly filtered) view; `from` and `total` count rows of that view. */
export const recordPageSchema = z.object({
  from: z.number().int().min(0),
  total: z.number().int().min(0),
  rows: z.array(recordRowSchema),
});

/**
 * The last rows of a filtered view that a window follows, carried in a records batch: the page a
 * tail read would answer, named by the view's `recordFilterKey`, so the window draws them with the
 * batch instead of asking after it.
 */
export const followedViewTailSchema = recordPageSchema.extend({ key: z.string().max(20_000) });

/** One string per distinct view a filter gives (opcode and kind order does not matter), the same in main and the window. */
export function recordFilterKey(filter: RecordFilter): string {
  return JSON.stringify([filter.unit, filter.direction, filter.category, [...filter.opcodes].sort((a, b) => a - b), filter.search, filter.isRegex, filter.protocolCategory, [...filter.protocolKinds].sort()]);
}

/**
 * One message reassembled from its fragments (§5.4): the payloads of its frames in order, or the
 * inflated message when it was compressed (RFC 7692 §7.2.2).
 */
export const messageSchema = z.object({
  direction: z.enum(['in', 'out']),
  /** The opcode of its first frame (text, binary, or a control opcode for a control frame). */
  opcode: z.number().int().min(0).max(15),
  messageId: z.number().int(),
  firstSeq: z.number().int().min(0),
  /** The seq of its last frame so far. */
  lastSeq: z.number().int().min(0),
  frameCount: z.number().int().min(1),
  /** The declared payload lengths of its frames, summed (compressed bytes for a compressed message). */
  payloadLength: z.number().min(0),
  isCompressed: z.boolean(),
  /** False while the last fragment has not arrived. */
  isComplete: z.boolean(),
  /** True when `payload` is shorter than the message: bytes not retained, or cut at the assembly limit. */
  isTruncated: z.boolean(),
  /** The message's bytes (inflated when compressed), base64. */
  payload: z.string(),
});

export type SessionId = z.output<typeof sessionIdSchema>;
export type SessionState = z.output<typeof sessionStateSchema>;
export type SessionSummary = z.output<typeof sessionSummarySchema>;
export type SessionOrigin = z.output<typeof sessionOriginSchema>;
export type SessionClosedInfo = z.output<typeof sessionClosedInfoSchema>;
export type RecordFilter = z.output<typeof recordFilterSchema>;
export type RecordFilterInput = z.input<typeof recordFilterSchema>;
export type RecordPage = z.output<typeof recordPageSchema>;
export type FollowedViewTail = z.output<typeof followedViewTailSchema>;
export type SessionUpdate = z.output<typeof sessionUpdateSchema>;
export type SessionRemovedReason = z.output<typeof sessionRemovedReasonSchema>;
export type AssembledMessage = z.output<typeof messageSchema>;
