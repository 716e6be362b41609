import { z } from 'zod';
import { message } from '../i18n/message.js';
import { explainedPattern } from '../i18n/schema-issue-text.js';

/**
 * What the composer asks main to write. Bytes are base64 in this contract (both transports carry
 * JSON). Each variant is sent exactly as given: main never parses and re-serialises a payload.
 */

const base64Pattern = /^[A-Za-z0-9+/]*={0,2}$/;
const maskingKeyPattern = /^[0-9a-fA-F]{8}$/;

/** Standard base64 (RFC 4648 §4), possibly empty. */
export const base64Schema = z.string().regex(base64Pattern, explainedPattern(base64Pattern, message('errors:option.base64')));

/** A 4-byte masking key as 8 hex digits. */
export const maskingKeyHexSchema = z.string().regex(maskingKeyPattern, explainedPattern(maskingKeyPattern, message('errors:option.maskingKey')));

/** Any 16-bit close code: invalid ones may be sent on purpose to test a peer (§7.4). */
const closeCode = z.number().int().min(0).max(65535);

/** How a crafted frame is masked: a fresh random key, no mask (a violation from a client), or a fixed key. */
export const maskChoiceSchema = z.union([z.literal('random'), z.literal('none'), z.object({ key: maskingKeyHexSchema })]);

/** A frame with every header field chosen by the user, legal or not (§5.2). */
export const craftedFrameSchema = z.object({
  type: z.literal('frame'),
  opcode: z.number().int().min(0).max(15),
  fin: z.boolean(),
  rsv1: z.boolean(),
  rsv2: z.boolean(),
  rsv3: z.boolean(),
  mask: maskChoiceSchema,
  payload: base64Schema,
  /** Split the payload into continuation frames of at most this many bytes. */
  fragmentSize: z.number().int().min(1).optional(),
});

/** One thing to send on an open session. */
export const sendRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), data: z.string() }),
  z.object({ type: z.literal('binary'), base64: base64Schema }),
  z.object({ type: z.literal('ping'), base64: base64Schema.optional() }),
  z.object({ type: z.literal('pong'), base64: base64Schema.optional() }),
  z.object({ type: z.literal('close'), code: closeCode.optional(), reason: z.string().optional() }),
  craftedFrameSchema,
]);

export type SendRequest = z.output<typeof sendRequestSchema>;
export type CraftedFrame = z.output<typeof craftedFrameSchema>;
export type MaskChoice = z.output<typeof maskChoiceSchema>;
