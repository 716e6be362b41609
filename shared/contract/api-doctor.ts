import { z } from 'zod';
import { message } from '../i18n/message.js';
import { explainedPattern } from '../i18n/schema-issue-text.js';
import { doctorProgressSchema, doctorReportSchema, probeResultSchema } from './doctor-report.js';

/** The Doctor panel's side of the API: run a diagnosis, follow it, cancel it. */

/** Main's id for one diagnosis run. */
export const diagnosisIdSchema = z.string().min(1);

// A Socket.IO packet writes its namespace before a comma (and a URL before ? or #): a namespace with those cannot be sent.
const namespacePattern = /^\/[^\s,?#]*$/;

/** How the liveness probe opens an application protocol: `--namespace` and `--keep-alive` in the CLI, the same fields in the window's Doctor. */
export const livenessProtocolSchema = z.object({
  /** The Socket.IO namespace both probe clients join; `/` when absent. */
  namespace: z.string().max(1000).regex(namespacePattern, explainedPattern(namespacePattern, message('errors:option.namespace'))).optional(),
  /** MQTT Keep Alive (a two-byte integer, MQTT 5 §3.1.2.10; 0 turns the broker's check off) and STOMP heart-beat, in seconds; by default a third of the limit (at most 60 s). */
  keepAliveSeconds: z.number().int().min(0).max(65535).optional(),
});

// From 1 s to 10 min, the idle limit's range.
const livenessLimitRangeSeconds = { min: 1, max: 600 } as const;

/** How long the liveness probe waits, in seconds as `--liveness-limit` and the window's Doctor take it. */
export const livenessLimitSecondsSchema = z.number().min(livenessLimitRangeSeconds.min).max(livenessLimitRangeSeconds.max);

/** What the Doctor runs besides the connection options (the same choices as `frameline diagnose`). */
export const diagnosisOptionsSchema = z.object({
  /** The idle probe stops waiting after this (`--idle-limit`); 75 s by default, above nginx's 60 s. */
  idleLimitMs: z.number().int().min(1_000).max(600_000).default(75_000),
  isIdleProbeEnabled: z.boolean().default(true),
  largeMessageBytes: z.number().int().min(1).max(64 * 1024 * 1024).default(1024 * 1024),
  /** The liveness probe (`--liveness`): does the server drop a client that stops answering its pings? */
  isLivenessProbeEnabled: z.boolean().default(false),
  /** How long it waits (`livenessLimitSecondsSchema`'s range in ms); null waits as long as the idle probe. */
  livenessLimitMs: z.number().int().min(livenessLimitRangeSeconds.min * 1000).max(livenessLimitRangeSeconds.max * 1000).nullable().default(null),
  /** How the liveness probe opens the session's application protocol (`--namespace`, `--keep-alive`). */
  livenessProtocol: livenessProtocolSchema.default({}),
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
export type LivenessProtocolSettings = z.output<typeof livenessProtocolSchema>;
