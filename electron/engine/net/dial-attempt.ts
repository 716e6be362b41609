import type { Duplex } from 'node:stream';
import type { FailureStage } from '../../../shared/contract/records.js';
import type { MessageValue } from '../../../shared/i18n/message.js';
import type { DialHooks } from './dial-options.js';
import type { NetEvent } from './net-event.js';

/** A NetEvent before the attempt stamps it with the session's clock. */
export type UnstampedNetEvent = NetEvent extends infer Event ? (Event extends NetEvent ? Omit<Event, 'atMicros'> : never) : never;

/**
 * The state one dial shares across its steps: the stage reached (for naming a timeout), the
 * connect-timeout timer, and every socket opened so far, so that a timeout or a failure can
 * destroy them all at once.
 */
export class DialAttempt {
  /** The stage in progress, named by the timeout failure. */
  stage: FailureStage = 'dns';
  /** What the stage in progress talks to, for the timeout message. */
  subject: MessageValue = '';
  /** Aborted when the connect timeout expires. */
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private readonly sockets = new Set<Duplex>();
  /** Keeps an error between two steps from becoming an uncaught exception; the next wait sees the socket destroyed. */
  private readonly absorbError = (): void => undefined;
  private readonly timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly hooks: DialHooks,
    readonly timeoutMs: number,
  ) {
    this.signal = this.controller.signal;
    // 0 means no limit, as the session options allow it.
    this.timer = timeoutMs > 0 ? setTimeout(() => this.expire(), timeoutMs) : undefined;
  }

  /** Whether the connect timeout expired. */
  get isTimedOut(): boolean {
    return this.signal.aborted;
  }

  /** Enters a stage; the timeout failure names the last stage entered. */
  enter(stage: FailureStage, subject: MessageValue): void {
    this.stage = stage;
    this.subject = subject;
  }

  /** Registers a socket to destroy if the dial fails or times out. */
  track<S extends Duplex>(socket: S): S {
    this.sockets.add(socket);
    socket.on('error', this.absorbError);
    return socket;
  }

  /** The session's clock. */
  now(): number {
    return this.hooks.nowMicros();
  }

  /** Stamps an event with the session's clock and hands it to the session. */
  emit(event: UnstampedNetEvent): void {
    this.hooks.onEvent({ ...event, atMicros: this.hooks.nowMicros() } as NetEvent);
  }

  /** Stops the timer; the caller now owns the sockets. */
  succeed(): void {
    clearTimeout(this.timer);
    for (const socket of this.sockets) socket.off('error', this.absorbError);
    this.sockets.clear();
  }

  /** Stops the timer and destroys every socket opened so far. */
  fail(): void {
    clearTimeout(this.timer);
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  private expire(): void {
    this.controller.abort(new Error('connect timeout'));
    for (const socket of this.sockets) socket.destroy();
  }
}
