import { z } from 'zod';
import { doctorProgressSchema, doctorReportSchema, probeResultSchema } from './doctor-report.js';

/** The Doctor panel's side of the API: run a diagnosis, follow it, cancel it. */

/** Main's id for one diagnosis run. */
export const diagnosisIdSchema = z.string().min(1);

/** What the Doctor runs besides the connection options (the same choices as `frameline diagnose`). */
export const diagnosisOptionsSchema = z.object({
  /** The idle probe stops waiting after this (`--idle-limit`); 75 s by default, above nginx's 60 s. */
  idleLimitMs: z.number().int().min(1_000).max(600_000).default(75_000),
  isIdleProbeEnabled: z.boolean().default(true),
  largeMessageBytes: z.number().int().min(1).max(64 * 1024 * 1024).default(1024 * 1024),
  /** The liveness probe (`--liveness`): does the server drop a client that stops answering its pings? */
  isLivenessProbeEnabled: z.boolean().default(false),
  /** How long it waits; null waits as long as the idle probe. */
  livenessLimitMs: z.number().int().min(1_000).max(600_000).nullable().default(null),
  /** The path test (`--listen`): a listener on this address stands in for the backend the proxy forwards to. */
  through: z
    .object({
      host: z.string().min(1).max(255).default('127.0.0.1'),
      port: z.number().int().min(0).max(65535),
    })
    .nullable()
    .default(null),
});

/** How a run ended: with a report, cancelled by the user (partial report), or failed before one could be made. */
export const diagnosisOutcomeSchema = z.enum(['finished', 'cancelled', 'failed']);

export const diagnosisEventSchemas = {
  /** Which probe is running and, for the idle probe, how long it has waited. */
  diagnosisProgressed: z.object({ diagnosisId: diagnosisIdSchema, progress: doctorProgressSchema }),
  /** One probe's result, as soon as it is known; evidence carries the session that holds its records. */
  diagnosisProbeFinished: z.object({ diagnosisId: diagnosisIdSchema, probe: probeResultSchema }),
  diagnosisFinished: z.object({
    diagnosisId: diagnosisIdSchema,
    outcome: diagnosisOutcomeSchema,
    report: doctorReportSchema.nullable(),
    /** Why a failed run failed (a listener port in use, …). */
    message: z.string().optional(),
  }),
} as const;

export type DiagnosisId = z.output<typeof diagnosisIdSchema>;
export type DiagnosisOptions = z.output<typeof diagnosisOptionsSchema>;
export type DiagnosisOptionsInput = z.input<typeof diagnosisOptionsSchema>;
export type DiagnosisOutcome = z.output<typeof diagnosisOutcomeSchema>;
