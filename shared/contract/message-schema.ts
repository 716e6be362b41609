import { z } from 'zod';
import type { Message, MessageValue } from '../i18n/message.js';

/** A message (shared/i18n/message.ts) at a boundary: a catalogue key and its values, nested messages allowed. */
export const messageSchema: z.ZodType<Message> = z.lazy(() =>
  z.object({
    key: z.string().min(1),
    values: z.record(z.string(), messageValueSchema).optional(),
  }),
);

const messageValueSchema: z.ZodType<MessageValue> = z.lazy(() =>
  z.union([z.string(), z.number(), messageSchema, z.array(z.union([z.string(), z.number(), messageSchema]))]),
);
