import type { Readable, Writable } from 'node:stream';

/** The streams a command talks to; tests pass their own. */
export interface CliIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly isStdinTerminal: boolean;
  /**
   * True when stdout no longer holds a written chunk once that write's callback has run (the
   * process's own stdout, which hands it to the system), so a printer may reuse the chunk's memory.
   */
  readonly stdoutReleasesChunks?: boolean;
  /** Writes our own terminal control sequences (the progress line) to stderr; absent, they are not written. */
  readonly writeTerminalControl?: (sequence: string) => void;
}
