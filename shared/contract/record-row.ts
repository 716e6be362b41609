import { z } from 'zod';
import { protocolRowSchema } from './api-protocol.js';
import { messageSchema } from './message-schema.js';
import type { RecordJson } from './records.js';

/**
 * One row of the timeline: a record as `records.ts` serialises it, minus its full payload bytes,
 * plus a short text preview. The renderer asks for pages of rows and for one full record on
 * demand (DESIGN.md boundary 4), so a page of 200 rows stays small whatever the payload sizes.
 */

/** How many payload bytes a preview shows at most (decoded as UTF-8, or as hex for binary). */
export const PREVIEW_MAX_BYTES = 256;

const violationSchema = z.object({
  rule: z.string(),
  section: z.string(),
  closeCode: z.number().int(),
  message: z.string(),
  i18n: messageSchema.optional(),
});

/** A frame row: every header field, no payload bytes. */
export const frameRowSchema = z.object({
  kind: z.literal('frame'),
  seq: z.number().int().min(0),
  atMicros: z.number(),
  direction: z.enum(['in', 'out']),
  fin: z.boolean(),
  rsv1: z.boolean(),
  rsv2: z.boolean(),
  rsv3: z.boolean(),
  opcode: z.number().int().min(0).max(15),
  masked: z.boolean(),
  maskingKey: z.string().nullable(),
  payloadLength: z.number().min(0),
  payloadTruncated: z.boolean(),
  messageId: z.number().int(),
  fragment: z.enum(['whole', 'first', 'middle', 'last']),
  /** True when this frame carries an inflated (permessage-deflate) message. */
  isCompressed: z.boolean(),
  closeCode: z.number().int().optional(),
  closeReason: z.string().optional(),
  rttMicros: z.number().optional(),
  violations: z.array(violationSchema),
  /** Present (true) when an export replaced this frame's payload bytes with filler (an imported, redacted capture). */
  redacted: z.boolean().optional(),
  /**
   * Messages view only: the row stands for a whole message of this many frames (its last frame's
   * fields, but the message's opcode, summed length and the preview of its start).
   */
  messageFrameCount: z.number().int().min(1).optional(),
  /** Relay captures: which connection the frame crossed (records.ts RelayLeg). */
  leg: z.enum(['client', 'server']).optional(),
  /** Relay captures: the seq of the frame's counterpart on the other leg. */
  link: z.number().int().min(0).optional(),
  /** The start of the payload (inflated when compressed) as text, or hex when not UTF-8. */
  payloadPreview: z.string(),
  /** How the preview was made. */
  previewEncoding: z.enum(['text', 'hex']),
  /** The application-protocol messages this frame carries, when the session decodes a protocol. */
  protocol: protocolRowSchema.optional(),
});

/** The handshake row: the request line and status, not the raw bytes. */
export const handshakeRowSchema = z.object({
  kind: z.literal('handshake'),
  seq: z.number().int().min(0),
  atMicros: z.number(),
  requestLine: z.string(),
  statusCode: z.number().int().nullable(),
  /** The reason phrase; without a status, why the answer was unreadable, or empty when none came. */
  reason: z.string(),
  checksPassed: z.number().int().min(0),
  checksFailed: z.number().int().min(0),
  /** Relay captures: whose handshake (records.ts RelayLeg). */
  leg: z.enum(['client', 'server']).optional(),
});

/** A connection event row (dns, tcp connected, closed, error, …). */
export const eventRowSchema = z.object({
  kind: z.literal('event'),
  seq: z.number().int().min(0),
  atMicros: z.number(),
  name: z.string(),
  /** One line for the preview column, e.g. "closed by server (close frame 1000)". */
  summary: z.string(),
  /** The same line as a message, for the reader's language; `summary` stays the English text. */
  text: messageSchema.optional(),
  /** Relay captures: which connection the event is about (records.ts RelayLeg); absent for the relay's own notes. */
  leg: z.enum(['client', 'server']).optional(),
});

/** One timeline row. */
export const recordRowSchema = z.discriminatedUnion('kind', [frameRowSchema, handshakeRowSchema, eventRowSchema]);

export type RecordRow = z.output<typeof recordRowSchema>;
export type FrameRow = z.output<typeof frameRowSchema>;
export type HandshakeRow = z.output<typeof handshakeRowSchema>;
export type EventRow = z.output<typeof eventRowSchema>;

/** The full record; kept loose at the boundary because main produces it from its own types. */
export const recordJsonSchema = z.custom<RecordJson>(
  (value) => typeof value === 'object' && value !== null && 'kind' in value && 'seq' in value,
  { message: 'not a record' },
);
