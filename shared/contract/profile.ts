import { z } from 'zod';
import { messageSchema } from './message-schema.js';
import { sessionOptionsSchema } from './session-options.js';

/** Named session settings a user keeps (DESIGN.md "Files users keep"). */
export const profileSchema = z.object({
  name: z.string().min(1).max(200),
  options: sessionOptionsSchema,
  /** Wall-clock time of the last save, ms since the epoch. */
  savedAt: z.number(),
});

/**
 * A profile file that could not be loaded (main keeps it aside at `keptAs` and reports it), or
 * a secret of one (its proxy password, a credential header's value, or a credential in its URL) this process cannot open
 * (listed without it, the file left as it is; one problem per secret).
 */
export const profileProblemSchema = z.object({
  fileName: z.string(),
  /** English. */
  message: z.string(),
  keptAs: z.string().optional(),
  /** `message` as a message, for readers in another language (a secret that cannot be opened here). */
  text: messageSchema.optional(),
});

/** The saved profiles, plus any that failed validation (never silently dropped). */
export const profileListSchema = z.object({
  profiles: z.array(profileSchema),
  problems: z.array(profileProblemSchema),
});

export type Profile = z.output<typeof profileSchema>;
export type ProfileProblem = z.output<typeof profileProblemSchema>;
export type ProfileList = z.output<typeof profileListSchema>;
