import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CaptureLog } from '../../../electron/engine/capture/capture-log.js';
import { appendRecordJson } from '../../../electron/engine/capture/capture-import.js';
import type { CapturedRecord } from '../../../electron/engine/capture/captured-record.js';
import { logStream } from '../../../electron/engine/capture/export/log-stream.js';
import { heldFrame } from '../../../electron/engine/capture/frame-scratch.js';
import { maxPendingSlabs } from '../../../electron/engine/capture/payload-arena.js';
import type { FrameRecordJson, HandshakeRecordJson } from '../../../shared/contract/records.js';
import type { FrameRow } from '../../../shared/contract/record-row.js';
import { sampleFrame, sampleHeader } from './capture-fixtures.js';

const logs: CaptureLog[] = [];
function newLog(options: Partial<ConstructorParameters<typeof CaptureLog>[0]> = {}): CaptureLog {
  const log = new CaptureLog({ header: sampleHeader(), ...options });
  logs.push(log);
  return log;
}
afterEach(() => {
  for (const log of logs.splice(0)) log.dispose();
});

const handshake: Omit<HandshakeRecordJson, 'kind' | 'seq'> = {
  atMicros: 10,
  request: { method: 'GET', target: '/chat', httpVersion: '1.1', headers: [['Host', 'example.test']], raw: 'R0VUIC9jaGF0' },
  response: { httpVersion: '1.1', statusCode: 101, reason: 'Switching Protocols', headers: [['Upgrade', 'websocket']], raw: 'SFRUUC8xLjE=' },
  checks: [{ id: 'accept', ok: true, detail: 'matches' }, { id: 'upgrade', ok: false, detail: 'missing' }],
};

