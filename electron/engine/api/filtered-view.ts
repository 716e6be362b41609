import { performance } from 'node:perf_hooks';
import type { RecordFilter } from '../../../shared/contract/api-session.js';
import { PREVIEW_MAX_BYTES, type RecordRow } from '../../../shared/contract/record-row.js';
import type { CaptureLog } from '../capture/capture-log.js';
import { directionOf, kindOf } from '../capture/record-flags.js';
import { recordRow } from '../capture/record-rows.js';
import { previewSearch } from './preview-search.js';

/** How long one scan step may hold the event loop before it yields (DESIGN.md "Performance principles"). */
const defaultScanStepMs = 4;
// The clock is read once per this many records, so reading it costs nothing next to the scan.
const recordsPerClockCheck = 256;
/**
 * The most records one scan step looks at, whatever the clock says. Each record costs a few column
 * reads and at most one search over its preview (PREVIEW_MAX_BYTES), so a step's work is bounded by
 * this count, not only by a clock that a loaded machine reads late: at the 0.6 µs per record measured
 * for a regex over a million records under load, a full step is about 5 ms.
 */
export const MAX_RECORDS_PER_SCAN_STEP = 8192;

/**
 * The seqs of a capture that pass one filter, built incrementally: each query scans only the
 * records appended since the last one. Filtering runs in main, next to the data, over the stored
 * fields and payload bytes directly (no row objects), so the renderer can page through a filtered
 * million-row view without ever holding it.
 */
export class FilteredView {
  private matches = new Uint32Array(1024);
  private matchCount = 0;
  private scannedUpTo = 0;
  private readonly matchesFrame: (log: CaptureLog, seq: number, flags: number) => boolean;
  private readonly matchesOther: (log: CaptureLog, seq: number) => boolean;

  /**
   * `completesProtocolMessage` answers the filter's protocol part for a frame (the session's protocol
   * layer); `scanStepMs` is how long a scan step may run before it yields, whatever its work bound.
   */
  constructor(readonly key: string, filter: RecordFilter, completesProtocolMessage?: (seq: number) => boolean, private readonly scanStepMs = defaultScanStepMs) {
    const search = searchPredicate(filter);
    const matchesColumns = framePredicate(filter, search === null ? null : previewSearch(search));
    const isProtocolFiltered = hasProtocolFilter(filter);
    this.matchesFrame = isProtocolFiltered ? (log, seq, flags) => (completesProtocolMessage?.(seq) ?? false) && matchesColumns(log, seq, flags) : matchesColumns;
    const keepsOthers = filter.direction === 'any' && filter.category === 'all' && filter.opcodes.length === 0 && !isProtocolFiltered;
    this.matchesOther = (log, seq) => keepsOthers && (search === null || search(otherText(recordRow(log, seq, 0))));
  }

