import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CaptureLog } from '../../../electron/engine/capture/capture-log.js';
import { appendConnectionRecord } from '../../../electron/engine/connection/capture-records.js';
import { connectionDeflate } from '../../../electron/engine/deflate/connection-deflate.js';
import type { ConnectionCommand } from '../../../shared/connection/connection-command.js';
import type { SenderRole } from '../../../shared/protocol/frame-decoder-options.js';
import { encodeFrame, type FrameDescription } from '../../../shared/protocol/frame-encoder.js';
import { sampleHeader } from '../capture/capture-fixtures.js';
import { frameDescription } from '../protocol/frame-arbitraries.js';
import { concat, splitAt } from '../protocol/protocol-fixtures.js';
import { connectionFor, lines, testLimits } from './connection-fixtures.js';

// A plain frame (shared/protocol/plain-frame-sink.ts) reaches the capture without a record object.
// That must change how it gets there, not what is kept: every record, seq, payload, message, count
// and reply must be what the frame's record would have made, for any stream, split and limits.

const agreement = { serverNoContextTakeover: true, clientNoContextTakeover: true, serverMaxWindowBits: 15, clientMaxWindowBits: 15 };
const ascii = fc.uint8Array({ max: 0x7f, maxLength: 130 });
const utf8 = fc.string({ unit: 'binary', maxLength: 40 }).map((text) => new TextEncoder().encode(text));

/** Mostly frames that are plain or one bit away from it, among any frames at all. */
const nearlyPlainFrame: fc.Arbitrary<FrameDescription> = fc.record({
  opcode: fc.oneof({ arbitrary: fc.constantFrom(1, 2), weight: 12 }, { arbitrary: fc.constantFrom(0, 9, 10), weight: 2 }, { arbitrary: fc.constant(8), weight: 1 }),
  payload: fc.oneof(ascii, ascii, utf8, fc.uint8Array({ maxLength: 130 })),
  fin: fc.constantFrom(true, true, true, true, true, false),
  rsv1: fc.constantFrom(false, false, false, false, false, true),
  maskingKey: fc.constantFrom(null, null, null, null, null, Uint8Array.of(1, 2, 3, 4)),
  lengthForm: fc.constantFrom('minimal' as const, 'minimal' as const, 'minimal' as const, '16-bit' as const),
});
const stream = fc.noBias(fc.array(fc.oneof({ arbitrary: nearlyPlainFrame, weight: 12 }, { arbitrary: frameDescription, weight: 1 }), { minLength: 4, maxLength: 40 }).map((frames) => concat(...frames.map(encodeFrame))));

const setup = fc.noBias(fc.record({
  role: fc.constantFrom<SenderRole>('client', 'client', 'client', 'server'),
  mode: fc.constantFrom('observe' as const, 'observe' as const, 'strict' as const),
  deflate: fc.boolean(),
  reportsMessages: fc.boolean(),
  // Whether messages are wanted, by read: a protocol layer changes its mind between inputs.
  wanted: fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
  payloadRetentionBytes: fc.constantFrom(testLimits.payloadRetentionBytes, testLimits.payloadRetentionBytes, 40, 0),
  maxPayloadBytes: fc.constantFrom(testLimits.maxPayloadBytes, 100),
  maxRecords: fc.constantFrom(10_000, 12),
  payloadMemoryBudgetBytes: fc.constantFrom(1 << 20, 300),
  slabBytes: fc.constantFrom(1 << 16, 50),
  cuts: fc.array(fc.nat({ max: 4000 }), { maxLength: 30 }),
}));

type Setup = typeof setup extends fc.Arbitrary<infer T> ? T : never;

interface Outcome {
  readonly records: unknown[];
  readonly commands: string[];
  readonly counts: { framesIn: number; framesOut: number };
  readonly dropped: readonly [number, number];
}

