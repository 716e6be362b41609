import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { FilteredView, filterKey, MAX_RECORDS_PER_SCAN_STEP } from '../../../electron/engine/api/filtered-view.js';
import { CaptureLog } from '../../../electron/engine/capture/capture-log.js';
import type { RecordFilter } from '../../../shared/contract/api-session.js';
import type { RecordRow } from '../../../shared/contract/record-row.js';
import { sampleFrame, sampleHeader } from '../capture/capture-fixtures.js';

// A session with every kind of row a filter meets: text and binary frames both ways, control
// frames, a compressed message previewed inflated, a payload cut mid code point, events and the handshake.
function mixedLog(): CaptureLog {
  const log = new CaptureLog({ header: sampleHeader() });
  log.appendEvent({ atMicros: 0, name: 'tcp-connected', remote: '127.0.0.1:8080' });
  log.appendHandshake({
    atMicros: 10,
    request: { method: 'GET', target: '/Chat', httpVersion: '1.1', headers: [], raw: 'R0VU' },
    response: { httpVersion: '1.1', statusCode: 101, reason: 'Switching Protocols', headers: [], raw: 'SFRUUA==' },
    checks: [],
  });
  // ASCII and not: the Kelvin sign and dotted capital I lower-case to ASCII letters (and a mark).
  const texts = ['{"price":99.5,"seq":17}', 'Hello World', 'héllo wörld', 'PRICE list', '', 'x'.repeat(300) + 'needle', 'Kelvin \u212a', '\u0130stanbul', '\ufeffBOM Price', 'ÀB ab'];
  for (let index = 0; index < 120; index += 1) {
    const direction = index % 3 === 0 ? 'out' : 'in';
    const kind = index % 7;
    if (kind === 0) log.appendFrame(sampleFrame(Uint8Array.of(0xde, 0xad, index, 0xff), { opcode: 2, atMicros: index }), direction);
    else if (kind === 1) log.appendFrame(sampleFrame('ping', { opcode: 9, atMicros: index }), direction);
    else if (kind === 2) log.appendFrame(sampleFrame(Uint8Array.of(0xf2, 0x48), { rsv1: true, atMicros: index, inflatedPayload: new TextEncoder().encode(`inflated ${index} price`) }), direction);
    else if (kind === 3) log.appendFrame(sampleFrame(new TextEncoder().encode('cut é').subarray(0, 5), { atMicros: index, payloadLength: 9, payloadTruncated: true }), direction);
    else log.appendFrame(sampleFrame(`${texts[index % texts.length]} #${index}`, { atMicros: index, opcode: kind === 6 ? 0 : 1 }), direction);
  }
  log.appendEvent({ atMicros: 999, name: 'closed', by: 'server', how: 'close-frame', closeCode: 1000, closeReason: 'price drop' });
  log.seal();
  return log;
}

// What the filter means, over full rows: the row-based filter the view replaced.
function reference(row: RecordRow, filter: RecordFilter): boolean {
  const search = (text: string): boolean => {
    if (filter.search === '') return true;
    if (!filter.isRegex) return text.toLowerCase().includes(filter.search.toLowerCase());
    try {
      return new RegExp(filter.search, 'i').test(text);
    } catch {
      return false;
    }
  };
  if (row.kind !== 'frame') {
    const text = row.kind === 'event' ? row.summary : `${row.requestLine} ${row.statusCode ?? ''} ${row.reason}`;
    return filter.direction === 'any' && filter.category === 'all' && filter.opcodes.length === 0 && search(text);
  }
  if (filter.direction !== 'any' && row.direction !== filter.direction) return false;
  if (filter.category === 'data' && row.opcode >= 8) return false;
  if (filter.category === 'control' && row.opcode < 8) return false;
  if (filter.opcodes.length > 0 && !filter.opcodes.includes(row.opcode)) return false;
  return search(row.payloadPreview);
}

const log = mixedLog();
afterAll(() => log.dispose());

const filters = fc.record({
  direction: fc.constantFrom('any' as const, 'in' as const, 'out' as const),
  category: fc.constantFrom('all' as const, 'data' as const, 'control' as const),
  opcodes: fc.subarray([0, 1, 2, 9, 10]),
  search: fc.constantFrom('', 'price', 'PRICE', 'héllo', 'de ad', 'ff', '#1\\d\\b', '^x+n', 'needle', 'closed by', 'chat', 'cut', '[', 'inflated \\d+', 'k', '\u212a', 'i\u0307st', '\u0130', 'àb', 'ÀB', '\ufeffbom', 'n #', 'E L'),
  isRegex: fc.boolean(),
  unit: fc.constant('frames' as const),
  protocolCategory: fc.constant('all' as const),
  protocolKinds: fc.constant<string[]>([]),
});

