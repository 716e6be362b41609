import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteOutput } from '../../../electron/engine/capture/byte-output.js';
import { CaptureLog, type FrameLegTags } from '../../../electron/engine/capture/capture-log.js';
import type { CapturedRecord } from '../../../electron/engine/capture/captured-record.js';
import { FrameScratch } from '../../../electron/engine/capture/frame-scratch.js';
import { jsonRecordLine } from '../../../electron/cli/record-formats.js';
import { capturedFrame } from './captured-frame-arbitrary.js';
import { sampleHeader } from './capture-fixtures.js';

// Readers that go through a whole capture (the CLI printer) refill one frame instead of making one
// per record. These tests show that what they read is what `getRecord` gives.

/** The record without fields set to undefined, which the scratch uses for "absent". */
function present(record: CapturedRecord): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

function lineOf(record: CapturedRecord): string {
  const out = new ByteOutput(64);
  jsonRecordLine(out, record);
  return out.take().toString('utf8');
}

const legTags: fc.Arbitrary<FrameLegTags> = fc
  .record({ leg: fc.constantFrom('client' as const, 'server' as const), link: fc.option(fc.nat(), { nil: undefined }) })
  .map(({ leg, link }) => (link === undefined ? { leg } : { leg, link }));

// As a decoder or an import hands them over: the payload is cut short exactly when it is truncated.
const consistentFrame = capturedFrame.map((frame) => {
  const payloadLength = Math.max(frame.payloadLength, frame.payload.length);
  return { ...frame, payloadLength, payloadTruncated: frame.payload.length < payloadLength };
});

const appended = fc.array(
  fc.record({ frame: consistentFrame, rttMicros: fc.option(fc.nat({ max: 1e6 }), { nil: undefined }), tags: fc.option(legTags, { nil: undefined }), eventBefore: fc.boolean() }),
  { maxLength: 25 },
);

describe('readRecord with a scratch frame', () => {
  it('gives every record as getRecord does, rare fields included, and the same --json line', () => {
    fc.assert(
      fc.property(appended, (entries) => {
        const log = new CaptureLog({ header: sampleHeader() });
        try {
          for (const { frame, rttMicros, tags, eventBefore } of entries) {
            if (eventBefore) log.appendEvent({ atMicros: frame.atMicros, name: 'warning', message: 'between frames' });
            log.appendFrame(frame, frame.direction, rttMicros, tags);
          }
          const scratch = new FrameScratch();
          const lazy = new FrameScratch(true);
          // In order and then backwards, so every rare field is both set and cleared on the way.
          const seqs = [...Array(log.count).keys()];
          for (const seq of [...seqs, ...seqs.reverse()]) {
            const fresh = log.getRecord(seq);
            const read = log.readRecord(seq, scratch);
            expect(present(read)).toEqual(fresh);
            expect(lineOf(read)).toBe(lineOf(fresh));
            // The lazy frame's line is written from the payload's span, before any view of it is made.
            const lazyRead = log.readRecord(seq, lazy);
            expect(lineOf(lazyRead)).toBe(lineOf(fresh));
            expect(lazyRead.kind === 'frame' ? { ...present(lazyRead), payload: lazyRead.payload } : lazyRead).toEqual(fresh);
          }
        } finally {
          log.dispose();
        }
      }),
      { numRuns: 200 },
    );
  });

  it('refills one frame object instead of making one per record', () => {
    const log = new CaptureLog({ header: sampleHeader() });
    const frame = { atMicros: 1, fin: true, rsv1: false, rsv2: false, rsv3: false, opcode: 1, masked: false, maskingKey: null, payloadLength: 2, headerBytes: Uint8Array.of(0x81, 2), payload: Uint8Array.of(0x68, 0x69), payloadTruncated: false, messageId: 1, fragment: 'whole' as const, violations: [] };
    log.appendFrame(frame, 'in');
    log.appendFrame({ ...frame, messageId: 2 }, 'in');
    const scratch = new FrameScratch();
    expect(log.readRecord(0, scratch)).toBe(log.readRecord(1, scratch));
    expect(log.getRecord(0)).not.toBe(log.getRecord(1));
    log.dispose();
  });
});
