import { z } from 'zod';
import { sessionOptionsSchema } from '../contract/session-options.js';
import { reconnectPolicySchema, defaultReconnectPolicy } from './reconnect-policy.js';
import { savedMessageSchema } from './saved-message.js';
import { entityIdSchema } from './entity-id.js';

/** The `format` tag of a connection file. */
export const CONNECTION_FORMAT = 'frameline-connection';

/**
 * Session options as a workspace keeps them: any string may hold `{{variables}}` (so the URL is
 * only checked once they are filled in, by sessionOptionsSchema), and options left at their
 * defaults are left out of the file.
 */
export const optionsTemplateSchema = sessionOptionsSchema.extend({ url: z.string().min(1).max(8192) });

/**
 * One saved connection: `connections/<id>.json`. Its saved messages live in the same file, in
 * their order. `protocol` is reserved for the application-protocol layer (null: raw WebSocket).
 */
export const connectionFileSchema = z.object({
  format: z.literal(CONNECTION_FORMAT),
  version: z.literal(1),
  id: entityIdSchema,
  name: z.string().min(1).max(200),
  description: z.string().max(10_000).default(''),
  protocol: z.string().min(1).max(80).nullable().default(null),
  options: optionsTemplateSchema,
  reconnect: reconnectPolicySchema.default(defaultReconnectPolicy),
  messages: z.array(savedMessageSchema).max(10_000).default([]),
}).superRefine((file, context) => {
  const seen = new Set<string>();
  file.messages.forEach((message, index) => {
    if (seen.has(message.id)) context.addIssue({ code: 'custom', path: ['messages', index, 'id'], message: `another message already has the id "${message.id}"` });
    seen.add(message.id);
  });
});

export type ConnectionFile = z.output<typeof connectionFileSchema>;
export type ConnectionFileInput = z.input<typeof connectionFileSchema>;
export type OptionsTemplate = z.output<typeof optionsTemplateSchema>;
