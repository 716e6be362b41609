import type { SessionOptions } from '../../../shared/contract/session-options.js';
import { optionsTemplateOf, optionsTemplateSchema, type ConnectionFile } from '../../../shared/workspace/connection-file.js';
import { encodeMessage, messageRequest } from '../../../shared/workspace/message-request.js';
import { expectationMessage, isKeepAliveOnly, matchMessage } from '../../../shared/workspace/message-match.js';
import { fillExpectation } from '../../../shared/workspace/expectation-template.js';
import { resolveOptions } from '../../../shared/workspace/resolve-options.js';
import type { StepFailure } from '../../../shared/workspace/run-result.js';
import type { ConnectStep, DisconnectStep, ExpectCloseStep, ExpectStep, PingStep, SendStep } from '../../../shared/workspace/scenario-file.js';
import { unresolvedText } from '../../../shared/workspace/unresolved-variable.js';
import type { VariableScope } from '../../../shared/workspace/variable-scope.js';
import type { FrameRecordJson } from '../../../shared/contract/records.js';
import { errorText } from '../../../shared/i18n/message-error.js';
import { sessionStateMessage } from '../../../shared/connection/session-state-text.js';
import { message, verbatim, type Message } from '../../../shared/i18n/message.js';
import type { Session } from '../session/session.js';
import { RunConnection } from './run-connection.js';
import { sendSaved } from './send-saved.js';
import { failureLine, failureReasons, stepFailure } from './step-failure-text.js';
import { closedMessage } from '../../../shared/i18n/event-text.js';

/** What a step needs from the run around it. */
export interface StepContext {
  readonly scope: VariableScope;
  /** Values captured by expect steps, read by later steps through `scope`. */
  readonly captured: Map<string, string>;
  readonly connections: Map<string, RunConnection>;
  readonly savedConnection: (id: string) => ConnectionFile | undefined;
  /** Opens (and registers) a session for a connection; the caller starts it. */
  readonly openSession: (connection: RunConnection, options: SessionOptions) => Session;
  readonly signal: AbortSignal | undefined;
}

/** Opens a connection: options filled from the variables (nothing is sent when one is missing), then the handshake. */
export async function connectStep(step: ConnectStep, context: StepContext): Promise<StepFailure | null> {
  const existing = context.connections.get(step.as);
  if (existing && existing.live.state !== 'closed') return stepFailure(message('workspace:failure.alreadyOpen', { alias: step.as }), { alias: step.as });
  const saved = step.connection !== undefined ? context.savedConnection(step.connection) : undefined;
  if (step.connection !== undefined && !saved) return stepFailure(message('workspace:failure.noSavedConnection', { id: step.connection }));
  const savedOptions = saved ? optionsTemplateOf(saved) : undefined;
  const template = savedOptions
    ? { ...savedOptions, headers: [...savedOptions.headers, ...step.headers], subprotocols: step.subprotocols ?? savedOptions.subprotocols }
    : optionsTemplateSchema.parse({ url: step.url, headers: step.headers, subprotocols: step.subprotocols ?? [] });
  const resolved = resolveOptions(template, context.scope);
  if (!resolved.ok) return resolved.invalid !== undefined ? { message: resolved.invalid, alias: step.as } : stepFailure(message('workspace:failure.notConnected', { reason: unresolvedText(resolved.unresolved) }), { alias: step.as });
  const connection = new RunConnection(step.as, resolved.options.url, saved ?? null);
  context.connections.set(step.as, connection);
  const session = context.openSession(connection, resolved.options);
  const started = session.start();
  const outcome = await Promise.race([started.then(() => 'settled' as const), delay(step.timeoutMs, context.signal).then(() => 'timeout' as const)]);
  if (outcome === 'timeout' && session.state !== 'open') {
    session.close();
    return stepFailure(message('workspace:failure.handshakeTimeout', { timeoutMs: step.timeoutMs }), { alias: step.as, seq: Math.max(session.capture.count - 1, 0) });
  }
  if (session.state === 'open') return null;
  const closed = session.closed;
  const status = session.capture.header.handshake?.response?.statusCode;
  const reason = closed?.i18n?.message ?? (closed?.message !== undefined ? verbatim(closed.message) : status !== undefined ? message('workspace:failure.httpStatus', { status }) : message('workspace:failure.connectionClosed'));
  return stepFailure(message('workspace:failure.notConnected', { reason }), {
    expected: '101 Switching Protocols',
    ...(status !== undefined ? { received: `HTTP ${status}` } : failureLine('received', closed ? closedMessage(closed) : message('workspace:failure.line.noResponse'))),
    alias: step.as,
    seq: Math.max(session.capture.count - 1, 0),
  });
}