describe('CaptureLog appends and reads back', () => {
  it('numbers records from 0 in append order across kinds', () => {
    const log = newLog();
    expect(log.appendEvent({ atMicros: 0, name: 'tcp-connected', remote: '127.0.0.1:8080' })).toBe(0);
    expect(log.appendHandshake(handshake)).toBe(1);
    expect(log.appendFrame(sampleFrame('hi'), 'out')).toBe(2);
    expect(log.count).toBe(3);
    expect(log.getRecordJson(0)).toEqual({ kind: 'event', seq: 0, atMicros: 0, name: 'tcp-connected', remote: '127.0.0.1:8080' });
    expect(log.getRecordJson(1)).toEqual({ kind: 'handshake', seq: 1, ...handshake });
    expect(log.header.handshake).toEqual({ request: handshake.request, response: handshake.response, checks: handshake.checks });
  });

  it('keeps every frame field, rare ones included', () => {
    const log = newLog();
    const violation = { rule: 'invalid-close-code', section: '7.4.1', closeCode: 1002, message: 'Close code 999 is not allowed.' } as const;
    const close = sampleFrame(Uint8Array.of(0x03, 0xe7, 0x62, 0x79, 0x65), {
      opcode: 0x8, masked: true, atMicros: 123.5, closeCode: 999, closeReason: 'bye', violations: [violation], messageId: 7,
    });
    const compressed = sampleFrame(Uint8Array.of(0xf2, 0x48, 0x05, 0x00), {
      rsv1: true, fin: false, fragment: 'first', inflatedPayload: new TextEncoder().encode('Hello'), messageId: 8,
    });
    const truncated = sampleFrame(Uint8Array.of(1, 2, 3), { opcode: 0x2, payloadLength: 70_000, payloadTruncated: true, rsv3: true });
    const pong = sampleFrame('p', { opcode: 0xa, rsv2: true });
    log.appendFrame(close, 'out');
    log.appendFrame(compressed, 'in');
    log.appendFrame(truncated, 'in');
    log.appendFrame(pong, 'in', 2500);

    expect(log.getRecordJson(0)).toEqual({
      kind: 'frame', seq: 0, atMicros: 123.5, direction: 'out', fin: true, rsv1: false, rsv2: false, rsv3: false, opcode: 8,
      masked: true, maskingKey: '37fa213d', payloadLength: 5, headerBytes: Buffer.from(close.headerBytes).toString('base64'),
      payload: 'A+dieWU=', payloadTruncated: false, messageId: 7, fragment: 'whole', closeCode: 999, closeReason: 'bye',
      violations: [violation],
    } satisfies FrameRecordJson);
    const second = log.getRecordJson(1) as FrameRecordJson;
    expect([second.rsv1, second.fin, second.fragment, second.direction]).toEqual([true, false, 'first', 'in']);
    expect(second.inflatedPayload).toBe(Buffer.from('Hello').toString('base64'));
    expect(log.getPayload(1)).toEqual(Uint8Array.of(0xf2, 0x48, 0x05, 0x00));
    expect(log.getInflatedPayload(1)).toEqual(new TextEncoder().encode('Hello'));
    const third = log.getRecordJson(2) as FrameRecordJson;
    expect([third.payloadLength, third.payloadTruncated, third.payload, third.rsv3, third.maskingKey]).toEqual([70_000, true, 'AQID', true, null]);
    expect(log.getRecordJson(3)).toMatchObject({ rttMicros: 2500, rsv2: true, opcode: 0xa });
    expect(log.getInflatedPayload(3)).toBeNull();
  });

  it('keeps declared payload lengths it does not store in a column: whole, cut, inflated, huge, or at odds with the bytes', () => {
    const log = newLog();
    log.appendFrame(sampleFrame('abc'), 'in');
    log.appendFrame(sampleFrame(Uint8Array.of(9), { opcode: 0x2, payloadLength: 2 ** 53 - 1, payloadTruncated: true }), 'in');
    log.appendFrame(sampleFrame(Uint8Array.of(1, 2), { rsv1: true, inflatedPayload: Uint8Array.of(5, 6, 7, 8, 9) }), 'in');
    // An imported frame may claim a whole payload of another length than the bytes it carries.
    log.appendFrame(sampleFrame(Uint8Array.of(1, 2, 3), { opcode: 0x2, payloadLength: 10 }), 'in');
    log.appendFrame(sampleFrame(''), 'in');
    const lengths = [0, 1, 2, 3, 4].map((seq) => (log.getRecord(seq) as { payloadLength: number }).payloadLength);
    expect(lengths).toEqual([3, 2 ** 53 - 1, 2, 10, 0]);
    expect(log.getPayload(2)).toEqual(Uint8Array.of(1, 2));
    expect(log.getInflatedPayload(2)).toEqual(Uint8Array.of(5, 6, 7, 8, 9));
    expect(log.getPayload(3)).toEqual(Uint8Array.of(1, 2, 3));
    expect(log.memoryUsage().sideEntries).toBe(1);
  });

  it('keeps a masked frame whose key never arrived apart from an unmasked one', () => {
    const log = newLog();
    log.appendFrame(sampleFrame('', { masked: true, maskingKey: null, payloadTruncated: true, payloadLength: 9 }), 'out');
    expect(log.getRecordJson(0)).toMatchObject({ masked: true, maskingKey: null });
  });

  it('round-trips records through their JSON form', () => {
    const source = newLog();
    source.appendEvent({ atMicros: 0, name: 'closed', by: 'server', how: 'fin' });
    source.appendHandshake(handshake);
    source.appendFrame(sampleFrame('x', { masked: true, closeCode: 1000, rsv1: true, inflatedPayload: Uint8Array.of(9) }), 'out', 12);
    const copy = newLog();
    for (let seq = 0; seq < source.count; seq += 1) appendRecordJson(copy, source.getRecordJson(seq));
    for (let seq = 0; seq < source.count; seq += 1) expect(JSON.stringify(copy.getRecordJson(seq))).toBe(JSON.stringify(source.getRecordJson(seq)));
  });

  it('records wire chunks in a column of their own', () => {
    const log = newLog();
    log.appendWireChunk('out', 5, 200);
    log.appendWireChunk('in', 9.25, 4096);
    expect([log.wireChunkCount, log.getWireChunk(0), log.getWireChunk(1)]).toEqual([2, [5, 'out', 200], [9.25, 'in', 4096]]);
    expect(() => log.getWireChunk(2)).toThrow(RangeError);
  });

  it('tells listeners each new seq, refuses appends once sealed, and rejects unknown seqs', () => {
    const log = newLog();
    const seen: number[] = [];
    const stop = log.onDidAppend((seq) => seen.push(seq));
    log.appendFrame(sampleFrame('a'), 'out');
    log.appendEvent({ atMicros: 1, name: 'note', message: 'hello' });
    stop();
    log.appendFrame(sampleFrame('b'), 'out');
    expect(seen).toEqual([0, 1]);
    log.seal();
    expect(() => log.appendFrame(sampleFrame('c'), 'out')).toThrow(/read-only/);
    expect(() => log.appendWireChunk('in', 1, 1)).toThrow(/read-only/);
    expect(() => log.getRecordJson(3)).toThrow(RangeError);
  });

  it('yields all records in slices for exports', async () => {
    const log = newLog();
    for (let index = 0; index < 25; index += 1) log.appendFrame(sampleFrame(`m${index}`, { atMicros: index }), 'in');
    const sizes: number[] = [];
    const seqs: number[] = [];
    for await (const slice of logStream(log, 10).records()) {
      sizes.push(slice.length);
      seqs.push(...slice.map((record) => record.seq));
    }
    expect(sizes).toEqual([10, 10, 5]);
    expect(seqs).toEqual([...Array(25).keys()]);
  });

  // Issue 12: an export pass makes no frame object per record; each slice position's frame is
  // refilled, and a frame kept past its slice is kept with heldFrame, which the refill leaves alone.
  it('refills one frame per slice position across slices, and a held frame keeps its own bytes', async () => {
    const log = newLog();
    for (let index = 0; index < 6; index += 1) log.appendFrame(sampleFrame(`m${index}`, { masked: true, maskingKey: Uint8Array.of(index, 1, 2, 3) }), 'out');
    const objects: CapturedRecord[][] = [];
    let held: CapturedRecord | null = null;
    for await (const slice of logStream(log, 3).records()) {
      objects.push([...slice]);
      held ??= slice[0]?.kind === 'frame' ? heldFrame(slice[0]) : null;
    }
    expect(objects.map((slice) => slice.map((record) => record.seq))).toEqual([[3, 4, 5], [3, 4, 5]]);
    expect(objects[1]?.every((record, position) => record === objects[0]?.[position])).toBe(true);
    expect(held).toEqual(log.getRecord(0));
  });
});

