import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { CaseCommand } from '../../../shared/conformance/case-command.js';
import { CaseMachine } from '../../../shared/conformance/case-machine.js';
import type { CaseObservation } from '../../../shared/conformance/case-observation.js';
import type { ConformanceCase } from '../../../shared/conformance/conformance-case.js';
import { observeResponse, type ObservedHandshake } from '../../../shared/conformance/observed-handshake.js';
import type { Judgement } from '../../../shared/conformance/verdict.js';
import type { ClosedDetails } from '../../../shared/connection/closed-details.js';
import { seqCounterFrom } from '../../../shared/connection/connection-options.js';
import type { SessionState } from '../../../shared/contract/api-session.js';
import type { SessionOptions } from '../../../shared/contract/session-options.js';
import { notedText } from '../../../shared/i18n/event-text.js';
import { message } from '../../../shared/i18n/message.js';
import type { HandshakeRequestOptions } from '../../../shared/protocol/handshake-request.js';
import { CaptureLog } from '../capture/capture-log.js';
import { connectionDeflate } from '../deflate/connection-deflate.js';
import { formatHostPort } from '../net/dial-target.js';
import { dial } from '../net/dial.js';
import type { NetEvent } from '../net/net-event.js';
import { performHandshake } from '../session/handshake-step.js';
import { MaskingKeySource } from '../session/masking-keys.js';
import { summariseOptions } from '../session/options-summary.js';
import { startSessionClock, type SessionClock } from '../session/session-clock.js';
import { SessionStateCell } from '../session/session-state.js';
import { CaseDriver } from './case-driver.js';
import { blankCaptureHeader } from '../capture/blank-header.js';

/** How one case ended: its judgement, what it rests on, and how long it took. */
export interface CaseOutcome {
  readonly judgement: Judgement;
  readonly observation: CaseObservation;
  readonly durationMs: number;
}

/**
 * One case against a server: its own capture, the dial and the opening handshake (the case's own
 * request, through the user's proxy and TLS settings), then a CaseDriver until the case finishes.
 * Usable as a live session, so the window can watch it and open its capture in the inspector.
 */
export class CaseRun {
  readonly capture: CaptureLog;
  /** Resolves once the case has a verdict, whatever happened (never rejects). */
  readonly outcome: Promise<CaseOutcome>;
  private readonly clock: SessionClock;
  private readonly stateCell = new SessionStateCell();
  private readonly keys = new MaskingKeySource();
  private readonly limits: SessionOptions['limits'] & { readonly sentPayloadRetentionBytes: number };
  private driver: CaseDriver | null = null;
  private isFinished = false;
  private startedAt = 0;
  private closedValue: ClosedDetails | null = null;
  private resolve!: (outcome: CaseOutcome) => void;
  private socket: Duplex | null = null;

  constructor(readonly testCase: ConformanceCase, private readonly options: SessionOptions, private readonly timeoutMs: number) {
    this.clock = startSessionClock();
    this.outcome = new Promise((resolve) => (this.resolve = resolve));
    // Echoes are compared whole, so what the server sends is kept whole (up to maxPayloadBytes); what we send, as the user set.
    this.limits = { ...options.limits, payloadRetentionBytes: options.limits.maxPayloadBytes, sentPayloadRetentionBytes: options.limits.payloadRetentionBytes, closeTimeoutMs: Math.min(options.limits.closeTimeoutMs, 3_000) };
    this.capture = new CaptureLog({
      header: { ...blankCaptureHeader(this.clock.anchorEpochMicros, options.url), options: summariseOptions(options) },
    });
    this.capture.appendEvent({ atMicros: 0, name: 'note', ...notedText(message('conformance:note.case', { id: testCase.id, description: testCase.description })) });
  }

  /** The case's machine, numbering its records from the capture's count now (after the handshake's records). */
  private newMachine(): CaseMachine {
    return new CaseMachine({
      testCase: this.testCase,
      timeoutMs: this.timeoutMs,
      limits: this.limits,
      nextMaskingKey: () => this.keys.next(),
      makeDeflate: (agreement) => connectionDeflate(agreement, 'client'),
      seqs: seqCounterFrom(this.capture.count),
    });
  }

  /** Where the case's connection is in its life. */
  get state(): SessionState {
    return this.stateCell.current;
  }

  /** How the connection ended, once it has. */
  get closed(): ClosedDetails | null {
    return this.closedValue;
  }

  /** Frames recorded so far. */
  get frameCounts(): { framesIn: number; framesOut: number } {
    return this.capture.countFrames();
  }

  /** Calls `listener` on every state change; returns the unsubscribe. */
  onDidChangeState(listener: (state: SessionState) => void): () => void {
    return this.stateCell.onDidChange(listener);
  }

  /** Runs the case; resolves (like `outcome`) with its verdict. */
  async run(): Promise<CaseOutcome> {
    this.startedAt = performance.now();
    try {
      await this.connect();
    } catch (error) {
      this.socket?.destroy();
      const message = error instanceof Error ? error.message : String(error);
      this.failBeforeOpen({ by: 'client', how: 'error', message }, { kind: 'no-response', message, isTimeout: false });
    }
    return this.outcome;
  }

