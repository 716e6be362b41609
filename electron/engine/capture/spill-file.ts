import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * An append-only temporary file holding the oldest payload bytes of a large capture. Byte `n` of
 * the file is byte `n` of the payload arena, so reads are single positional reads. Synchronous on
 * purpose: each write is one slab (a few MiB) and each read a few rows' worth, both well inside a
 * main-process task budget, and no write is ever in flight while a row is read.
 */
export class SpillFile {
  private fd: number | null = null;
  private folder: string | null = null;
  private size = 0;

  constructor(private readonly parentDirectory: string) {}

  /** Bytes written so far. */
  get byteLength(): number {
    return this.size;
  }

  /** Appends all of `bytes` at the end of the file, creating it on first use. */
  append(bytes: Uint8Array): void {
    const fd = this.open();
    let written = 0;
    while (written < bytes.byteLength) {
      written += writeSync(fd, bytes, written, bytes.byteLength - written, this.size + written);
    }
    this.size += bytes.byteLength;
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

  /** Closes and deletes the file and its folder. */
  dispose(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    if (this.folder !== null) rmSync(this.folder, { recursive: true, force: true });
    this.folder = null;
  }

  private open(): number {
    if (this.fd !== null) return this.fd;
    // A private folder per capture, so the name cannot collide and cleanup is one rm.
    this.folder = mkdtempSync(join(this.parentDirectory, 'frameline-capture-'));
    this.fd = openSync(join(this.folder, 'payloads.bin'), 'w+', 0o600);
    return this.fd;
  }
}
