import type { ClosedDetails } from '../../../shared/connection/closed-details.js';
import { backoffDelayMs } from '../../../shared/workspace/backoff.js';
import type { ReconnectPolicy } from '../../../shared/workspace/reconnect-policy.js';
import type { ProtocolLayer } from '../protocol/protocol-layer.js';
import type { Session } from '../session/session.js';

/** One session of a reconnecting chain, as the engine registered it. */
export interface ChainLink {
  readonly session: Session;
  readonly sessionId: string;
  /** The session's application-protocol layer, which sends saved protocol messages. */
  readonly protocol?: ProtocolLayer;
}

/** What the chain needs from its owner. */
export interface ReconnectHooks {
  /**
   * Makes and registers the session of one attempt, linked to `previous` (null for the first);
   * `note` goes into its capture first, so the timeline of the new session starts with the outage.
   */
  readonly open: (previous: ChainLink | null, note: string | null) => ChainLink;
  /** Sends the replay messages once a reconnect opened; returns problems to note (a missing variable). */
  readonly replay: (link: ChainLink) => readonly string[];
  /** The chain stopped for good: the user closed it, or the attempts ran out. */
  readonly onStopped?: (reason: 'closed-by-user' | 'gave-up' | 'cancelled', last: ChainLink) => void;
  readonly random?: () => number;
}

/**
 * Auto-reconnect of one saved connection: after an unexpected close (anything but our own close:
 * the server's close frame, a FIN or RST, a failed dial or handshake) it waits the backoff delay
 * with jitter and opens a new session linked to the previous one, whose capture begins with a note
 * naming the attempt and how long the connection has been down. Counting restarts once a session
 * opens; after `maxAttempts` failures in a row it gives up. Each session keeps its own complete
 * capture, so nothing recorded before or after the outage is lost.
 */
export class AutoReconnect {
  private current!: ChainLink;
  private failures = 0;
  private timer: NodeJS.Timeout | null = null;
  private isStopped = false;
  private downSinceMs: number | null = null;

  constructor(private readonly policy: ReconnectPolicy, private readonly hooks: ReconnectHooks) {}

  /** Opens the first session; returns it. */
  start(): ChainLink {
    this.current = this.hooks.open(null, null);
    this.follow(this.current, false);
    return this.current;
  }

  /** The newest session of the chain. */
  get latest(): ChainLink {
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
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.hooks.onStopped?.('cancelled', this.current);
  }

  private follow(link: ChainLink, isReconnect: boolean): void {
    const unsubscribe = link.session.onDidChangeState((state) => {
      if (state !== 'open') return;
      unsubscribe();
      this.failures = 0;
      this.downSinceMs = null;
      if (isReconnect) {
        const problems = this.hooks.replay(link);
        for (const problem of problems) link.session.capture.appendEvent({ atMicros: link.session.clock.nowMicros(), name: 'warning', message: problem });
      }
    });
    void link.session.ended.then((closed) => this.onEnded(link, closed));
  }

  private onEnded(link: ChainLink, closed: ClosedDetails): void {
    if (this.isStopped || link !== this.current) return;
    if (closed.by === 'client' && closed.how !== 'error' && closed.how !== 'timeout') {
      this.isStopped = true;
      this.hooks.onStopped?.('closed-by-user', link);
      return;
    }
    this.downSinceMs ??= Date.now();
    this.failures++;
    if (this.failures > this.policy.maxAttempts) {
      this.isStopped = true;
      this.hooks.onStopped?.('gave-up', link);
      return;
    }
    const attempt = this.failures;
    const delayMs = backoffDelayMs(this.policy, attempt, (this.hooks.random ?? Math.random)());
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.isStopped) return;
      const downMs = Date.now() - (this.downSinceMs ?? Date.now());
      const how = `${closed.by}, ${closed.how}${closed.closeCode !== undefined ? ` ${closed.closeCode}` : ''}${closed.message ? `: ${closed.message}` : ''}`;
      const note = `auto-reconnect attempt ${attempt} of ${this.policy.maxAttempts} after a ${delayMs} ms backoff; the connection has been down ${(downMs / 1000).toFixed(1)} s (the previous session ended: ${how})`;
      this.current = this.hooks.open(link, note);
      this.follow(this.current, true);
    }, delayMs);
  }
}
