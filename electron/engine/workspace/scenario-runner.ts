import { mkdir } from 'node:fs/promises';
import { errorText, MessageError } from '../../../shared/i18n/message-error.js';
import { join } from 'node:path';
import type { SessionOptions } from '../../../shared/contract/session-options.js';
import { message } from '../../../shared/i18n/message.js';
import type { RunConnection as RunConnectionInfo, ScenarioRunResult, StepFailure, StepResult } from '../../../shared/workspace/run-result.js';
import type { ScenarioFile } from '../../../shared/workspace/scenario-file.js';
import { planScenario, type PlanNode, type PlannedStep } from '../../../shared/workspace/scenario-plan.js';
import { layerOf, VariableScope } from '../../../shared/workspace/variable-scope.js';
import { exportCaptureFile } from '../capture/export/export-capture.js';
import { liveProtocolLayer } from '../protocol/live-protocol-layer.js';
import type { ProtocolLayer } from '../protocol/protocol-layer.js';
import { Session } from '../session/session.js';
import { nodeDynamicSource } from './node-dynamic-source.js';
import type { ExtraVariables, OpenWorkspace } from './open-workspace.js';
import type { RunConnection } from './run-connection.js';
import { connectStep, delay, disconnectStep, expectCloseStep, expectStep, pingStep, sendStep, type StepContext } from './scenario-steps.js';
import { secretRedaction } from './secret-redaction.js';
import { stepFailure } from './step-failure-text.js';

/** What to run. */
export interface ScenarioRunInput {
  readonly scenario: ScenarioFile;
  /** As reports name it (relative to the workspace when inside one). */
  readonly fileName: string;
  /** The workspace whose connections, environments and secrets the scenario uses; null for a file outside any. */
  readonly workspace: OpenWorkspace | null;
  /** The environment asked for (`--env`); else the scenario's, else the workspace default. */
  readonly environment: string | null;
  readonly extra: ExtraVariables;
}

/** Where a run reports to. */
export interface ScenarioRunHooks {
  /** A session was made for a connection alias, before it dials; returns the engine's session id when the window shows it. */
  readonly onSession?: (alias: string, session: Session, protocol: ProtocolLayer) => string | undefined;
  /** The steps changed (one started or finished). */
  readonly onProgress?: (steps: readonly StepResult[]) => void;
  readonly signal?: AbortSignal;
  /** Each connection's capture is written here as `<alias>.frameline.json`, secrets redacted; null writes none. */
  readonly captureDirectory: string | null;
}

/** How long a run waits for its connections to close once the steps are done. */
const closeWaitMs = 5_000;

/**
 * Runs a scenario: repeats unrolled, steps in order over any number of concurrent connections, the
 * branches of a parallel step at the same time. The first failure skips the rest of its sequence: a
 * failed step in a branch skips the rest of that branch while the other branches run on (each step
 * has its own timeout), and once the parallel step is over the rest of the scenario is skipped.
 * Every connection is closed at the end and its capture written (secret values redacted), pass or fail.
 */