/** Feeds the stream to a connection whose records go into a capture, with or without plain frames. */
function run(takesPlainFrames: boolean, bytes: Uint8Array, s: Setup): { outcome: Outcome; plain: number } {
  let isWanted = true;
  const isMessageWanted = (): boolean => isWanted;
  const connection = connectionFor(s.role, {
    mode: s.mode,
    limits: { ...testLimits, payloadRetentionBytes: s.payloadRetentionBytes, maxPayloadBytes: s.maxPayloadBytes },
    reportsMessages: s.reportsMessages,
    isMessageWanted,
    payloadViews: true,
    deflate: s.deflate ? connectionDeflate(agreement, s.role) : null,
  });
  const capture = new CaptureLog({ header: sampleHeader(), maxRecords: s.maxRecords, payloadMemoryBudgetBytes: s.payloadMemoryBudgetBytes, payloadSpillBudgetBytes: 0, slabBytes: s.slabBytes });
  let plain = 0;
  connection.streamRecordsTo((_seq, record) => appendConnectionRecord(capture, record));
  if (takesPlainFrames) {
    connection.streamPlainFramesTo((_seq, direction, chunk, payloadStart, payloadLength, opcode, messageId, atMicros) => {
      plain += 1;
      capture.appendPlainFrame(direction, chunk, payloadStart, payloadLength, opcode, messageId, atMicros);
    });
  }
  const commands: ConnectionCommand[] = [];
  commands.push(...connection.start(0));
  splitAt(bytes, s.cuts).forEach((chunk, index) => {
    isWanted = s.wanted[index % s.wanted.length] as boolean;
    commands.push(...connection.receive(chunk, index + 1));
  });
  commands.push(...connection.socketEnded('fin', 1000));
  const records: unknown[] = [];
  for (let seq = 0; seq < capture.count; seq++) records.push(capture.getRecord(seq));
  const usage = capture.memoryUsage();
  capture.dispose();
  return { outcome: { records, commands: lines(commands, true), counts: connection.frameCounts, dropped: [usage.droppedRecords, usage.droppedPayloads] }, plain };
}

describe('plain frames taken without a record', () => {
  it('leave the capture, the messages, the counts and the replies as their records would, for any stream, split and limits', () => {
    let taken = 0;
    fc.assert(
      fc.property(stream, setup, (bytes, s) => {
        const withRecords = run(false, bytes, s);
        const withPlainFrames = run(true, bytes, s);
        expect(withPlainFrames.outcome).toEqual(withRecords.outcome);
        if (s.role === 'server') expect(withPlainFrames.plain).toBe(0);
        taken += withPlainFrames.plain;
      }),
      { numRuns: 600 },
    );
    // The property means something only if plain frames were taken, often.
    expect(taken).toBeGreaterThan(250);
  });

  it('are taken from a flood of small server messages, every one, in order, with their bytes', () => {
    // Text in any script is plain once it is valid UTF-8: every third message here is Chinese.
    const texts = Array.from({ length: 300 }, (_, index) => (index % 3 === 0 ? `消息 ${index}` : `message ${index}`));
    const frames = texts.map((text, index) => encodeFrame({ opcode: 1 + (index % 2), payload: new TextEncoder().encode(text) }));
    const s = fc.sample(setup, 1)[0] as Setup;
    const { outcome, plain } = run(true, concat(...frames), { ...s, role: 'client', mode: 'observe', reportsMessages: false, payloadRetentionBytes: 1024, maxPayloadBytes: 4096, maxRecords: 10_000, payloadMemoryBudgetBytes: 1 << 20, cuts: [1000, 1001, 2500] });
    // Three cuts split at most three frames, which go through their records; the frames after them are plain again.
    expect(plain).toBeGreaterThanOrEqual(297);
    const frameRecords = outcome.records.filter((record) => (record as { kind: string }).kind === 'frame') as { payload: Uint8Array }[];
    expect(frameRecords.map((record) => new TextDecoder().decode(record.payload))).toEqual(texts);
    expect(outcome.counts.framesIn).toBe(300);
  });
});