/** Sends a saved or inline message with its variables filled. */
export function sendStep(step: SendStep, context: StepContext): StepFailure | null {
  const connection = context.connections.get(step.on);
  if (!connection) return stepFailure(message('workspace:failure.noConnection', { alias: step.on }));
  let built;
  if (step.message !== undefined) {
    const saved = connection.saved?.messages.find((each) => each.id === step.message);
    if (!saved) return stepFailure(connection.saved ? message('workspace:failure.noSavedMessage', { alias: step.on, id: step.message }) : message('workspace:failure.noSavedMessageByUrl', { alias: step.on, id: step.message }), { alias: step.on });
    built = messageRequest(saved, context.scope);
  } else {
    const [text, encoding, mode] =
      step.text !== undefined ? [step.text, 'text', 'text'] as const
      : step.json !== undefined ? [JSON.stringify(step.json), 'text', 'json'] as const
      : step.hex !== undefined ? [step.hex, 'hex', 'binary'] as const
      : [step.base64 ?? '', 'base64', 'binary'] as const;
    const filled = context.scope.fill(text);
    built = filled.ok ? encodeMessage({ id: 'inline', mode, encoding }, filled.text) : { ok: false as const, unresolved: filled.missing.map((variable) => ({ variable, field: step.text !== undefined ? 'text' : step.json !== undefined ? 'json' : step.hex !== undefined ? 'hex' : 'base64' })) };
  }
  if (!built.ok) return built.invalid !== undefined ? { message: built.invalid, alias: step.on } : stepFailure(message('workspace:failure.notSent', { problem: unresolvedText(built.unresolved) }), { alias: step.on });
  try {
    sendSaved(built, connection.live, connection.protocol);
    return null;
  } catch (error) {
    return stepFailure(message('workspace:failure.notSent', { problem: errorText(error) ?? verbatim((error as Error).message) }), { alias: step.on, seq: Math.max(connection.live.capture.count - 1, 0) });
  }
}

/** Waits for a matching server message; captures its values. A miss reports the closest message and why it did not match. */
export async function expectStep(template: ExpectStep, context: StepContext): Promise<StepFailure | null> {
  const connection = context.connections.get(template.on);
  if (!connection) return stepFailure(message('workspace:failure.noConnection', { alias: template.on }));
  const filled = fillExpectation(template, context.scope);
  if (!filled.ok) return stepFailure(message('workspace:failure.cannotExpect', { problem: unresolvedText(filled.missing.map((variable) => ({ variable, field: 'expect' }))) }), { alias: template.on });
  const step = filled.step;
  let lastMiss: { text: string; reasons: readonly Message[]; seq: number } | null = null;
  const outcome = await connection.waitFor(() => {
    while (connection.cursor < connection.inbox.length) {
      const entry = connection.inbox[connection.cursor++]!;
      const match = matchMessage(step, entry.message);
      if (match.ok) return match.captures;
      // Keep-alive traffic (a PINGRESP, an Engine.IO ping) says little about why a step failed: it is the closest miss only when nothing else came.
      if (lastMiss === null || !isKeepAliveOnly(entry.message) || step.protocol?.isControl === true) lastMiss = { text: entry.message.text, reasons: match.reasons, seq: entry.seq };
    }
    return undefined;
  }, step.timeoutMs, context.signal);
  if (outcome.kind === 'found') {
    for (const [name, value] of Object.entries(outcome.value)) context.captured.set(name, value);
    return null;
  }
  const miss = lastMiss as { text: string; reasons: readonly Message[]; seq: number } | null;
  return stepFailure(expectMissText(outcome.kind, miss !== null, step.timeoutMs), {
    ...failureLine('expected', expectationMessage(step)),
    ...(miss ? { received: clip(miss.text), ...failureReasons(miss.reasons), seq: miss.seq } : { seq: Math.max(connection.live.capture.count - 1, 0) }),
    alias: step.on,
  });
}

/** A close step's `expected` line: `close`, or `close 1000` with a code. */
function closeExpected(closeCode: number | undefined): Message {
  return closeCode === undefined ? message('workspace:reason.close') : message('workspace:reason.closeWithCode', { closeCode });
}