describe('CaptureLog rows', () => {
  it('pages rows and clamps the range', () => {
    const log = newLog();
    log.appendHandshake(handshake);
    for (let index = 0; index < 9; index += 1) log.appendFrame(sampleFrame(`m${index}`), 'in');
    log.appendEvent({ atMicros: 99, name: 'closed', by: 'server', how: 'close-frame', closeCode: 1000 });
    expect(log.getRecords(3, 4).map((row) => row.seq)).toEqual([3, 4, 5, 6]);
    expect(log.getRecords(8, 100).map((row) => row.seq)).toEqual([8, 9, 10]);
    expect(log.getRecords(11, 5)).toEqual([]);
    expect(log.getRecords(0, 1)[0]).toEqual({
      kind: 'handshake', seq: 0, atMicros: 10, requestLine: 'GET /chat HTTP/1.1', statusCode: 101, reason: 'Switching Protocols',
      checksPassed: 1, checksFailed: 1,
    });
    expect(log.getRecords(10, 1)[0]).toEqual({ kind: 'event', seq: 10, atMicros: 99, name: 'closed', summary: 'closed by server (close frame 1000)', text: expect.objectContaining({ key: 'timeline:event.closedBy' }) });
  });

  it('previews text as text, binary as hex, and never carries the payload', () => {
    const log = newLog();
    log.appendFrame(sampleFrame('héllo'), 'in');
    log.appendFrame(sampleFrame(Uint8Array.of(0xff, 0x00, 0x10), { opcode: 0x2 }), 'in');
    const [text, binary] = log.getRecords(0, 2) as FrameRow[];
    expect([text?.payloadPreview, text?.previewEncoding]).toEqual(['héllo', 'text']);
    expect([binary?.payloadPreview, binary?.previewEncoding]).toEqual(['ff 00 10', 'hex']);
    expect(text).not.toHaveProperty('payload');
    expect(text).not.toHaveProperty('headerBytes');
  });

  it('cuts long previews without breaking a code point, and previews compressed messages inflated', () => {
    const log = newLog();
    log.appendFrame(sampleFrame('aé'.repeat(200)), 'in');
    log.appendFrame(sampleFrame(Uint8Array.of(0xf2, 0x48), { rsv1: true, inflatedPayload: new TextEncoder().encode('{"a":1}') }), 'in');
    const [long, compressed] = log.getRecords(0, 2, 8) as FrameRow[];
    // 8 bytes = "aéaéa" (7 bytes) + the first byte of "é", which is dropped, not shown as hex.
    expect([long?.payloadPreview, long?.previewEncoding]).toEqual(['aéaéa', 'text']);
    expect([compressed?.payloadPreview, compressed?.isCompressed]).toEqual(['{"a":1}', true]);
  });

  it('treats a truncated payload that ends mid code point as text, and a complete one as hex', () => {
    const log = newLog();
    const cut = new TextEncoder().encode('ok é').subarray(0, 4);
    log.appendFrame(sampleFrame(cut, { payloadLength: 5, payloadTruncated: true }), 'in');
    log.appendFrame(sampleFrame(cut), 'in');
    const [truncated, broken] = log.getRecords(0, 2) as FrameRow[];
    expect([truncated?.payloadPreview, truncated?.previewEncoding, truncated?.payloadTruncated]).toEqual(['ok ', 'text', true]);
    expect([broken?.payloadPreview, broken?.previewEncoding]).toEqual(['6f 6b 20 c3', 'hex']);
  });
});

