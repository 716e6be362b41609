import { z } from 'zod';
import { isProtocolChoice } from '../app-protocol/protocol-choice.js';
import { sessionOptionsSchema } from '../contract/session-options.js';
import { reconnectPolicySchema, defaultReconnectPolicy } from './reconnect-policy.js';
import { savedMessageSchema } from './saved-message.js';
import { explainedIssue } from '../i18n/schema-issue-text.js';
import { message } from '../i18n/message.js';
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
 * their order. `protocol` names the application protocol its sessions are read as when the
 * options leave it to detection (null: the options decide).
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
  file.messages.forEach((saved, index) => {
    if (seen.has(saved.id)) context.addIssue({ code: 'custom', path: ['messages', index, 'id'], ...explainedIssue(message('workspace:schema.own.messageIdTwice', { id: saved.id })) });
    seen.add(saved.id);
  });
});

/** The connection's options template, with the file's `protocol` as the session's protocol choice when the options say `auto`. */
export function optionsTemplateOf(file: ConnectionFile): OptionsTemplate {
  const protocol = file.protocol;
  if (protocol === null || file.options.protocol !== 'auto' || !isProtocolChoice(protocol)) return file.options;
  return { ...file.options, protocol };
}

export type ConnectionFile = z.output<typeof connectionFileSchema>;
export type ConnectionFileInput = z.input<typeof connectionFileSchema>;
export type OptionsTemplate = z.output<typeof optionsTemplateSchema>;
