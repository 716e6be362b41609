import type { Writable } from 'node:stream';
import { ByteOutput } from '../engine/capture/byte-output.js';
import type { CaptureLog } from '../engine/capture/capture-log.js';
import type { CapturedRecord } from '../engine/capture/captured-record.js';
import { FrameScratch } from '../engine/capture/frame-scratch.js';
import { markPrintableAscii } from './printable-chunks.js';

/** Writes one record to the output buffer: a JSON line, or readable lines. A frame is valid only during the call (the printer reuses it). */
export type RecordFormat = (out: ByteOutput, record: CapturedRecord) => void;

// One write holds at most this much, so a slow reader never makes the process buffer more.
const batchBytes = 256 * 1024;

/**
 * Prints a capture's records as they are appended, in batches, one write in flight at a time:
 * the next batch is formatted only when the output has taken the last one. The capture itself is
 * the buffer, bounded by its budgets, so a slow reader makes printing lag, never memory grow,
 * and the session keeps recording; the printer catches up when the reader does. Records the
 * capture did not keep (past its record budget) are named by the capture's own warning event.
 */
export class RecordPrinter {
  private printed: number;
  private isScheduled = false;
  private isWriting = false;
  private failure: Error | null = null;
  private readonly out = new ByteOutput(batchBytes);
  private readonly scratch = new FrameScratch(true);
  private readonly waiting: (() => void)[] = [];
  private readonly stop: () => void;
  // Made once: an arrow written in `schedule`, which runs for every record appended, would give
  // each call a context of its own (40 B per record in a heap profile), taken or not.
  private readonly pumpSoon = (): void => this.pump();

  /**
   * Prints the records of `log` from `from` on (by default those appended from now on);
   * `reusesChunks` when `output` holds no chunk past its write's callback (`CliIo.stdoutReleasesChunks`).
   */
  constructor(
    private readonly log: CaptureLog,
    private readonly output: Writable,
    private readonly format: RecordFormat,
    from = log.count,
    private readonly reusesChunks = false,
  ) {
    this.printed = from;
    this.stop = log.onDidAppend(() => this.schedule());
    this.schedule();
  }

  /** Resolves once every record appended so far is written (or the output failed). */
  flushed(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Stops printing records appended from now on. */
  dispose(): void {
    this.stop();
  }

  private schedule(): void {
    if (this.isScheduled || this.isWriting || this.failure !== null) return;
    this.isScheduled = true;
    // A batch per turn of the event loop: the socket's reads go first, records pile up in the capture.
    setImmediate(this.pumpSoon);
  }

  private pump(): void {
    this.isScheduled = false;
    const end = this.log.count;
    while (this.printed < end && this.out.length < batchBytes) this.format(this.out, this.log.readRecord(this.printed++, this.scratch));
    if (this.out.length === 0) return this.wake();
    this.isWriting = true;
    const isPrintable = this.out.isPrintableAscii;
    const chunk = this.out.take();
    if (isPrintable) markPrintableAscii(chunk);
    this.output.write(chunk, (error) => {
      this.isWriting = false;
      if (error) this.failure = error;
      else if (this.reusesChunks) this.out.recycle();
      if (this.failure === null && this.printed < this.log.count) this.schedule();
      else this.wake();
    });
  }

  private isIdle(): boolean {
    return this.failure !== null || (!this.isWriting && !this.isScheduled && this.printed >= this.log.count);
  }

  private wake(): void {
    if (!this.isIdle()) return;
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}
