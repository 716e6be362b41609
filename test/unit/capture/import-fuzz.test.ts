import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CaptureLog } from '../../../electron/engine/capture/capture-log.js';
import { exportCapture } from '../../../electron/engine/capture/export/export-capture.js';
import { readHarCapture } from '../../../electron/engine/capture/export/har-import.js';
import { noRedaction } from '../../../electron/engine/capture/export/redaction-rules.js';
import { readCapture } from '../../../electron/engine/capture/native-reader.js';
import type { ExportFormat } from '../../../shared/contract/export-format.js';
import { sampleFrame, sampleHeader } from './capture-fixtures.js';

/** How long each fuzz run may take; the number of cases is whatever fits (issue 19: "a fixed time bound"). */
const fuzzMs = 3_000;

async function exported(format: ExportFormat): Promise<Uint8Array> {
  const log = new CaptureLog({ header: sampleHeader() });
  log.appendEvent({ atMicros: 0, name: 'tcp-connected', remoteAddress: '127.0.0.1', remotePort: 8080 });
  log.appendFrame(sampleFrame('{"hello":"world"}', { atMicros: 10 }), 'in');
  log.appendFrame(sampleFrame(Uint8Array.of(0, 1, 2, 0xff), { atMicros: 20, opcode: 2, masked: true }), 'out');
  log.appendFrame(sampleFrame('part', { atMicros: 30, fin: false, fragment: 'first' }), 'in');
  log.appendFrame(sampleFrame('', { atMicros: 40, opcode: 9 }), 'in');
  log.appendFrame(sampleFrame(' two', { atMicros: 50, opcode: 0, fragment: 'last' }), 'in');
  log.appendFrame(sampleFrame(Uint8Array.of(0x03, 0xe8, 0x62, 0x79, 0x65), { atMicros: 60, opcode: 8, closeCode: 1000, closeReason: 'bye' }), 'in');
  log.appendEvent({ atMicros: 70, name: 'closed', by: 'server', how: 'close-frame', closeCode: 1000 });
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  await exportCapture(log, format, stream, noRedaction);
  stream.end();
  log.dispose();
  return new Uint8Array(Buffer.concat(chunks));
}

/** A valid file, damaged: bytes replaced, removed or inserted, or the file cut short. */
function damaged(file: Uint8Array): fc.Arbitrary<Uint8Array> {
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('set' as const), at: fc.nat({ max: file.length - 1 }), byte: fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(...Buffer.from('{}[]",:0123456789-eE.tfn\\u'))) }),
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat({ max: file.length - 1 }), length: fc.integer({ min: 1, max: 40 }) }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat({ max: file.length }), bytes: fc.uint8Array({ minLength: 1, maxLength: 12 }) }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat({ max: file.length }) }),
  );
  return fc.array(edit, { minLength: 1, maxLength: 6 }).map((edits) => {
    let bytes = Buffer.from(file);
    for (const change of edits) {
      const at = Math.min(change.at, bytes.length);
      if (change.kind === 'set' && at < bytes.length) bytes[at] = change.byte;
      else if (change.kind === 'cut') bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + change.length)]);
      else if (change.kind === 'insert') bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(change.bytes), bytes.subarray(at)]);
      else if (change.kind === 'truncate') bytes = bytes.subarray(0, at);
    }
    return new Uint8Array(bytes);
  });
}

/** An import either gives a log whose every record reads back, or one problem naming the file; it never throws. */
function expectOutcome(result: Awaited<ReturnType<typeof readCapture>>, file: string): void {
  if (!result.ok) {
    expect(result.problem.message).toContain(file);
    return;
  }
  for (let seq = 0; seq < result.log.count; seq++) JSON.stringify(result.log.getRecordJson(seq));
  result.log.dispose();
}

describe('capture import under fuzzing, for a fixed time', () => {
  it('a damaged .frameline.json file is imported or refused with a problem, never a throw', async () => {
    const file = await exported('json');
    expect((await readCapture({ fileName: 'f.frameline.json', bytes: file })).ok).toBe(true);
    await fc.assert(
      fc.asyncProperty(damaged(file), async (bytes) => expectOutcome(await readCapture({ fileName: 'f.frameline.json', bytes }), 'f.frameline.json')),
      { numRuns: Number.MAX_SAFE_INTEGER, interruptAfterTimeLimit: fuzzMs, markInterruptAsFailure: false },
    );
  }, 30_000);

  it('a damaged HAR is imported or refused with a problem, never a throw', async () => {
    const file = await exported('har');
    expect(readHarCapture('f.har', file).ok).toBe(true);
    fc.assert(
      fc.property(damaged(file), (bytes) => expectOutcome(readHarCapture('f.har', bytes), 'f.har')),
      { numRuns: Number.MAX_SAFE_INTEGER, interruptAfterTimeLimit: fuzzMs, markInterruptAsFailure: false },
    );
  }, 30_000);
});
