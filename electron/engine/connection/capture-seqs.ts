/**
 * The connection's record numbers as the capture's. The two agree until the capture does
 * something of its own: a budget warning it inserts before the record that reached a budget, a
 * frame it only counts past its record budget, or an event its owner appends mid-connection (a
 * workspace's replay warning). Each time the difference changes, a run starts here; a message's
 * frame seqs are translated through the runs, and frames the capture did not keep are left out.
 * Runs are few: they start only at such records, and a run of dropped frames only where kept
 * events interleave with them (bounded by the capture's event reserve).
 */
export class CaptureSeqs {
  // Parallel arrays, ascending by connection seq: from `starts[i]` on, capture seq = connection seq + `shifts[i]`, or dropped when null.
  private readonly starts: number[] = [0];
  private readonly shifts: (number | null)[] = [0];
  private lastConnectionSeq = -1;
  private lastCaptureSeq = -1;

  /**
   * Notes where the capture put connection record `connectionSeq`: its own seq, or -1 when it
   * did not keep it. Throws when the capture numbered backwards, which only a bug can cause.
   */
  note(connectionSeq: number, captureSeq: number): void {
    if (connectionSeq <= this.lastConnectionSeq) throw new Error(`connection record ${connectionSeq} came after ${this.lastConnectionSeq}`);
    this.lastConnectionSeq = connectionSeq;
    const shift = captureSeq < 0 ? null : captureSeq - connectionSeq;
    if (captureSeq >= 0) {
      if (captureSeq <= this.lastCaptureSeq) throw new Error(`connection record ${connectionSeq} became capture record ${captureSeq}, not after ${this.lastCaptureSeq}`);
      this.lastCaptureSeq = captureSeq;
    }
    if (this.shifts[this.shifts.length - 1] === shift) return;
    this.starts.push(connectionSeq);
    this.shifts.push(shift);
  }

  /** The capture seqs of connection seqs (ascending, as a message lists its frames), without those the capture did not keep. */
  translate(connectionSeqs: readonly number[]): readonly number[] {
    if (this.starts.length === 1) return connectionSeqs;
    const result: number[] = [];
    let run = 0;
    for (const seq of connectionSeqs) {
      run = this.runOf(seq, run);
      const shift = this.shifts[run] as number | null;
      if (shift !== null) result.push(seq + shift);
    }
    return result;
  }

  // The last run starting at or before `seq`, searching on from `from` (seqs come ascending).
  private runOf(seq: number, from: number): number {
    let run = from;
    if ((this.starts[run] as number) > seq) run = 0;
    while (run + 1 < this.starts.length && (this.starts[run + 1] as number) <= seq) run += 1;
    return run;
  }
}
