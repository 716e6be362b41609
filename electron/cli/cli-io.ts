import type { Readable, Writable } from 'node:stream';

/** The streams a command talks to; tests pass their own. */
export interface CliIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly isStdinTerminal: boolean;
  /** Writes our own terminal control sequences (the progress line) to stderr; absent, they are not written. */
  readonly writeTerminalControl?: (sequence: string) => void;
}
