import { z } from 'zod';
import { sessionIdSchema } from './api-session.js';
import { exportResultSchema } from './export-result.js';
import { sessionOptionsSchema } from './session-options.js';
import { fanoutIdSchema, fanoutOptionsSchema, fanoutProgressSchema, fanoutReportSchema } from './fanout.js';

/** The Fan-out view's side of the API: run the probe, follow it, cancel it, open a client's capture, export the report. */

export const fanoutCommandSchemas = {
  /** Starts a fan-out run with the connection settings of the connection bar; follow it with the fan-out events. */
  runFanout: { args: z.tuple([sessionOptionsSchema, fanoutOptionsSchema]), result: z.object({ fanoutId: fanoutIdSchema }) },
  /** Ends the run at once; it finishes as `cancelled` with the partial report. */
  cancelFanout: { args: z.tuple([fanoutIdSchema]), result: z.null() },
  /** Shows one client's newest capture as a read-only session (origin `fanout`), without flooding the session tabs. */
  openFanoutClient: { args: z.tuple([fanoutIdSchema, z.number().int().min(1)]), result: z.object({ sessionId: sessionIdSchema }) },
  /** Writes the report as a self-contained HTML file (histograms per backend) or JSON where the user chooses (save dialog), or as a browser download. */
  exportFanoutReport: {
    args: z.tuple([fanoutIdSchema, z.object({ format: z.enum(['html', 'json']), language: z.enum(['en', 'zh-CN']).default('en') })]),
    result: exportResultSchema,
  },
} as const;

export const fanoutEventSchemas = {
  /** A few times a second while the run goes. */
  fanoutProgressed: z.object({ fanoutId: fanoutIdSchema, progress: fanoutProgressSchema }),
  fanoutFinished: z.object({
    fanoutId: fanoutIdSchema,
    outcome: z.enum(['finished', 'cancelled', 'time-limit', 'failed']),
    report: fanoutReportSchema.nullable(),
    /** Why a failed run failed. */
    message: z.string().optional(),
  }),
} as const;
