import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** Writes to a stream, waiting for `drain` when its buffer is full; a stream error surfaces on the next write. */
export class StreamWriter {
  private streamError: unknown = null;
  private readonly onError = (error: unknown): void => {
    this.streamError ??= error;
  };

  constructor(private readonly stream: Writable) {
    stream.on('error', this.onError);
  }

  /** Writes text (UTF-8) or bytes. */
  async write(chunk: string | Uint8Array): Promise<void> {
    if (this.streamError !== null) throw this.streamError;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  /** Stops listening for errors; throws the stream's error if there was one. The stream stays open. */
  finish(): void {
    this.stream.off('error', this.onError);
    if (this.streamError !== null) throw this.streamError;
  }
}

