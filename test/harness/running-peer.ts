/** What every started peer hands back: where it listens, how to stop it, and what it logged. */
export interface RunningPeer {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** A ready-made URL for peers that have one (`ws://…`, `wss://…`, `http://…`). */
  readonly url?: string;
  /** Stops the peer and waits until it is gone; safe to call twice. */
  stop(): Promise<void>;
  /** Everything the peer wrote to stdout/stderr (or its own event log), for error messages. */
  logs(): string;
}
