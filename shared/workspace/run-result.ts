/**
 * What one scenario run produced, step by step: the same value drives the window's live ticks,
 * the CLI's lines and every reporter (JUnit, JSON, TAP).
 */

/** Where a step stands. */
export type StepStatus = 'pending' | 'running' | 'passed' | 'failed' | 'skipped';

/** Why a step failed: the expectation, what arrived instead, and the record to open. */
export interface StepFailure {
  readonly message: string;
  readonly expected?: string;
  /** The last message (or close) the step saw, as text. */
  readonly received?: string;
  /** Each way the received message fell short of the expectation. */
  readonly reasons?: readonly string[];
  /** The connection alias and the record in its capture that shows the failure. */
  readonly alias?: string;
  readonly seq?: number;
}

/** One executed step; a step inside `repeat` appears once per iteration. */
export interface StepResult {
  /** 1-based position, dotted through repeats: `3`, `2.1`. */
  readonly path: string;
  /** 1-based iteration of the enclosing repeats, outermost first; empty outside repeats. */
  readonly iterations: readonly number[];
  readonly kind: string;
  /** The step's name, or a description made from its fields. */
  readonly title: string;
  readonly status: StepStatus;
  readonly durationMs: number;
  readonly failure?: StepFailure;
}

/** One connection a run opened, and where its capture was kept. */
export interface RunConnection {
  readonly alias: string;
  readonly url: string;
  /** The capture file written for it (secrets redacted), if the run writes files. */
  readonly captureFile?: string;
  /** The engine session, when the run happened in the window. */
  readonly sessionId?: string;
}

/** A finished (or running) scenario. */
export interface ScenarioRunResult {
  readonly scenario: string;
  readonly fileName: string;
  readonly environment: string | null;
  /** Wall-clock start, ms since the epoch. */
  readonly startedAtMs: number;
  readonly durationMs: number;
  readonly steps: readonly StepResult[];
  readonly connections: readonly RunConnection[];
  /** True only when every step passed. */
  readonly isPassed: boolean;
  /** A problem that stopped the run before or between steps (an unreadable file, an unknown environment). */
  readonly error?: string;
}

/** Counts for summaries. */
export function countSteps(result: Pick<ScenarioRunResult, 'steps'>): Record<'passed' | 'failed' | 'skipped', number> {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const step of result.steps) if (step.status === 'passed' || step.status === 'failed' || step.status === 'skipped') counts[step.status]++;
  return counts;
}

/** `2.1` or `2.1 #3` inside a repeat. */
export function stepLabel(step: Pick<StepResult, 'path' | 'iterations'>): string {
  return step.iterations.length === 0 ? step.path : `${step.path} #${step.iterations.join('.')}`;
}
