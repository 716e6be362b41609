import { z } from 'zod';
import { entityIdSchema } from './entity-id.js';

/** What a raw saved message sends: the composer's modes. */
export const messageModeSchema = z.enum(['text', 'json', 'binary', 'ping', 'pong', 'close']);

/**
 * How `text` is typed: `text` is sent as UTF-8 (close: the reason, after `closeCode`); `hex` and
 * `base64` are decoded to bytes (close: the whole body, code included).
 */
export const messageEncodingSchema = z.enum(['text', 'hex', 'base64']);

const identity = {
  /** Stable within its connection; scenarios and reconnect replays name messages by it. */
  id: entityIdSchema,
  name: z.string().min(1).max(200),
  description: z.string().max(10_000).default(''),
};

/** A raw message, sent exactly as typed after `{{variables}}` are filled in (STYLE.md §3). */
export const rawSavedMessageSchema = z.object({
  ...identity,
  kind: z.literal('raw'),
  mode: messageModeSchema,
  encoding: messageEncodingSchema.default('text'),
  text: z.string().max(16 * 1024 * 1024),
  /** Close mode with `text` encoding: the status code (§7.4); absent sends a close without one. */
  closeCode: z.number().int().min(0).max(65535).optional(),
});

/**
 * A protocol-mode message (Socket.IO event, STOMP frame, …): `message` is the structured input of
 * `protocol`'s encoder, as the composer's protocol mode and `sendProtocol` take it
 * (shared/contract/api-protocol.ts); it is checked when sent, so a file written for a newer
 * build still loads.
 */
export const protocolSavedMessageSchema = z.object({
  ...identity,
  kind: z.literal('protocol'),
  protocol: z.string().min(1).max(80),
  message: z.unknown(),
});

/** One saved message of a connection: named, ordered by its place in the connection's list. */
export const savedMessageSchema = z.discriminatedUnion('kind', [rawSavedMessageSchema, protocolSavedMessageSchema]);

export type MessageMode = z.output<typeof messageModeSchema>;
export type MessageEncoding = z.output<typeof messageEncodingSchema>;
export type RawSavedMessage = z.output<typeof rawSavedMessageSchema>;
export type ProtocolSavedMessage = z.output<typeof protocolSavedMessageSchema>;
export type SavedMessage = z.output<typeof savedMessageSchema>;
export type SavedMessageInput = z.input<typeof savedMessageSchema>;
