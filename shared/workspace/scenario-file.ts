import { z } from 'zod';
import { headerPairSchema } from '../contract/session-options.js';
import { entityIdSchema } from './entity-id.js';
import { variableNameSchema } from './environment-file.js';
import { message, verbatim } from '../i18n/message.js';
import { explained, explainedIssue, explainedPattern } from '../i18n/schema-issue-text.js';
import { parseJsonPath } from './json-path.js';

/** The `format` tag of a scenario file. */
export const SCENARIO_FORMAT = 'frameline-scenario';

/** The connection a step acts on when it names none. */
export const DEFAULT_ALIAS = 'main';

/** A connection's name within one run (`alice`, `bob`), so several can be open at once. */
const aliasPattern = /^[A-Za-z][A-Za-z0-9_-]{0,39}$/;
const aliasSchema = z.string().regex(aliasPattern, explainedPattern(aliasPattern, message('workspace:schema.own.alias')));

const jsonPathSchema = z.string().superRefine((text, context) => {
  const parsed = parseJsonPath(text);
  if (!parsed.ok) context.addIssue({ code: 'custom', message: parsed.message, params: { i18n: parsed.text } });
});

const regexSchema = z.string().min(1).superRefine((text, context) => {
  try {
    new RegExp(text);
  } catch (error) {
    // The regular-expression engine's own words, quoted as they are.
    context.addIssue({ code: 'custom', ...explainedIssue(message('workspace:schema.own.regex', { reason: verbatim((error as Error).message) })) });
  }
});

const timeoutMs = z.number().int().min(1).max(3_600_000).default(5_000);
const stepName = z.string().min(1).max(200).optional();
const on = aliasSchema.default(DEFAULT_ALIAS);

/** Opens a connection: a saved one (by id) or a URL, under an alias. */
const connectStep = z.object({
  step: z.literal('connect'),
  name: stepName,
  as: aliasSchema.default(DEFAULT_ALIAS),
  connection: entityIdSchema.optional(),
  url: z.string().min(1).optional(),
  /** Added after the saved connection's headers. */
  headers: z.array(headerPairSchema).default([]),
  subprotocols: z.array(z.string().min(1)).optional(),
  timeoutMs,
}).strict().refine((step) => (step.connection === undefined) !== (step.url === undefined), { ...explained(message('workspace:schema.own.connectTarget')), path: ['connection'] });

/** Sends a saved message (by id, from the connection's saved messages) or an inline one. */
const sendStep = z.object({
  step: z.literal('send'),
  name: stepName,
  on,
  message: entityIdSchema.optional(),
  text: z.string().optional(),
  /** Any JSON value, sent as its JSON text. */
  json: z.unknown().optional(),
  hex: z.string().optional(),
  base64: z.string().optional(),
}).strict().refine((step) => ['message', 'text', 'json', 'hex', 'base64'].filter((key) => step[key as keyof typeof step] !== undefined).length === 1, {
  ...explained(message('workspace:schema.own.sendPayload')),
  path: ['message'],
});

/** Where a captured variable's value comes from in the matching message. */
const captureSourceSchema = z.union([jsonPathSchema, z.object({ regex: regexSchema, group: z.number().int().min(0).default(1) }).strict()]);

/**
 * Waits for a data message that matches every given matcher (none given: any message); earlier
 * messages that do not match are passed over. `json` maps JSON paths to the value expected there.
 */
const expectStep = z.object({
  step: z.literal('expect'),
  name: stepName,
  on,
  timeoutMs,
  regex: regexSchema.optional(),
  contains: z.string().optional(),
  json: z.record(jsonPathSchema, z.unknown()).optional(),
  /** Only text or only binary messages. */
  type: z.enum(['text', 'binary']).optional(),
  /**
   * In the session's application protocol (issue 13): one of the protocol messages decoded from the
   * server's message has this `kind` (`EVENT`, `MESSAGE`, `PUBLISH`, …), its summary line contains
   * `summaryIncludes`, and it is (or is not) keep-alive traffic.
   */
  protocol: z.object({ kind: z.string().min(1).optional(), summaryIncludes: z.string().optional(), isControl: z.boolean().optional() }).strict().optional(),
  /** Variables set from the matching message, for later steps: a JSON path or a regex group. */
  capture: z.record(variableNameSchema, captureSourceSchema).optional(),
}).strict();

/** Waits for the connection to close, optionally with a given close code. */
const expectCloseStep = z.object({
  step: z.literal('expect-close'),
  name: stepName,
  on,
  code: z.number().int().min(0).max(65535).optional(),
  timeoutMs,
}).strict();

const waitStep = z.object({ step: z.literal('wait'), name: stepName, ms: z.number().int().min(0).max(3_600_000) }).strict();

/** Sends a ping and expects its pong (§5.5.3) within `withinMs`. */
const pingStep = z.object({
  step: z.literal('ping'),
  name: stepName,
  on,
  payload: z.string().max(125).optional(),
  withinMs: z.number().int().min(1).max(3_600_000).default(5_000),
}).strict();

