import type { RecordFilter } from '../../../shared/contract/api-session.js';
import type { RecordRow } from '../../../shared/contract/record-row.js';
import type { CaptureLog } from '../capture/capture-log.js';

/** Rows scanned per step while indexing, so one query never holds the event loop for long. */
const scanSliceRows = 4096;

/**
 * The seqs of a capture that pass one filter, built incrementally: each query scans only the
 * records appended since the last one. Filtering runs in main, next to the data, so the renderer
 * can page through a filtered million-row view without ever holding it.
 */
export class FilteredView {
  private matches = new Uint32Array(1024);
  private matchCount = 0;
  private scannedUpTo = 0;
  private readonly test: (row: RecordRow) => boolean;

  /** `completesProtocolMessage` answers the filter's protocol part for a frame (the session's protocol layer). */
  constructor(readonly key: string, filter: RecordFilter, completesProtocolMessage?: (seq: number) => boolean) {
    this.test = rowPredicate(filter, completesProtocolMessage);
  }

  /**
   * Extends the index to the log's current end and returns `count` rows of the view from `from`.
   * The scan yields to the event loop between slices, so indexing a million records never holds
   * main's loop for more than one slice (DESIGN.md "Performance principles").
   */
  async page(log: CaptureLog, from: number, count: number): Promise<{ total: number; rows: RecordRow[] }> {
    while (this.scannedUpTo < log.count) {
      const rows = log.getRecords(this.scannedUpTo, Math.min(scanSliceRows, log.count - this.scannedUpTo));
      for (const row of rows) if (this.test(row)) this.push(row.seq);
      this.scannedUpTo += rows.length;
      if (rows.length === 0) break;
      if (this.scannedUpTo < log.count) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const end = Math.min(this.matchCount, from + count);
    const rows: RecordRow[] = [];
    for (let index = from; index < end; index++) rows.push(log.getRecords(this.matches[index]!, 1)[0]!);
    return { total: this.matchCount, rows };
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

function rowPredicate(filter: RecordFilter, completesProtocolMessage: ((seq: number) => boolean) | undefined): (row: RecordRow) => boolean {
  const search = searchPredicate(filter);
  const isProtocolFiltered = hasProtocolFilter(filter);
  return (row) => {
    if (row.kind !== 'frame') return filter.direction === 'any' && filter.category === 'all' && filter.opcodes.length === 0 && !isProtocolFiltered && search(eventText(row));
    if (isProtocolFiltered && !(completesProtocolMessage?.(row.seq) ?? false)) return false;
    if (filter.direction !== 'any' && row.direction !== filter.direction) return false;
    const isControl = row.opcode >= 8;
    if (filter.category === 'data' && isControl) return false;
    if (filter.category === 'control' && !isControl) return false;
    if (filter.opcodes.length > 0 && !filter.opcodes.includes(row.opcode)) return false;
    return search(row.payloadPreview ?? '');
  };
}

function searchPredicate(filter: RecordFilter): (text: string) => boolean {
  if (filter.search === '') return () => true;
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

function eventText(row: RecordRow): string {
  if (row.kind === 'event') return row.summary;
  if (row.kind === 'handshake') return `${row.requestLine} ${row.statusCode ?? ''} ${row.reason}`;
  return '';
}
