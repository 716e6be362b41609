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

  /**
   * Notes where the capture put connection record `connectionSeq`: its own seq, or -1 when it did
   * not keep it. Notes normally come in connection order; one that comes earlier is placed where
   * it belongs.
   */
  note(connectionSeq: number, captureSeq: number): void {
    const shift = captureSeq < 0 ? null : captureSeq - connectionSeq;
    const run = this.runOf(connectionSeq, this.starts.length - 1);
    if (this.shifts[run] === shift) return;
    const next = run + 1;
    // A run of its own for this seq; seqs after it that were noted already keep the shift they had.
    if (next < this.starts.length && this.starts[next] !== connectionSeq + 1) {
      this.starts.splice(next, 0, connectionSeq + 1);
      this.shifts.splice(next, 0, this.shifts[run] as number | null);
    }
    if (this.starts[run] === connectionSeq) {
      this.shifts[run] = shift;
    } else {
      this.starts.splice(next, 0, connectionSeq);
      this.shifts.splice(next, 0, shift);
    }
  }

  /** The capture seqs of connection seqs (ascending, as a message lists its frames), without those the capture did not keep. */
  translate(connectionSeqs: readonly number[]): readonly number[] {
    if (this.starts.length === 1 && this.shifts[0] === 0) return connectionSeqs;
    const result: number[] = [];
    let run = 0;
    for (const seq of connectionSeqs) {
      run = this.runOf(seq, run);
      const shift = this.shifts[run] as number | null;
      if (shift !== null) result.push(seq + shift);
    }
    return result;
  }

  // The last run starting at or before `seq`, searching from `from` (on when seqs come ascending, back otherwise).
  private runOf(seq: number, from: number): number {
    let run = from;
    while (run > 0 && (this.starts[run] as number) > seq) run -= 1;
    while (run + 1 < this.starts.length && (this.starts[run + 1] as number) <= seq) run += 1;
    return run;
  }
}
