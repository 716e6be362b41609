import { closeSync, mkdtempSync, openSync, readSync, rmSync, write, writeSync } from 'node:fs';
import { join } from 'node:path';
import { noteSpillFolder, spillFolderPrefix } from './spill-registry.js';

/**
 * A temporary file holding the oldest payload bytes of a large capture: byte `n` of the file is
 * byte `n` of the payload arena, so reads are single positional reads. Writes are positional too,
 * one slab each, normally asynchronous (on libuv's thread pool, off the event loop), with a
 * synchronous form for when memory must be freed at once. Reads are synchronous: a few rows' worth
 * at a time, and only of bytes whose write has completed.
 */
export class SpillFile {
  private fd: number | null = null;
  private folder: string | null = null;
  private unnote: (() => void) | null = null;
  private writesInFlight = 0;
  private isDisposed = false;

  constructor(private readonly parentDirectory: string) {}

  /** Writes `bytes` at `position` in the background; `done` gets null or the error. */
  write(position: number, bytes: Uint8Array, done: (error: Error | null) => void): void {
    let fd: number;
    try {
      fd = this.open();
    } catch (error) {
      queueMicrotask(() => done(error as Error));
      return;
    }
    this.writesInFlight += 1;
    const step = (offset: number): void => {
      write(fd, bytes, offset, bytes.byteLength - offset, position + offset, (error, written) => {
        if (error === null && offset + written < bytes.byteLength) return step(offset + written);
        this.writesInFlight -= 1;
        if (this.isDisposed) this.closeWhenIdle();
        done(error);
      });
    };
    step(0);
  }

  /** Writes `bytes` at `position` before returning; throws on failure. */
  writeSync(position: number, bytes: Uint8Array): void {
    const fd = this.open();
    let written = 0;
    while (written < bytes.byteLength) written += writeSync(fd, bytes, written, bytes.byteLength - written, position + written);
  }

  /** Reads `length` bytes at `position` into `target` at `targetOffset`. */
  read(position: number, target: Uint8Array, targetOffset: number, length: number): void {
    if (this.fd === null) throw new Error('spill file read before any write');
    let done = 0;
    while (done < length) {
      const count = readSync(this.fd, target, targetOffset + done, length - done, position + done);
      if (count === 0) throw new Error(`spill file ended at byte ${position + done}`);
      done += count;
    }
  }

  /**
   * Deletes the file and its folder. A write still in flight finishes into the deleted file (POSIX
   * keeps it until closed), and the descriptor is closed when it does.
   */
  dispose(): void {
    this.isDisposed = true;
    try {
      if (this.folder !== null) rmSync(this.folder, { recursive: true, force: true });
    } catch {
      // Windows: the file is open for the write in flight; closeWhenIdle removes it after.
    }
    this.closeWhenIdle();
  }

  private closeWhenIdle(): void {
    if (this.writesInFlight > 0) return;
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    // Windows refuses to delete an open file; by now it is closed.
    if (this.folder !== null) rmSync(this.folder, { recursive: true, force: true });
    this.folder = null;
    this.unnote?.();
    this.unnote = null;
  }

  private open(): number {
    if (this.isDisposed) throw new Error('the capture was disposed');
    if (this.fd !== null) return this.fd;
    // A private folder per capture, named after this process so a later start can sweep it after a crash.
    const folder = mkdtempSync(join(this.parentDirectory, spillFolderPrefix));
    this.folder = folder;
    this.fd = openSync(join(folder, 'payloads.bin'), 'w+', 0o600);
    this.unnote = noteSpillFolder(folder, () => {
      if (this.fd !== null) closeSync(this.fd);
      this.fd = null;
      rmSync(folder, { recursive: true, force: true });
    });
    return this.fd;
  }
}
