import { z } from 'zod';
import { message } from '../i18n/message.js';
import { explainedPattern } from '../i18n/schema-issue-text.js';
import type { CaseResult } from '../conformance/run-result.js';
import { messageSchema } from './message-schema.js';
import { sessionIdSchema } from './api-session.js';

/** The Conformance view's side of the API: run the battery, watch cases finish, cancel. */

/** Main's id for one run of the battery. */
export const conformanceRunIdSchema = z.string().min(1);

const casePattern = /^\d+(\.\d+)*(\.\*)?$|^\*$/;
const casePatternSchema = z.string().regex(casePattern, explainedPattern(casePattern, message('errors:option.casePattern')));

/** What to run besides the connection options (the choices of `frameline conformance`). */
export const conformanceOptionsSchema = z.object({
  /** Case patterns to run; empty runs every case. */
  cases: z.array(casePatternSchema).max(500).default([]),
  exclude: z.array(casePatternSchema).max(500).default([]),
  concurrency: z.number().int().min(1).max(64).default(4),
  /** A case's limit when it has none of its own. */
  caseTimeoutMs: z.number().int().min(500).max(600_000).default(10_000),
  /** The whole run's limit. */
  runTimeoutMs: z.number().int().min(1_000).max(4 * 3_600_000).default(30 * 60_000),
});

const verdictSchema = z.enum(['OK', 'NON-STRICT', 'INFORMATIONAL', 'UNIMPLEMENTED', 'FAILED']);

const figuresSchema = z.object({
  durationMs: z.number(),
  messagesSent: z.number().int(),
  bytesSent: z.number(),
  messagesEchoed: z.number().int(),
  bytesEchoed: z.number(),
  roundTripMs: z.object({ min: z.number(), median: z.number(), max: z.number() }).nullable(),
  compressedReceived: z.number().int(),
});

/** One case's result; `sessionId` opens its capture in the inspector. */
export const caseResultSchema: z.ZodType<CaseResult> = z.object({
  id: z.string().min(1),
  group: z.number().int(),
  verdict: verdictSchema,
  reason: messageSchema,
  durationMs: z.number(),
  figures: figuresSchema.nullable(),
  sessionId: sessionIdSchema.optional(),
  captureFile: z.string().optional(),
});

/** How a run ended: every case judged, cancelled by the user (the rest FAILED as not run), or failed to start. */
export const conformanceOutcomeSchema = z.enum(['finished', 'cancelled', 'failed']);

export const conformanceEventSchemas = {
  /** A case started; its session exists (and is adopted) from now on. */
  conformanceCaseStarted: z.object({ runId: conformanceRunIdSchema, caseId: z.string().min(1), sessionId: sessionIdSchema }),
  conformanceCaseFinished: z.object({ runId: conformanceRunIdSchema, result: caseResultSchema }),
  conformanceFinished: z.object({
    runId: conformanceRunIdSchema,
    outcome: conformanceOutcomeSchema,
    /** Every selected case, in case order, including those that never ran. */
    results: z.array(caseResultSchema),
    durationMs: z.number(),
    message: z.string().optional(),
  }),
} as const;

export type ConformanceOptions = z.output<typeof conformanceOptionsSchema>;
export type ConformanceOptionsInput = z.input<typeof conformanceOptionsSchema>;
export type ConformanceOutcome = z.output<typeof conformanceOutcomeSchema>;
