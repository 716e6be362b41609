import type { Writable } from 'node:stream';
import { ByteOutput } from '../engine/capture/byte-output.js';
import type { CaptureLog } from '../engine/capture/capture-log.js';
import type { CapturedRecord } from '../engine/capture/captured-record.js';
import { FrameScratch } from '../engine/capture/frame-scratch.js';
import { markPrintableAscii } from './printable-chunks.js';

/** Writes one record to the output buffer: a JSON line, or readable lines. A frame is valid only during the call (the printer reuses it). */
export type RecordFormat = (out: ByteOutput, record: CapturedRecord) => void;

/** Where a printer starts and what it may assume. */
export interface RecordPrinterOptions {
  /** The first record printed; by default the next one appended. */
  readonly from?: number;
  /** `output` holds no chunk past its write's callback (`CliIo.stdoutReleasesChunks`), so chunks are reused. */
  readonly reusesChunks?: boolean;
  /**
   * Nothing reads a record once it is printed (no capture file is written at the end): the log
   * lets go of printed records (`CaptureLog.releaseBefore`), so a long session holds a few slabs
   * and column chunks rather than all of them, and never reaches the record budget while printing
   * keeps up.
   */
  readonly releasesPrinted?: boolean;
}

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
  private readonly reusesChunks: boolean;
  private readonly releasesPrinted: boolean;
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

  /** Prints the records of `log` as `format` writes them, as `options` say. */
  constructor(
    private readonly log: CaptureLog,
    private readonly output: Writable,
    private readonly format: RecordFormat,
    options: RecordPrinterOptions = {},
  ) {
    this.printed = options.from ?? log.count;
    this.reusesChunks = options.reusesChunks === true;
    this.releasesPrinted = options.releasesPrinted === true;
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
    // Right after the code that appended (a socket read's records), before the next read: printing
    // keeps pace with decoding, so printed records are let go (`releasesPrinted`) rather than pile
    // up. A slow reader still only makes records wait in the capture: a batch waits for the last write.
    queueMicrotask(this.pumpSoon);
  }

  private pump(): void {
    this.isScheduled = false;
    const end = this.log.count;
    while (this.printed < end && this.out.length < batchBytes) this.format(this.out, this.log.readRecord(this.printed++, this.scratch));
    // The batch holds copies of what it printed.
    if (this.releasesPrinted) this.log.releaseBefore(this.printed);
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
