import type { ClosedDetails } from '../../../shared/connection/closed-details.js';
import type { SessionState } from '../../../shared/contract/api-session.js';
import { message, type Message } from '../../../shared/i18n/message.js';
import { backoffDelayMs } from '../../../shared/workspace/backoff.js';
import type { ReconnectPolicy } from '../../../shared/workspace/reconnect-policy.js';
import { describeClose } from '../doctor/idle-probe.js';
import type { ProtocolLayer } from '../protocol/protocol-layer.js';
import type { Session } from '../session/session.js';

/** What the chain watches of a session: when it opens and how it ends. */
export interface WatchedSession {
  onDidChangeState(listener: (state: SessionState) => void): () => void;
  readonly ended: Promise<ClosedDetails>;
}

/** One session of a reconnecting chain, as the engine registered it. */
export interface ChainLink<S extends WatchedSession = Session> {
  readonly session: S;
  readonly sessionId: string;
  /** The session's application-protocol layer, which sends saved protocol messages. */
  readonly protocol?: ProtocolLayer;
}

/** The wall clock and timers the chain uses, injected so tests can drive time by hand. */
export interface ReconnectClock {
  nowMs(): number;
  setTimer(callback: () => void, delayMs: number): unknown;
  clearTimer(handle: unknown): void;
}

/** Node's clock and timers. */
export const systemReconnectClock: ReconnectClock = {
  nowMs: () => Date.now(),
  setTimer: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Why a chain stopped for good. */
export type ReconnectStopReason = 'closed-by-user' | 'gave-up' | 'cancelled';

/** What the chain needs from its owner. */
export interface ReconnectHooks<S extends WatchedSession = Session> {
  /**
   * Makes and registers the session of one attempt, linked to `previous` (null for the first);
   * `note` goes into its capture first, so the timeline of the new session starts with the outage.
   */
  readonly open: (previous: ChainLink<S> | null, note: Message | null) => ChainLink<S>;
  /** Sends the replay messages once a reconnect opened (the owner notes any it could not send). */
  readonly replay: (link: ChainLink<S>) => void;
  /** The chain stopped for good: the user closed it, it was cancelled, or the attempts ran out. */
  readonly onStopped?: (reason: ReconnectStopReason, last: ChainLink<S>) => void;
  /** Uniform in [0, 1): the jitter. */
  readonly random?: () => number;
  readonly clock?: ReconnectClock;
}

/**
 * Auto-reconnect of one saved connection: after an unexpected close (anything but our own close:
 * the server's close frame, a FIN or RST, a failed dial or handshake) it waits the backoff delay
 * with jitter and opens a new session linked to the previous one, whose capture begins with a note
 * naming the attempt and how long the connection has been down. Counting restarts once a session
 * opens; after `maxAttempts` failures in a row it gives up. Each session keeps its own complete
 * capture, so nothing recorded before or after the outage is lost.
 */
export class AutoReconnect<S extends WatchedSession = Session> {
  private current!: ChainLink<S>;
  private failures = 0;
  private timer: unknown = null;
  private isStopped = false;
  private downSinceMs: number | null = null;
  private readonly clock: ReconnectClock;

  constructor(private readonly policy: ReconnectPolicy, private readonly hooks: ReconnectHooks<S>) {
    this.clock = hooks.clock ?? systemReconnectClock;
  }

  /** Opens the first session; returns it. */
  start(): ChainLink<S> {
    this.current = this.hooks.open(null, null);
    this.follow(this.current, false);
    return this.current;
  }

  /** The newest session of the chain. */
  get latest(): ChainLink<S> {
    return this.current;
  }

  /** True while a reconnect is scheduled or the chain still follows its session. */
  get isActive(): boolean {
    return !this.isStopped;
  }

  /** Stops reconnecting (a waiting attempt is dropped); an open session stays open. */
  cancel(): void {
    if (this.isStopped) return;
    this.isStopped = true;
    if (this.timer !== null) this.clock.clearTimer(this.timer);
    this.timer = null;
    this.hooks.onStopped?.('cancelled', this.current);
  }

  private follow(link: ChainLink<S>, isReconnect: boolean): void {
    const unsubscribe = link.session.onDidChangeState((state) => {
      if (state !== 'open') return;
      unsubscribe();
      this.failures = 0;
      this.downSinceMs = null;
      if (isReconnect) this.hooks.replay(link);
    });
    void link.session.ended.then((closed) => this.onEnded(link, closed));
  }

  private onEnded(link: ChainLink<S>, closed: ClosedDetails): void {
    if (this.isStopped || link !== this.current) return;
    if (closed.by === 'client' && closed.how !== 'error' && closed.how !== 'timeout') {
      this.isStopped = true;
      this.hooks.onStopped?.('closed-by-user', link);
      return;
    }
    this.downSinceMs ??= this.clock.nowMs();
    this.failures++;
    if (this.failures > this.policy.maxAttempts) {
      this.isStopped = true;
      this.hooks.onStopped?.('gave-up', link);
      return;
    }
    const attempt = this.failures;
    const delayMs = backoffDelayMs(this.policy, attempt, (this.hooks.random ?? Math.random)());
    this.timer = this.clock.setTimer(() => {
      this.timer = null;
      if (this.isStopped) return;
      const downMs = this.clock.nowMs() - (this.downSinceMs ?? this.clock.nowMs());
      const note = message('workspace:reconnect.note', {
        attempt,
        maxAttempts: this.policy.maxAttempts,
        delayMs,
        downSeconds: (downMs / 1000).toFixed(1),
        how: describeClose(closed),
      });
      this.current = this.hooks.open(link, note);
      this.follow(this.current, true);
    }, delayMs);
  }
}
