import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
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

/**
 * Runs `write` against a `.partial` file next to `path` and renames it when complete, so a failed
 * export never leaves a half file under the real name.
 */
export async function writeFileAtomically(path: string, write: (stream: Writable) => Promise<void>): Promise<void> {
  const partialPath = `${path}.partial`;
  const stream = createWriteStream(partialPath, { mode: 0o600 });
  try {
    await write(stream);
    stream.end();
    await once(stream, 'close');
    await rename(partialPath, path);
  } catch (error) {
    stream.destroy();
    await rm(partialPath, { force: true });
    throw error;
  }
}