describe('CaptureLog spills payloads to disk', () => {
  it('keeps memory under a tiny budget and reads spilled payloads back exactly', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'frameline-spill-test-'));
    try {
      const log = newLog({ slabBytes: 64, payloadMemoryBudgetBytes: 128, spillDirectory: folder });
      const payloads: Uint8Array[] = [];
      for (let index = 0; index < 200; index += 1) {
        // Sizes from 0 to 150 bytes, so payloads start, end and span across slab edges.
        const payload = Uint8Array.from({ length: (index * 37) % 151 }, (_, at) => (index + at) & 0xff);
        payloads.push(payload);
        log.appendFrame(sampleFrame(payload, { opcode: 0x2 }), 'in');
        // Spill writes run in the background; slabs waiting for theirs are bounded, then written at once.
        expect(log.memoryUsage().payloadBytesInMemory).toBeLessThanOrEqual(128 + (maxPendingSlabs + 2) * 64);
        payloads.forEach((each, seq) => seq % 17 === 0 && expect(log.getPayload(seq)).toEqual(each));
      }
      await log.whenSpilled();
      const usage = log.memoryUsage();
      expect(usage.payloadBytesInMemory).toBeLessThanOrEqual(128 + 64);
      expect(usage.payloadBytesSpilled).toBeGreaterThan(10_000);
      expect(usage.spillError).toBeNull();
      expect(readdirSync(folder)).toHaveLength(1);
      payloads.forEach((payload, seq) => expect(log.getPayload(seq)).toEqual(payload));
      expect(Buffer.from((log.getRecordJson(0) as FrameRecordJson).payload, 'base64')).toEqual(Buffer.from(payloads[0] as Uint8Array));
      log.dispose();
      expect(readdirSync(folder)).toEqual([]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('CaptureLog metadata cost', () => {
  it('stores 1,000,000 small frames in tens of bytes of metadata each', () => {
    const log = newLog();
    const frame = sampleFrame(Uint8Array.of(1, 2, 3, 4), { opcode: 0x2, masked: true });
    for (let index = 0; index < 1_000_000; index += 1) {
      log.appendFrame({ ...frame, atMicros: index, messageId: index + 1 }, index % 2 === 0 ? 'out' : 'in');
    }
    const usage = log.memoryUsage();
    const perRecord = usage.metadataBytes / usage.records;
    // Reported by the test run: columns (27 B; canonical header bytes and payload lengths are derived, not stored) + chunk slack.
    console.info(`capture metadata: ${perRecord.toFixed(1)} bytes per frame (allocated, 1,000,000 frames of 4 bytes)`);
    expect(usage.records).toBe(1_000_000);
    expect(usage.sideEntries).toBe(0);
    expect(perRecord).toBeLessThan(64);
    expect(log.getRecordJson(999_999)).toMatchObject({ atMicros: 999_999, messageId: 1_000_000, direction: 'in', payload: 'AQIDBA==' });
  });
});

describe('CaptureLog budgets', () => {
  it('turns the record that reaches the record budget into a warning and counts later frames without keeping them', () => {
    const log = newLog({ maxRecords: 5 });
    for (let index = 0; index < 4; index += 1) expect(log.appendFrame(sampleFrame(`m${index}`), 'in')).toBe(index);
    expect(log.appendFrame(sampleFrame('m4'), 'in')).toBe(-1);
    expect(log.appendFrame(sampleFrame('m5'), 'in')).toBe(-1);
    expect(log.count).toBe(5);
    expect(log.getRecordJson(4)).toMatchObject({ kind: 'event', name: 'warning', budget: 'records', limit: 5, message: expect.stringContaining('5 records') });
    // The closing event still has a place past the budget.
    expect(log.appendEvent({ atMicros: 9, name: 'closed', by: 'server', how: 'fin' })).toBe(5);
    expect(log.memoryUsage().droppedRecords).toBe(2);
  });

  it('keeps frames without their payload once the payload budget is spent, after one warning', () => {
    const folder = mkdtempSync(join(tmpdir(), 'frameline-budget-test-'));
    try {
      const log = newLog({ slabBytes: 64, payloadMemoryBudgetBytes: 128, payloadSpillBudgetBytes: 256, spillDirectory: folder });
      for (let index = 0; index < 20; index += 1) log.appendFrame(sampleFrame(new Uint8Array(40).fill(index), { opcode: 2 }), 'in');
      const warnings = [...Array(log.count).keys()].map((seq) => log.getRecordJson(seq)).filter((record) => record.kind === 'event');
      expect(warnings).toEqual([expect.objectContaining({ name: 'warning', budget: 'payload-bytes', limit: 384 })]);
      const kept = [...Array(log.count).keys()].filter((seq) => log.kindAt(seq) === 'frame' && log.getPayload(seq).byteLength === 40);
      const emptied = [...Array(log.count).keys()].map((seq) => log.getRecordJson(seq)).filter((record) => record.kind === 'frame' && record.payload === '');
      expect(kept.length * 40).toBeLessThanOrEqual(384);
      expect(emptied.length).toBeGreaterThan(0);
      expect(emptied.every((frame) => frame.kind === 'frame' && frame.payloadTruncated && frame.payloadLength === 40)).toBe(true);
      expect(log.memoryUsage().droppedPayloads).toBe(emptied.length);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