/** Closes the connection (§7.1.2) and waits until it has closed. */
const disconnectStep = z.object({
  step: z.literal('disconnect'),
  name: stepName,
  on,
  code: z.number().int().min(1000).max(4999).default(1000),
  reason: z.string().max(123).optional(),
  timeoutMs,
}).strict();

type StepShape =
  | z.output<typeof connectStep>
  | z.output<typeof sendStep>
  | z.output<typeof expectStep>
  | z.output<typeof expectCloseStep>
  | z.output<typeof waitStep>
  | z.output<typeof pingStep>
  | z.output<typeof disconnectStep>
  | { readonly step: 'repeat'; readonly name?: string | undefined; readonly times: number; readonly steps: readonly StepShape[] }
  | { readonly step: 'parallel'; readonly name?: string | undefined; readonly branches: readonly BranchShape[] };

interface BranchShape {
  readonly name?: string | undefined;
  readonly steps: readonly StepShape[];
}

/** Runs its steps `times` times in order. */
const repeatStep: z.ZodType<Extract<StepShape, { step: 'repeat' }>, unknown> = z.lazy(() =>
  z.object({ step: z.literal('repeat'), name: stepName, times: z.number().int().min(1).max(10_000), steps: z.array(scenarioStepSchema).min(1).max(1_000) }).strict(),
);

/** One branch of a parallel step: its own steps, in order, on connections no other branch uses. */
const branchSchema: z.ZodType<BranchShape, unknown> = z.lazy(() => z.object({ name: stepName, steps: z.array(scenarioStepSchema).min(1).max(1_000) }).strict());

/**
 * Runs its branches at the same time (two clients chatting, a publisher and its subscribers), each
 * branch its steps in order. A connection belongs to one branch, so no two branches read the same
 * inbox; connections opened before the step may be used inside it, and after it.
 */
const parallelStep: z.ZodType<Extract<StepShape, { step: 'parallel' }>, unknown> = z.lazy(() =>
  z.object({ step: z.literal('parallel'), name: stepName, branches: z.array(branchSchema).min(2).max(64) }).strict().superRefine((step, context) => {
    const owners = new Map<string, number>();
    const names = new Map<string, number>();
    step.branches.forEach((branch, index) => {
      if (branch.name !== undefined) {
        const first = names.get(branch.name);
        if (first !== undefined) context.addIssue({ code: 'custom', path: ['branches', index, 'name'], ...explainedIssue(message('workspace:schema.own.branchNameTwice', { branch: first + 1, name: branch.name })) });
        else names.set(branch.name, index);
      }
      for (const alias of aliasesOf(branch.steps)) {
        const owner = owners.get(alias);
        if (owner === undefined) owners.set(alias, index);
        else if (owner !== index) context.addIssue({ code: 'custom', path: ['branches', index, 'steps'], ...explainedIssue(message('workspace:schema.own.branchShared', { first: owner + 1, second: index + 1, alias })) });
      }
    });
  }),
);

/** One step of a scenario. */
export const scenarioStepSchema: z.ZodType<StepShape, unknown> = z.lazy(() =>
  z.discriminatedUnion('step', [connectStep, sendStep, expectStep, expectCloseStep, waitStep, pingStep, disconnectStep, repeatStep as never, parallelStep as never]),
);

/** Every connection alias the steps connect or act on, nested steps included. */
function aliasesOf(steps: readonly StepShape[]): Set<string> {
  const aliases = new Set<string>();
  for (const step of steps) {
    if (step.step === 'repeat') for (const alias of aliasesOf(step.steps)) aliases.add(alias);
    else if (step.step === 'parallel') for (const branch of step.branches) for (const alias of aliasesOf(branch.steps)) aliases.add(alias);
    else if (step.step === 'connect') aliases.add(step.as);
    else if ('on' in step) aliases.add(step.on);
  }
  return aliases;
}

/** A scenario file: `scenarios/<id>.json` (or any file given to `frameline run`). */
export const scenarioFileSchema = z.object({
  format: z.literal(SCENARIO_FORMAT),
  version: z.literal(1),
  name: z.string().min(1).max(200),
  description: z.string().max(10_000).default(''),
  /** The environment used when the run names none. */
  environment: entityIdSchema.optional(),
  steps: z.array(scenarioStepSchema).min(1).max(10_000),
});

export type ScenarioStep = StepShape;
export type ScenarioFile = z.output<typeof scenarioFileSchema>;
export type ConnectStep = z.output<typeof connectStep>;
export type SendStep = z.output<typeof sendStep>;
export type ExpectStep = z.output<typeof expectStep>;
export type ExpectCloseStep = z.output<typeof expectCloseStep>;
export type PingStep = z.output<typeof pingStep>;
export type DisconnectStep = z.output<typeof disconnectStep>;
export type RepeatStep = Extract<StepShape, { step: 'repeat' }>;
export type ParallelStep = Extract<StepShape, { step: 'parallel' }>;
export type ScenarioBranch = BranchShape;
/** A step that does something itself (not a repeat or a parallel step, which hold steps). */
export type LeafStep = Exclude<ScenarioStep, { step: 'repeat' } | { step: 'parallel' }>;
export type CaptureSource = z.output<typeof captureSourceSchema>;