  /** Gives up now (the run was cancelled or hit its own limit): the case ends as a timeout. */
  abort(): void {
    if (this.driver) return this.driver.giveUp();
    const message = `no response within ${this.timeoutMs / 1000} s`;
    this.socket?.destroy();
    this.failBeforeOpen({ by: 'client', how: 'timeout', message }, { kind: 'no-response', message, isTimeout: true });
  }

  private finish(finished: Extract<CaseCommand, { type: 'finished' }>): void {
    if (this.isFinished) return;
    this.isFinished = true;
    this.resolve({ judgement: finished.judgement, observation: finished.observation, durationMs: performance.now() - this.startedAt });
  }

  /** The case ended before its connection opened: the capture is closed and the machine judges the handshake alone. */
  private failBeforeOpen(details: ClosedDetails, handshake: ObservedHandshake): void {
    if (this.isFinished) return;
    this.endBeforeOpen(details);
    for (const command of this.newMachine().handshakeFailed(handshake, this.clock.nowMicros())) if (command.type === 'finished') this.finish(command);
  }

  private async connect(): Promise<void> {
    const options = { ...this.options, limits: { ...this.options.limits, handshakeTimeoutMs: Math.min(this.options.limits.handshakeTimeoutMs, this.timeoutMs) } };
    const hooks = { nowMicros: () => this.clock.nowMicros(), onEvent: (event: NetEvent) => void this.capture.appendEvent(event) };
    const dialed = await dial(options, hooks);
    if (this.isFinished) return dialed.ok ? void dialed.socket.destroy() : undefined;
    if (!dialed.ok) {
      const { stage, message, hint, i18n, code } = dialed.failure;
      this.capture.appendEvent({ atMicros: this.clock.nowMicros(), name: 'error', stage, message, hint, i18n, ...(code ? { code } : {}) });
      return this.failBeforeOpen({ by: 'path', how: 'error', message, i18n: { message: i18n.message } }, { kind: 'no-response', message, isTimeout: false });
    }
    this.socket = dialed.socket;
    (dialed.socket as Partial<Socket>).setNoDelay?.(true);
    dialed.socket.on('error', () => undefined);
    this.capture.updateHeader({ endpoints: { local: dialed.local, remote: dialed.remote }, tls: dialed.tls ?? null });
    const accepted = await performHandshake({
      socket: dialed.socket,
      options,
      capture: this.capture,
      clock: this.clock,
      peer: formatHostPort(dialed.remote.address, dialed.remote.port),
      adjustRequest: (request) => adjustRequest(request, this.testCase),
    });
    if (this.isFinished) return void dialed.socket.destroy();
    const handshake = this.observedHandshake();
    if (!accepted.ok) {
      dialed.socket.destroy();
      return this.failBeforeOpen(accepted.closed, handshake);
    }
    this.stateCell.set('open');
    const machine = this.newMachine();
    this.driver = new CaseDriver(dialed.socket, machine, {
      capture: this.capture,
      clock: this.clock,
      state: this.stateCell,
      onFinished: (finished) => {
        this.closedValue = finished.observation.closed;
        this.finish(finished);
      },
    });
    this.driver.start(machine.opened(handshake, this.clock.nowMicros(), accepted.rest));
  }

  /** The handshake as the judges read it, from the record the handshake step appended. */
  private observedHandshake(): ObservedHandshake {
    const record = this.capture.header.handshake;
    if (!record?.response) {
      const error = [...this.capture.getRecords(0, this.capture.count)].reverse().find((row) => row.kind === 'event' && row.name === 'error');
      const message = error && 'summary' in error ? String(error.summary) : 'no response';
      return { kind: 'no-response', message, isTimeout: /within|timed? ?out/i.test(message) };
    }
    const response = record.response;
    return observeResponse(record.request.headers, { statusCode: response.statusCode, reason: response.reason, httpVersion: response.httpVersion, headers: response.headers });
  }

  private endBeforeOpen(details: ClosedDetails): void {
    if (this.capture.isSealed) return;
    this.capture.appendEvent({ atMicros: this.clock.nowMicros(), name: 'closed', ...details });
    this.capture.seal();
    this.closedValue = details;
    this.stateCell.set('closed');
  }
}

/** The case's handshake plan over the request the options would send: no deflate offer unless the case makes one. */
function adjustRequest(request: HandshakeRequestOptions, testCase: ConformanceCase): HandshakeRequestOptions {
  const plan = testCase.handshake ?? {};
  const { deflate: _userOffer, ...rest } = request;
  return {
    ...rest,
    ...(plan.deflate ? { deflate: plan.deflate } : {}),
    ...(plan.version ? { version: plan.version } : {}),
    ...(plan.httpVersion ? { httpVersion: plan.httpVersion } : {}),
    headers: [...(request.headers ?? []), ...(plan.headers ?? [])],
  };
}