  /**
   * Extends the index to the log's current end and returns `count` rows of the view from `from`.
   * The scan yields to the event loop every few milliseconds, so indexing a million records never
   * holds main's loop for long.
   */
  async page(log: CaptureLog, from: number, count: number): Promise<{ total: number; rows: RecordRow[] }> {
    while (this.scannedUpTo < log.count) {
      this.scanStep(log);
      if (this.scannedUpTo < log.count) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return this.rowsFrom(log, from, count);
  }

  /**
   * The view's last `count` rows with its total, when one scan step brings the index to the log's
   * end (a records batch's worth); null when more is left to scan, so a batch never waits on it.
   * The step is bounded by its record count alone: a clock read late on a loaded machine would
   * otherwise cut it short and send the window back to asking.
   */
  tailInOneStep(log: CaptureLog, count: number): { from: number; total: number; rows: RecordRow[] } | null {
    if (this.scannedUpTo < log.count) this.scanStep(log, Number.POSITIVE_INFINITY);
    if (this.scannedUpTo < log.count) return null;
    const from = Math.max(0, this.matchCount - count);
    return { from, ...this.rowsFrom(log, from, count) };
  }

  private rowsFrom(log: CaptureLog, from: number, count: number): { total: number; rows: RecordRow[] } {
    const end = Math.min(this.matchCount, from + count);
    const rows: RecordRow[] = [];
    for (let index = from; index < end; index++) rows.push(recordRow(log, this.matches[index] as number, PREVIEW_MAX_BYTES));
    return { total: this.matchCount, rows };
  }

  private scanStep(log: CaptureLog, stepMs = this.scanStepMs): void {
    const end = log.count;
    const deadline = performance.now() + stepMs;
    let seq = this.scannedUpTo;
    const stepEnd = Math.min(end, seq + MAX_RECORDS_PER_SCAN_STEP);
    while (seq < stepEnd) {
      const flags = log.flagsAt(seq);
      const isMatch = kindOf(flags) === 'frame' ? this.matchesFrame(log, seq, flags) : this.matchesOther(log, seq);
      if (isMatch) this.push(seq);
      seq += 1;
      if (seq % recordsPerClockCheck === 0 && performance.now() >= deadline) break;
    }
    this.scannedUpTo = seq;
  }

  private push(seq: number): void {
    if (this.matchCount === this.matches.length) {
      const grown = new Uint32Array(this.matches.length * 2);
      grown.set(this.matches);
      this.matches = grown;
    }
    this.matches[this.matchCount++] = seq;
  }
}

/** True when a filter keeps every row, so the plain log can answer without an index. */
export function isEmptyFilter(filter: RecordFilter): boolean {
  return (filter.direction === 'any' && filter.category === 'all' && filter.opcodes.length === 0 && filter.search === '' && !hasProtocolFilter(filter));
}

/** True when the filter asks for protocol traffic (a category or kinds). */
export function hasProtocolFilter(filter: RecordFilter): boolean {
  return filter.protocolCategory !== 'all' || filter.protocolKinds.length > 0;
}

/** A stable key for caching one filter's index. */
export function filterKey(filter: RecordFilter): string {
  return JSON.stringify([filter.direction, filter.category, [...filter.opcodes].sort(), filter.search, filter.isRegex, filter.protocolCategory, [...filter.protocolKinds].sort()]);
}

// Direction, category and opcode come from the columns; only a frame that passes them has its
// payload preview (the text the timeline shows) searched, located in place (preview-search.ts).
function framePredicate(filter: RecordFilter, search: ((log: CaptureLog, seq: number) => boolean) | null): (log: CaptureLog, seq: number, flags: number) => boolean {
  const opcodes = new Set(filter.opcodes);
  return (log, seq, flags) => {
    if (filter.direction !== 'any' && directionOf(flags) !== filter.direction) return false;
    const opcode = log.opcodeAt(seq);
    const isControl = opcode >= 8;
    if (filter.category === 'data' && isControl) return false;
    if (filter.category === 'control' && !isControl) return false;
    if (opcodes.size > 0 && !opcodes.has(opcode)) return false;
    return search === null || search(log, seq);
  };
}

function searchPredicate(filter: RecordFilter): ((text: string) => boolean) | null {
  if (filter.search === '') return null;
  if (filter.isRegex) {
    let pattern: RegExp;
    try {
      pattern = new RegExp(filter.search, 'i');
    } catch {
      // An unfinished pattern while the user types matches nothing rather than failing the query.
      return () => false;
    }
    return (text) => pattern.test(text);
  }
  const needle = filter.search.toLowerCase();
  return (text) => text.toLowerCase().includes(needle);
}

function otherText(row: RecordRow): string {
  if (row.kind === 'event') return row.summary;
  if (row.kind === 'handshake') return `${row.requestLine} ${row.statusCode ?? ''} ${row.reason}`;
  return '';
}

/** The test one filter applies to a row already built (the messages view's whole-message rows). */
export function rowPredicate(filter: RecordFilter): (row: RecordRow) => boolean {
  const search = searchPredicate(filter);
  const matches = (text: string): boolean => search === null || search(text);
  return (row) => {
    if (row.kind !== 'frame') return filter.direction === 'any' && filter.category === 'all' && filter.opcodes.length === 0 && matches(otherText(row));
    if (filter.direction !== 'any' && row.direction !== filter.direction) return false;
    const isControl = row.opcode >= 8;
    if (filter.category === 'data' && isControl) return false;
    if (filter.category === 'control' && !isControl) return false;
    if (filter.opcodes.length > 0 && !filter.opcodes.includes(row.opcode)) return false;
    return matches(row.payloadPreview ?? '');
  };
}