/** Waits for the connection to close, and checks the close code. */
export async function expectCloseStep(step: ExpectCloseStep, context: StepContext): Promise<StepFailure | null> {
  const connection = context.connections.get(step.on);
  if (!connection) return stepFailure(message('workspace:failure.noConnection', { alias: step.on }));
  const session = connection.live;
  const outcome = await connection.waitFor(() => (session.closed ? session.closed : undefined), step.timeoutMs, context.signal);
  const seq = Math.max(session.capture.count - 1, 0);
  if (outcome.kind !== 'found') return stepFailure(outcome.kind === 'aborted' ? message('workspace:failure.stopped') : message('workspace:failure.stillOpen', { timeoutMs: step.timeoutMs }), { ...failureLine('expected', closeExpected(step.code)), ...failureLine('received', sessionStateMessage(session.state)), alias: step.on, seq });
  const closed = outcome.value;
  const received = closed.closeCode === undefined
    ? message('workspace:failure.line.closedBy', { by: closed.by, how: closed.how })
    : closed.closeReason
      ? message('workspace:failure.line.closedByWithReason', { by: closed.by, how: closed.how, closeCode: closed.closeCode, closeReason: closed.closeReason })
      : message('workspace:failure.line.closedByWithCode', { by: closed.by, how: closed.how, closeCode: closed.closeCode });
  if (step.code !== undefined && closed.closeCode !== step.code) return stepFailure(message('workspace:failure.otherCode'), { ...failureLine('expected', closeExpected(step.code)), ...failureLine('received', received), alias: step.on, seq });
  return null;
}

/** Sends a ping and waits for the pong that answers it (§5.5.3). */
export async function pingStep(step: PingStep, context: StepContext): Promise<StepFailure | null> {
  const connection = context.connections.get(step.on);
  if (!connection) return stepFailure(message('workspace:failure.noConnection', { alias: step.on }));
  const session = connection.live;
  const payload = step.payload ?? `frameline-scenario-${Date.now()}`;
  let scanned = session.capture.count;
  try {
    session.send({ type: 'ping', base64: Buffer.from(payload).toString('base64') });
  } catch (error) {
    return stepFailure(message('workspace:failure.pingNotSent', { problem: errorText(error) ?? verbatim((error as Error).message) }), { alias: step.on });
  }
  const outcome = await connection.waitFor(() => {
    for (; scanned < session.capture.count; scanned++) {
      const record = session.capture.getRecordJson(scanned);
      if (record.kind === 'frame' && record.direction === 'in' && record.opcode === 0xa && (record as FrameRecordJson).rttMicros !== undefined) return record as FrameRecordJson;
    }
    return undefined;
  }, step.withinMs, context.signal);
  if (outcome.kind !== 'found') return stepFailure(outcome.kind === 'closed' ? message('workspace:failure.closedBeforePong') : message('workspace:failure.noPong', { withinMs: step.withinMs }), { ...failureLine('expected', message('workspace:failure.line.pongWithin', { withinMs: step.withinMs })), alias: step.on, seq: Math.max(session.capture.count - 1, 0) });
  const rttMs = (outcome.value.rttMicros ?? 0) / 1000;
  if (rttMs > step.withinMs) return stepFailure(message('workspace:failure.pongLate'), { ...failureLine('expected', message('workspace:failure.line.pongWithin', { withinMs: step.withinMs })), ...failureLine('received', message('workspace:failure.line.pongAfter', { ms: rttMs.toFixed(1) })), alias: step.on, seq: outcome.value.seq });
  return null;
}

/** Starts the closing handshake and waits for the connection to end. */
export async function disconnectStep(step: DisconnectStep, context: StepContext): Promise<StepFailure | null> {
  const connection = context.connections.get(step.on);
  if (!connection) return stepFailure(message('workspace:failure.noConnection', { alias: step.on }));
  const session = connection.live;
  session.close(step.code, step.reason);
  const outcome = await connection.waitFor(() => session.closed ?? undefined, step.timeoutMs, context.signal);
  if (outcome.kind === 'found' || outcome.kind === 'closed') return null;
  return stepFailure(message('workspace:failure.notClosed', { timeoutMs: step.timeoutMs }), { alias: step.on, seq: Math.max(session.capture.count - 1, 0) });
}

/** Resolves after `ms`, or at once when the run is stopped. */
export function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done);
  });
}

/** Why an expect step found nothing: the connection closed, the run stopped or the time ran out; and whether anything new arrived at all. */
function expectMissText(kind: 'closed' | 'aborted' | 'timeout', hasMiss: boolean, timeoutMs: number): Message {
  if (kind === 'closed') return hasMiss ? message('workspace:failure.expectClosed') : message('workspace:failure.expectClosedNothing');
  if (kind === 'aborted') return hasMiss ? message('workspace:failure.expectStopped') : message('workspace:failure.expectStoppedNothing');
  return hasMiss ? message('workspace:failure.expectTimeout', { timeoutMs }) : message('workspace:failure.expectTimeoutNothing', { timeoutMs });
}

function clip(text: string): string {
  return text.length > 2000 ? `${text.slice(0, 2000)}… (${text.length} characters)` : text;
}
