import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PagePrefaulter, type PrefaultLease } from '../../../electron/engine/capture/page-prefaulter.js';
import { PayloadArena } from '../../../electron/engine/capture/payload-arena.js';
import { RecordColumns } from '../../../electron/engine/capture/record-columns.js';

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'frameline-prefault-test-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

const turn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1));

// Takes until a buffer of `byteLength` comes back from the worker; bounded at 10 s.
async function takeWhenReady(lease: PrefaultLease, byteLength: number): Promise<ArrayBuffer> {
  for (let attempt = 0; attempt < 10_000; attempt += 1) {
    const buffer = lease.take(byteLength);
    if (buffer !== undefined) return buffer;
    await turn();
  }
  throw new Error(`no ${byteLength}-byte buffer within 10 s`);
}

// A lease that counts the buffers it handed out, so a test knows the prefaulted path was taken.
function counted(lease: PrefaultLease): PrefaultLease & { taken: number } {
  const spy = {
    taken: 0,
    expect: (byteLength: number) => lease.expect(byteLength),
    take: (byteLength: number) => {
      const buffer = lease.take(byteLength);
      if (buffer !== undefined) spy.taken += 1;
      return buffer;
    },
    close: () => lease.close(),
  };
  return spy;
}

describe('PagePrefaulter', () => {
  it('hands out zero-filled buffers of the expected size only, and nothing after its lease closed', async () => {
    const prefaulter = new PagePrefaulter();
    const lease = prefaulter.lease();
    expect(lease.take(65_536)).toBeUndefined();
    lease.expect(65_536);
    const buffer = await takeWhenReady(lease, 65_536);
    expect(buffer.byteLength).toBe(65_536);
    expect(new Uint8Array(buffer).every((byte) => byte === 0)).toBe(true);
    expect(lease.take(4_096)).toBeUndefined();
    lease.close();
    expect(lease.take(65_536)).toBeUndefined();
    // A new claim starts the worker again.
    const next = prefaulter.lease();
    next.expect(8_192);
    expect((await takeWhenReady(next, 8_192)).byteLength).toBe(8_192);
    next.close();
  });

  it('keeps serving one lease when another of the same size closes', async () => {
    const prefaulter = new PagePrefaulter();
    const first = prefaulter.lease();
    const second = prefaulter.lease();
    first.expect(16_384);
    second.expect(16_384);
    await takeWhenReady(first, 16_384);
    first.close();
    const buffer = await takeWhenReady(second, 16_384);
    expect(new Uint8Array(buffer).every((byte) => byte === 0)).toBe(true);
    second.close();
  });

  it('makes at most 24 MiB ahead however many logs expect buffers', async () => {
    const prefaulter = new PagePrefaulter();
    const leases = [prefaulter.lease(), prefaulter.lease(), prefaulter.lease(), prefaulter.lease()];
    for (const lease of leases) lease.expect(8 * 1024 * 1024);
    expect(prefaulter.bytesMadeAhead).toBe(24 * 1024 * 1024);
    const first = await takeWhenReady(leases[0] as PrefaultLease, 8 * 1024 * 1024);
    expect(first.byteLength).toBe(8 * 1024 * 1024);
    expect(prefaulter.bytesMadeAhead).toBe(24 * 1024 * 1024);
    for (const lease of leases) lease.close();
    expect(prefaulter.bytesMadeAhead).toBe(0);
  });
});

describe('prefaulted slabs and chunks', () => {
  // A payload whose bytes say where it is, so a slab shared or handed out twice would show.
  const payloadAt = (index: number): Uint8Array => Uint8Array.from({ length: 64 }, (_, at) => (index * 31 + at) & 0xff);

  it('keep every payload byte of an arena whose full slabs came from the worker', async () => {
    const lease = counted(new PagePrefaulter().lease());
    const arena = new PayloadArena({ slabBytes: 64 * 1024, memoryBudgetBytes: 1 << 30, spillBudgetBytes: 0, spillDirectory: folder, prefaults: lease });
    const offsets: number[] = [];
    for (let index = 0; index < 40_000; index += 1) {
      offsets.push(arena.append(payloadAt(index)));
      if (index % 500 === 0) await turn();
    }
    lease.close();
    expect(lease.taken).toBeGreaterThan(0);
    const wrong = offsets.flatMap((offset, index) => (Buffer.from(arena.view(offset, 64)).equals(payloadAt(index)) ? [] : [index]));
    expect(wrong.slice(0, 10)).toEqual([]);
    arena.dispose();
  });

  it('keep every column value, and zeros where none was set, when full chunks came from the worker', async () => {
    const lease = counted(new PagePrefaulter().lease());
    const columns = new RecordColumns(lease);
    const records = 300_000;
    for (let index = 0; index < records; index += 1) {
      const seq = columns.add();
      columns.atMicros.set(seq, index * 1.5);
      columns.payloadOffset.set(seq, index * 64);
      if (index % 3 === 0) columns.messageId.set(seq, index + 1);
      if (index % 5 === 0) columns.flags.set(seq, index & 0xffff);
      columns.opcode.set(seq, index & 0x0f);
      if (index % 2_000 === 0) await turn();
    }
    lease.close();
    expect(lease.taken).toBeGreaterThan(0);
    const wrong: number[] = [];
    for (let index = 0; index < records; index += 1) {
      const isRight =
        columns.atMicros.get(index) === index * 1.5 &&
        columns.payloadOffset.get(index) === index * 64 &&
        columns.messageId.get(index) === (index % 3 === 0 ? index + 1 : 0) &&
        columns.flags.get(index) === (index % 5 === 0 ? index & 0xffff : 0) &&
        columns.opcode.get(index) === (index & 0x0f) &&
        columns.maskingKey.get(index) === 0;
      if (!isRight) wrong.push(index);
    }
    expect(wrong.slice(0, 10)).toEqual([]);
  });
});
