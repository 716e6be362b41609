import { z } from 'zod';
import { sessionOptionsSchema } from './session-options.js';

/** Named session settings a user keeps (DESIGN.md "Files users keep"). */
export const profileSchema = z.object({
  name: z.string().min(1).max(200),
  options: sessionOptionsSchema,
  /** Wall-clock time of the last save, ms since the epoch. */
  savedAt: z.number(),
});

/** A profile file that could not be loaded; main keeps it aside at `keptAs` and reports it. */
export const profileProblemSchema = z.object({
  fileName: z.string(),
  message: z.string(),
  keptAs: z.string().optional(),
});

/** The saved profiles, plus any that failed validation (never silently dropped). */
export const profileListSchema = z.object({
  profiles: z.array(profileSchema),
  problems: z.array(profileProblemSchema),
});

export type Profile = z.output<typeof profileSchema>;
export type ProfileProblem = z.output<typeof profileProblemSchema>;
export type ProfileList = z.output<typeof profileListSchema>;
