import { z } from 'zod';
import { messageSchema } from '../contract/message-schema.js';
import type { Message } from '../i18n/message.js';

/**
 * What one scenario run produced, step by step: the same value drives the window's live ticks,
 * the CLI's lines and every reporter (JUnit, JSON, TAP).
 */

/** Where a step stands. */
export const stepStatusSchema = z.enum(['pending', 'running', 'passed', 'failed', 'skipped']);

/** Why a step failed: the expectation, what arrived instead, and the record to open. */
export const stepFailureSchema = z.object({
  /** Why the step failed, in English (reports and `--json` keep it). */
  message: z.string(),
  /** `message` as a catalogue message, for readers in another language; absent when the text is another tool's own words. */
  messageText: messageSchema.optional(),
  expected: z.string().optional(),
  /** `expected` as a message, when it is worded rather than data (an expectation, a pong deadline). */
  expectedText: messageSchema.optional(),
  /** The last message (or close) the step saw, as text. */
  received: z.string().optional(),
  /** `received` as a message, when it is worded rather than data (how the connection closed, a pong's delay). */
  receivedText: messageSchema.optional(),
  /** Each way the received message fell short of the expectation, in English (reports and `--json` keep them). */
  reasons: z.array(z.string()).optional(),
  /** `reasons` as messages, one for one, for readers in another language. */
  reasonTexts: z.array(messageSchema).optional(),
  /** The connection alias and the record in its capture that shows the failure. */
  alias: z.string().optional(),
  seq: z.number().int().min(0).optional(),
});

/** The branch of a parallel step a step ran in. */
export const stepBranchSchema = z.object({
  /** The parallel step's place and the branch's number: `3.2`. */
  path: z.string(),
  /** The branch's name (its number when unnamed), nested branches joined by "/". */
  name: z.string(),
});

/** One executed step; a step inside `repeat` appears once per iteration. */
export const stepResultSchema = z.object({
  /** 1-based position, dotted through repeats and branches: `3`, `2.1`, `3.2.1` (step 1 of branch 2 of step 3). */
  path: z.string(),
  /** 1-based iteration of the enclosing repeats, outermost first; empty outside repeats. */
  iterations: z.array(z.number().int()),
  /** The innermost parallel branch the step ran in; absent outside any. */
  branch: stepBranchSchema.optional(),
  kind: z.string(),
  /** The step's name, or a description made from its fields, in English (as reports keep it). */
  title: z.string(),
  /** The same title as a message, for the window to show in its reader's language. */
  titleMessage: messageSchema.optional(),
  status: stepStatusSchema,
  durationMs: z.number().min(0),
  failure: stepFailureSchema.optional(),
});

/** One connection a run opened, and where its capture was kept. */
export const runConnectionSchema = z.object({
  alias: z.string(),
  url: z.string(),
  /** The capture file written for it (secrets redacted), if the run writes files. */
  captureFile: z.string().optional(),
  /** The engine session, when the run happened in the window. */
  sessionId: z.string().optional(),
});

/** A finished (or running) scenario. */
export const scenarioRunResultSchema = z.object({
  scenario: z.string(),
  fileName: z.string(),
  environment: z.string().nullable(),
  /** Wall-clock start, ms since the epoch. */
  startedAtMs: z.number(),
  durationMs: z.number().min(0),
  steps: z.array(stepResultSchema),
  connections: z.array(runConnectionSchema),
  /** True only when every step passed. */
  isPassed: z.boolean(),
  /** A problem that stopped the run before or between steps (an unreadable file, an unknown environment). */
  error: z.string().optional(),
  /** `error` as a message, for readers in another language (absent when the problem is only English). */
  errorText: messageSchema.optional(),
});

export type StepStatus = z.output<typeof stepStatusSchema>;
export type StepFailure = z.output<typeof stepFailureSchema>;
export type StepResult = z.output<typeof stepResultSchema>;
export type StepBranch = z.output<typeof stepBranchSchema>;
export type RunConnection = z.output<typeof runConnectionSchema>;
export type ScenarioRunResult = z.output<typeof scenarioRunResultSchema>;

/** Counts for summaries. */
export function countSteps(result: { readonly steps: readonly Pick<StepResult, 'status'>[] }): Record<'passed' | 'failed' | 'skipped', number> {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const step of result.steps) if (step.status === 'passed' || step.status === 'failed' || step.status === 'skipped') counts[step.status]++;
  return counts;
}

/** `2.1` or `2.1 #3` inside a repeat. */
export function stepLabel(step: { readonly path: string; readonly iterations: readonly number[] }): string {
  return step.iterations.length === 0 ? step.path : `${step.path} #${step.iterations.join('.')}`;
}

/** `[bob] ` before the title of a step in a parallel branch, else nothing. */
export function branchTag(step: { readonly branch?: StepBranch | undefined }): string {
  return step.branch === undefined ? '' : `[${step.branch.name}] `;
}

/** A failure's reasons in the reader's language: each message rendered, else the English line (older results). */
export function failureReasonLines(failure: Pick<StepFailure, 'reasons' | 'reasonTexts'>, render: (text: Message) => string): string[] {
  const texts = failure.reasonTexts;
  return (failure.reasons ?? []).map((reason, index) => (texts?.[index] !== undefined ? render(texts[index]) : reason));
}
