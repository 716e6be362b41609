import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jsonRecordLine } from '../../../electron/cli/record-formats.js';
import { RecordPrinter } from '../../../electron/cli/record-printer.js';
import { CaptureLog } from '../../../electron/engine/capture/capture-log.js';
import { PayloadArena } from '../../../electron/engine/capture/payload-arena.js';
import type { FrameRecordJson } from '../../../shared/contract/records.js';
import { sampleFrame, sampleHeader } from './capture-fixtures.js';

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'frameline-release-test-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

// A payload whose bytes say where it is, so a reused slab that kept old bytes would show.
const payloadAt = (index: number, length: number): Uint8Array => Uint8Array.from({ length }, (_, at) => (index * 31 + at) & 0xff);

describe('PayloadArena.releaseBefore', () => {
  it('frees whole slabs before the offset, reuses full-size ones, and refuses to read what it let go', () => {
    const arena = new PayloadArena({ slabBytes: 16 * 1024, memoryBudgetBytes: 1 << 30, spillBudgetBytes: 0, spillDirectory: folder });
    const offsets: number[] = [];
    let peak = 0;
    for (let index = 0; index < 20_000; index += 1) {
      offsets.push(arena.append(payloadAt(index, 1 + (index % 97))));
      // A reader that keeps up: everything but the last 100 payloads is released as it goes.
      if (index % 50 === 0 && index >= 100) arena.releaseBefore(offsets[index - 100] as number);
      peak = Math.max(peak, arena.bytesInMemory);
      if (index % 1_000 === 999) expect(arena.read(offsets[index - 99] as number, 1 + ((index - 99) % 97))).toEqual(payloadAt(index - 99, 1 + ((index - 99) % 97)));
    }
    // About 1 MB appended, never more than three 16 KiB slabs held.
    expect(arena.length).toBeGreaterThan(900_000);
    expect(peak).toBeLessThanOrEqual(3 * 16 * 1024);
    expect(arena.releasedBefore).toBeGreaterThan(800_000);
    expect(() => arena.read(0, 1)).toThrow(/the bytes before \d+ were released/);
    expect(arena.read(offsets[0] as number, 0)).toEqual(new Uint8Array(0));
    for (let index = 19_900; index < 20_000; index += 1) expect(arena.view(offsets[index] as number, 1 + (index % 97))).toEqual(payloadAt(index, 1 + (index % 97)));
    arena.dispose();
  });

  it('never releases the newest slab, nor one whose spill write is still queued', async () => {
    const arena = new PayloadArena({ slabBytes: 64, memoryBudgetBytes: 128, spillBudgetBytes: 1 << 20, spillDirectory: folder });
    for (let index = 0; index < 40; index += 1) arena.append(payloadAt(index, 40));
    arena.releaseBefore(arena.length);
    expect(arena.releasedBefore).toBeLessThan(arena.length);
    expect(arena.bytesInMemory).toBeGreaterThan(0);
    // The newest slab's bytes are still readable.
    expect(arena.read(arena.length - 40, 40)).toEqual(payloadAt(39, 40));
    await arena.whenSpilled();
    arena.releaseBefore(arena.length);
    expect(arena.read(arena.length - 40, 40)).toEqual(payloadAt(39, 40));
    expect(() => arena.read(0, 40)).toThrow(/released/);
    arena.dispose();
  });
});