export async function runScenario(input: ScenarioRunInput, hooks: ScenarioRunHooks): Promise<ScenarioRunResult> {
  const startedAtMs = Date.now();
  const started = performance.now();
  const environment = input.workspace ? input.workspace.environmentId(input.environment ?? input.scenario.environment) : (input.environment ?? null);
  const base = { scenario: input.scenario.name, fileName: input.fileName, environment, startedAtMs };
  const plan = planScenario(input.scenario);
  if (!plan.ok) return { ...base, durationMs: 0, steps: [], connections: [], isPassed: false, error: plan.message, errorText: plan.text };
  let scope: VariableScope;
  try {
    scope = input.workspace ? await input.workspace.scope(environment, input.extra) : scopeWithoutWorkspace(input.extra, environment);
  } catch (error) {
    const text = errorText(error);
    return { ...base, durationMs: 0, steps: [], connections: [], isPassed: false, error: (error as Error).message, ...(text ? { errorText: text } : {}) };
  }
  const captured = new Map<string, string>();
  const connections = new Map<string, RunConnection>();
  const every: RunConnection[] = [];
  const context: StepContext = {
    scope: scope.withLayer({ label: 'captured', values: captured, isSecret: false }),
    captured,
    connections,
    savedConnection: (id) => input.workspace?.connection(id),
    openSession: (connection, options) => openSession(connection, options, hooks, every),
    signal: hooks.signal,
  };
  const steps: StepResult[] = plan.steps.map((planned) => ({
    path: planned.path,
    iterations: [...planned.iterations],
    ...(planned.branch ? { branch: { ...planned.branch } } : {}),
    kind: planned.step.step,
    title: planned.title,
    titleMessage: planned.titleMessage,
    status: 'pending',
    durationMs: 0,
  }));
  hooks.onProgress?.(steps);
  const runLeaf = async (index: number): Promise<boolean> => {
    steps[index] = { ...steps[index]!, status: 'running' };
    hooks.onProgress?.(steps);
    const stepStarted = performance.now();
    const failure = await runStep(plan.steps[index]!, context);
    const aborted: StepFailure | null = failure === null && hooks.signal?.aborted ? stepFailure(message('workspace:failure.stopped')) : null;
    const outcome = failure ?? aborted;
    steps[index] = { ...steps[index]!, status: outcome ? 'failed' : 'passed', durationMs: Math.round(performance.now() - stepStarted), ...(outcome ? { failure: outcome } : {}) };
    hooks.onProgress?.(steps);
    return outcome !== null;
  };
  const skip = (node: PlanNode): void => {
    if (node.kind === 'step') steps[node.index] = { ...steps[node.index]!, status: 'skipped' };
    else for (const branch of node.branches) branch.forEach(skip);
  };
  /** Runs nodes in order, a parallel node's branches at once; the first failure skips the rest of this sequence. Returns whether anything failed. */
  const runNodes = async (nodes: readonly PlanNode[]): Promise<boolean> => {
    let isFailed = false;
    for (const node of nodes) {
      if (isFailed || hooks.signal?.aborted) skip(node);
      else if (node.kind === 'step') isFailed = await runLeaf(node.index);
      else isFailed = (await Promise.all(node.branches.map(runNodes))).some(Boolean);
    }
    return isFailed;
  };
  const isFailed = await runNodes(plan.nodes);
  const runConnections = await finish(every, hooks.captureDirectory, scope);
  hooks.onProgress?.(steps);
  return { ...base, durationMs: Math.round(performance.now() - started), steps, connections: runConnections, isPassed: !isFailed && steps.every((step) => step.status === 'passed') };
}

function runStep(planned: PlannedStep, context: StepContext): Promise<StepFailure | null> {
  const step = planned.step;
  switch (step.step) {
    case 'connect':
      return connectStep(step, context);
    case 'send':
      return Promise.resolve(sendStep(step, context));
    case 'expect':
      return expectStep(step, context);
    case 'expect-close':
      return expectCloseStep(step, context);
    case 'wait':
      return delay(step.ms, context.signal).then(() => null);
    case 'ping':
      return pingStep(step, context);
    case 'disconnect':
      return disconnectStep(step, context);
  }
}

function openSession(connection: RunConnection, options: SessionOptions, hooks: ScenarioRunHooks, every: RunConnection[]): Session {
  const session = new Session(`scenario-${connection.alias}-${every.length + 1}`, options, {}, { onMessage: (message) => connection.receive(message) });
  const protocol = liveProtocolLayer(session);
  connection.attach(session, protocol);
  connection.sessionId = hooks.onSession?.(connection.alias, session, protocol);
  every.push(connection);
  return session;
}

/** Closes what is still open, waits (bounded), writes each capture with the secrets redacted. */
async function finish(every: readonly RunConnection[], directory: string | null, scope: VariableScope): Promise<RunConnectionInfo[]> {
  for (const connection of every) if (connection.live.state !== 'closed') connection.live.close(1000, 'scenario finished');
  await Promise.race([Promise.all(every.map((connection) => connection.live.ended)), delay(closeWaitMs, undefined)]);
  for (const connection of every) if (connection.live.state !== 'closed') connection.live.close();
  if (directory !== null) await mkdir(directory, { recursive: true });
  const names = new Map<string, number>();
  const infos: RunConnectionInfo[] = [];
  for (const connection of every) {
    const count = (names.get(connection.alias) ?? 0) + 1;
    names.set(connection.alias, count);
    const captureFile = directory === null ? undefined : join(directory, `${connection.alias}${count > 1 ? `-${count}` : ''}.frameline.json`);
    if (captureFile) await exportCaptureFile(connection.live.capture, 'json', captureFile, secretRedaction(scope.allSecretValues));
    infos.push({ alias: connection.alias, url: connection.url, ...(captureFile ? { captureFile } : {}), ...(connection.sessionId ? { sessionId: connection.sessionId } : {}) });
  }
  return infos;
}

function scopeWithoutWorkspace(extra: ExtraVariables, environment: string | null): VariableScope {
  if (environment !== null) throw new MessageError(message('errors:session.envNeedsWorkspace', { environment }));
  return new VariableScope([layerOf('--var', extra.values ?? {}), layerOf('--secrets', extra.secrets ?? {}, true)], nodeDynamicSource);
}