describe('a filtered view', () => {
  it('keeps exactly the rows the filter describes, over the stored fields and payload bytes', async () => {
    const rows = log.getRecords(0, log.count);
    await fc.assert(
      fc.asyncProperty(filters, async (filter) => {
        const page = await new FilteredView(filterKey(filter), filter).page(log, 0, log.count);
        const expected = rows.filter((row) => reference(row, filter));
        expect(page.rows).toEqual(expected);
        expect(page.total).toBe(expected.length);
      }),
      { numRuns: 300 },
    );
  });

  it('indexes only what was appended since the last query, and pages the matches', async () => {
    const live = new CaptureLog({ header: sampleHeader() });
    try {
      const filter: RecordFilter = { direction: 'any', category: 'all', opcodes: [], search: 'keep', isRegex: false, unit: 'frames', protocolCategory: 'all', protocolKinds: [] };
      const view = new FilteredView(filterKey(filter), filter);
      for (let index = 0; index < 10; index += 1) live.appendFrame(sampleFrame(index % 2 === 0 ? `keep ${index}` : 'drop'), 'in');
      expect((await view.page(live, 0, 100)).total).toBe(5);
      for (let index = 10; index < 20; index += 1) live.appendFrame(sampleFrame(index % 2 === 0 ? `keep ${index}` : 'drop'), 'in');
      const page = await view.page(live, 3, 4);
      expect([page.total, page.rows.map((row) => row.seq)]).toEqual([10, [6, 8, 10, 12]]);
    } finally {
      live.dispose();
    }
  });

  // A records batch carries a followed view's last rows only when one bounded step brings its index
  // to the log's end; then they are exactly the page a tail read would give.
  it('gives its last rows within one scan step when a batch\'s worth was appended, and nothing when more is left', async () => {
    const live = new CaptureLog({ header: sampleHeader() });
    try {
      const filter: RecordFilter = { direction: 'any', category: 'all', opcodes: [], search: 'keep', isRegex: false, unit: 'frames', protocolCategory: 'all', protocolKinds: [] };
      const view = new FilteredView(filterKey(filter), filter, undefined, Number.POSITIVE_INFINITY);
      const append = (from: number, to: number): void => {
        for (let index = from; index < to; index += 1) live.appendFrame(sampleFrame(index % 2 === 0 ? `keep ${index}` : 'drop'), 'in');
      };
      append(0, 2 * MAX_RECORDS_PER_SCAN_STEP + 10);
      expect(view.tailInOneStep(live, 5)).toBeNull();
      expect((await view.page(live, 0, 0)).total).toBe(MAX_RECORDS_PER_SCAN_STEP + 5);
      append(2 * MAX_RECORDS_PER_SCAN_STEP + 10, 2 * MAX_RECORDS_PER_SCAN_STEP + 40);
      const tail = view.tailInOneStep(live, 5);
      const total = MAX_RECORDS_PER_SCAN_STEP + 20;
      expect(tail).toEqual({ from: total - 5, ...(await view.page(live, total - 5, 5)) });
      expect(tail?.rows.map((row) => row.seq)).toEqual([30, 32, 34, 36, 38].map((seq) => 2 * MAX_RECORDS_PER_SCAN_STEP + seq));
      // Fewer matches than asked for: all of them, from the first.
      const few = new FilteredView('few', { ...filter, search: '^keep (4|6)$', isRegex: true });
      await few.page(live, 0, 0);
      expect(few.tailInOneStep(live, 300)).toMatchObject({ from: 0, total: 2 });
    } finally {
      live.dispose();
    }
  });

  // Issue 12: the scan must hand the event loop back after a bounded amount of work, not only when a
  // clock says so (a loaded machine reads it late). Counted in records looked at per turn, not in time.
  it('looks at a bounded number of records per turn of the event loop, and still finds every match', async () => {
    const big = new CaptureLog({ header: sampleHeader() });
    try {
      const records = 5 * MAX_RECORDS_PER_SCAN_STEP + 123;
      for (let index = 0; index < records; index += 1) big.appendFrame(sampleFrame(`{"seq":${index},"price":${index % 100}}`), 'in');
      let lookedAt = 0;
      const counting = new Proxy(big, {
        get(target, property) {
          if (property === 'flagsAt') return (seq: number) => {
            lookedAt += 1;
            return target.flagsAt(seq);
          };
          const value: unknown = Reflect.get(target, property, target);
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        },
      });
      const filter: RecordFilter = { direction: 'any', category: 'all', opcodes: [], search: '"price":7\\b', isRegex: true, unit: 'frames', protocolCategory: 'all', protocolKinds: [] };
      let result: { total: number } | null = null;
      // A clock that never ends a step: only the bound on work may hand the loop back.
      void new FilteredView(filterKey(filter), filter, undefined, Number.POSITIVE_INFINITY).page(counting, 0, 10).then((page) => (result = page));
      // The first step runs before page() returns.
      const perTurn: number[] = [lookedAt];
      let counted = lookedAt;
      while (result === null && perTurn.length < 10 * records) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        perTurn.push(lookedAt - counted);
        counted = lookedAt;
      }
      expect(result).toMatchObject({ total: Math.floor(records / 100) + (records % 100 > 7 ? 1 : 0) });
      expect(lookedAt).toBe(records);
      expect(Math.max(...perTurn)).toBeLessThanOrEqual(MAX_RECORDS_PER_SCAN_STEP);
      expect(perTurn.filter((count) => count > 0).length).toBeGreaterThanOrEqual(Math.ceil(records / MAX_RECORDS_PER_SCAN_STEP));
    } finally {
      big.dispose();
    }
  });
});