describe('CaptureLog.releaseBefore', () => {
  it('keeps the payloads from the given seq on, and the records of its column chunk', () => {
    const log = new CaptureLog({ header: sampleHeader(), slabBytes: 1024, spillDirectory: folder });
    for (let index = 0; index < 400; index += 1) log.appendFrame(sampleFrame(payloadAt(index, 64), { opcode: 2, messageId: index }), 'in');
    log.releaseBefore(300);
    expect(log.releasedBefore).toBe(0);
    expect(log.count).toBe(400);
    expect(log.memoryUsage().payloadBytesInMemory).toBeLessThan(400 * 64);
    for (let seq = 300; seq < 400; seq += 1) expect(log.getPayload(seq)).toEqual(payloadAt(seq, 64));
    expect(() => log.getPayload(0)).toThrow(/released/);
    expect(log.kindAt(10)).toBe('frame');
    expect(() => log.getRecordJson(10)).toThrow(/released/);
    log.dispose();
  });

  it('lets go of whole column chunks, side entries and rare fields, and stops counting them against the record budget', () => {
    const chunk = 65_536;
    const log = new CaptureLog({ header: sampleHeader(), slabBytes: 64 * 1024, spillDirectory: folder, maxRecords: chunk + 1_000 });
    const total = 3 * chunk + 500;
    for (let index = 0; index < total; index += 1) {
      // Every 100th frame a close frame, whose code is a rare field, and an event, a side entry.
      if (index % 100 === 0) {
        log.appendFrame(sampleFrame(Uint8Array.of(0x03, 0xe8), { opcode: 8, messageId: index, closeCode: 1000, atMicros: log.count * 10 }), 'in');
        log.appendEvent({ kind: 'event', atMicros: log.count * 10, name: 'warning', message: `note ${index}` });
      } else log.appendFrame(sampleFrame(payloadAt(index, 64), { opcode: 2, messageId: index, atMicros: log.count * 10 }), 'in');
      // A socket read's boundary every other record.
      if (index % 2 === 0) log.appendWireChunk('in', log.count * 10, 128);
      // A reader that keeps up, 500 records behind.
      if (index % 250 === 0) log.releaseBefore(log.count - 500);
    }
    const usage = log.memoryUsage();
    expect(usage.droppedRecords).toBe(0);
    expect(log.count).toBe(total + Math.ceil(total / 100));
    expect(log.releasedBefore).toBe(3 * chunk);
    // Three of four chunks of each column gone; the side table holds only the unreleased events.
    expect(usage.metadataBytes).toBeLessThan(2 * (23 + 13) * chunk);
    expect(usage.sideEntries).toBeLessThan(Math.ceil((log.count - 3 * chunk) / 100) + 2);
    expect(() => log.getRecord(3 * chunk - 1)).toThrow(/record 196607 was released/);
    // The socket boundaries recorded before the released records went too, whole chunks of them.
    expect(() => log.getWireChunk(0)).toThrow(/wire chunk 0 was released/);
    expect(log.getWireChunk(log.wireChunkCount - 1)).toEqual([(log.count - 1) * 10, 'in', 128]);
    const last = log.getRecordJson(log.count - 1);
    expect(last.kind === 'frame' || last.kind === 'event').toBe(true);
    log.dispose();
  });

  it('lets go of a relay’s legs and links with their records, and keeps those of the records after', () => {
    const chunk = 65_536;
    const log = new CaptureLog({ header: sampleHeader(), slabBytes: 64 * 1024, spillDirectory: folder });
    // Pairs as a relay records them: a client frame, then the server-leg frame it became, linked both ways.
    for (let pair = 0; pair < chunk + 500; pair += 1) {
      const from = log.appendFrame(sampleFrame(payloadAt(pair, 16), { opcode: 2, messageId: pair }), 'in', undefined, { leg: 'client' });
      log.appendFrame(sampleFrame(payloadAt(pair, 16), { opcode: 2, messageId: pair, masked: true }), 'out', undefined, { leg: 'server', link: from });
    }
    const before = log.memoryUsage().sideEntries;
    log.releaseBefore(log.count - 10);
    expect(log.releasedBefore).toBe(2 * chunk);
    expect(log.memoryUsage().sideEntries).toBeLessThan(before / 2);
    const last = log.getRecordJson(log.count - 1);
    expect(last).toMatchObject({ leg: 'server', link: log.count - 2 });
    expect(log.getRecordJson(log.count - 2)).toMatchObject({ leg: 'client', link: log.count - 1 });
    log.dispose();
  });

  it('still reaches the record budget when nothing lets go', () => {
    const log = new CaptureLog({ header: sampleHeader(), spillDirectory: folder, maxRecords: 1_000 });
    for (let index = 0; index < 2_000; index += 1) log.appendFrame(sampleFrame(payloadAt(index, 64), { opcode: 2, messageId: index }), 'in');
    expect(log.count).toBe(1_000);
    expect(log.memoryUsage().droppedRecords).toBe(1_001);
    log.dispose();
  });
});

describe('RecordPrinter with releasesPrinted', () => {
  it('prints every record of a long flood while the log holds a few slabs', async () => {
    const log = new CaptureLog({ header: sampleHeader(), slabBytes: 64 * 1024, spillDirectory: folder });
    const lines: string[] = [];
    let rest = '';
    const output = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        const parts = (rest + chunk.toString('utf8')).split('\n');
        rest = parts.pop() as string;
        lines.push(...parts);
        setImmediate(done);
      },
    });
    const printer = new RecordPrinter(log, output, jsonRecordLine, { from: 0, releasesPrinted: true });
    let peak = 0;
    const total = 60_000;
    for (let index = 0; index < total; index += 1) {
      log.appendFrame(sampleFrame(payloadAt(index, 64), { opcode: 2, messageId: index }), 'in');
      peak = Math.max(peak, log.memoryUsage().payloadBytesInMemory);
      // The flood arrives in socket reads; the printer, faster than this reader, runs between them.
      if (index % 200 === 199) await new Promise((resolve) => setImmediate(resolve));
    }
    await printer.flushed();
    printer.dispose();
    expect(lines).toHaveLength(total);
    lines.forEach((line, index) => {
      if (index % 997 !== 0) return;
      const record = JSON.parse(line) as FrameRecordJson;
      expect(record.messageId).toBe(index);
      expect(Buffer.from(record.payload, 'base64')).toEqual(Buffer.from(payloadAt(index, 64)));
    });
    // 3.84 MB of payloads went through; printed slabs were let go, so a few 64 KiB slabs remained.
    expect(peak).toBeLessThanOrEqual(4 * 64 * 1024);
    log.dispose();
  });
});
