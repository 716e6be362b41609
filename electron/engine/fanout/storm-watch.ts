import type { StormFigures } from '../../../shared/contract/fanout.js';
import { backoffDelayMs } from '../../../shared/workspace/backoff.js';
import type { StormDrop } from '../../../shared/fanout/storm-figures.js';
import { message } from '../../../shared/i18n/message.js';
import { closedByMessage } from '../doctor/idle-probe.js';
import type { FanoutClient } from './fanout-client.js';
import { delay } from './run-timing.js';

/** What the storm watch needs from its run. */
export interface StormWatchOptions {
  readonly clients: readonly FanoutClient[];
  readonly nowMicros: () => number;
  /** True once the run is closing: no more reconnects. */
  readonly isStopping: () => boolean;
  /** Reconnect every connection that ends early, not only the ones we killed. */
  readonly reconnectAll: boolean;
  /** Sends the subscribe message again on a reconnected client. */
  readonly resubscribe: (client: FanoutClient) => void;
}

// The workspace's reconnect backoff, tighter: a storm on loopback should settle in seconds, not minutes.
const stormBackoff = { baseMs: 100, capMs: 2_000 };

interface Drop {
  client: number;
  droppedAtMicros: number;
  cameBackAtMicros: number | null;
}

/**
 * Reconnect storms: drops a fraction of the open connections at once (a network cut: no close
 * frame), or notices connections the server or path ends, and brings them back with the workspace's
 * backoff (shared/workspace/backoff.ts), recording when each dropped and when it was open again.
 */
export class StormWatch {
  private readonly dropList: Drop[] = [];
  private readonly killed = new Set<FanoutClient>();
  private readonly pending = new AbortController();
  private hasKilled = false;
  private reconnectingCount = 0;
  failedAttempts = 0;

  constructor(private readonly options: StormWatchOptions) {}

  /** Every drop so far. */
  get drops(): readonly StormDrop[] {
    return this.dropList;
  }

  /** Whether we started the storm or the server did. */
  get trigger(): StormFigures['trigger'] {
    return this.hasKilled ? 'killed' : 'server';
  }

  /** Clients waiting to reconnect or dialling again. */
  get reconnecting(): number {
    return this.reconnectingCount;
  }

  /** Follows the open attempt of `client`: when it ends early and should come back, brings it back. */
  watch(client: FanoutClient): void {
    const session = client.session;
    if (!session) return;
    void session.ended.then((closed) => {
      if (this.options.isStopping()) return;
      const wasKilled = this.killed.delete(client);
      if (!wasKilled && !this.options.reconnectAll) return;
      if (!wasKilled) {
        client.note('closed', closedByMessage(closed));
        this.dropList.push({ client: client.client, droppedAtMicros: this.options.nowMicros(), cameBackAtMicros: null });
      }
      void this.bringBack(client, this.dropList.findLast((drop) => drop.client === client.client)!);
    });
  }

  /** Drops `fraction` of the open non-sending clients at once, spread evenly over them (senders keep the stream going). */
  kill(fraction: number): void {
    const open = this.options.clients.filter((client) => client.isOpen && !client.isSender);
    const count = Math.round(open.length * fraction);
    if (count === 0) return;
    this.hasKilled = true;
    const step = open.length / count;
    for (let index = 0; index < count; index++) {
      const client = open[Math.floor(index * step)]!;
      this.killed.add(client);
      this.dropList.push({ client: client.client, droppedAtMicros: this.options.nowMicros(), cameBackAtMicros: null });
      client.note('killed');
      client.session!.abort('dropped by the fan-out reconnect storm');
    }
  }

  /** Cancels every pending reconnect. */
  stop(): void {
    this.pending.abort();
  }

  private async bringBack(client: FanoutClient, drop: Drop): Promise<void> {
    this.reconnectingCount += 1;
    try {
      for (let attempt = 1; !this.options.isStopping(); attempt++) {
        client.note('reconnecting', message('fanout:note.attempt', { attempt }));
        await delay(backoffDelayMs(stormBackoff, attempt, Math.random()), this.pending.signal);
        if (this.options.isStopping()) return;
        if (await client.connect()) {
          drop.cameBackAtMicros = this.options.nowMicros();
          this.options.resubscribe(client);
          this.watch(client);
          return;
        }
        this.failedAttempts += 1;
      }
    } finally {
      this.reconnectingCount -= 1;
    }
  }
}
