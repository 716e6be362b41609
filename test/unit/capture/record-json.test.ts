import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CapturedFrame } from '../../../electron/engine/capture/captured-record.js';
import { plainFrameLine } from '../../../electron/engine/capture/frame-line-check.js';
import { frameJson, frameJsonText } from '../../../electron/engine/capture/record-json.js';
import { frameRecordJsonSchema } from '../../../shared/contract/capture-schema.js';

const bytes = fc.uint8Array({ maxLength: 40 });
const violation = fc.record({ rule: fc.constant('reserved-opcode' as const), section: fc.constant('5.2'), closeCode: fc.constant(1002), message: fc.string() });

const capturedFrame: fc.Arbitrary<CapturedFrame> = fc
  .record({
    seq: fc.nat(),
    atMicros: fc.oneof(fc.nat(), fc.double({ min: 0, max: 1e12, noNaN: true })),
    direction: fc.constantFrom('in' as const, 'out' as const),
    fin: fc.boolean(),
    rsv1: fc.boolean(),
    rsv2: fc.boolean(),
    rsv3: fc.boolean(),
    opcode: fc.integer({ min: 0, max: 15 }),
    masked: fc.boolean(),
    maskingKey: fc.option(fc.uint8Array({ minLength: 4, maxLength: 4 })),
    payloadLength: fc.oneof(fc.nat(), fc.constant(2 ** 60)),
    headerBytes: bytes,
    payload: bytes,
    payloadTruncated: fc.boolean(),
    messageId: fc.nat({ max: 0xffff_ffff }),
    fragment: fc.constantFrom('whole' as const, 'first' as const, 'middle' as const, 'last' as const),
    inflatedPayload: fc.option(bytes, { nil: undefined }),
    closeCode: fc.option(fc.integer({ min: 0, max: 0xffff }), { nil: undefined }),
    closeReason: fc.option(fc.string(), { nil: undefined }),
    rttMicros: fc.option(fc.double({ min: 0, max: 1e9, noNaN: true }), { nil: undefined }),
    violations: fc.array(violation, { maxLength: 2 }),
    redacted: fc.option(fc.constant(true as const), { nil: undefined }),
  })
  .map((fields) => {
    const frame: Record<string, unknown> = { kind: 'frame', ...fields };
    for (const key of Object.keys(frame)) if (frame[key] === undefined) delete frame[key];
    return frame as unknown as CapturedFrame;
  });

describe('the file form of a frame', () => {
  it('is written directly as exactly the text JSON.stringify gives', () => {
    fc.assert(fc.property(capturedFrame, (frame) => frameJsonText(frame) === JSON.stringify(frameJson(frame))), { numRuns: 500 });
  });

  it('passes the direct check of plain lines only when the schema passes it, with the same result', () => {
    fc.assert(
      fc.property(capturedFrame, fc.option(fc.constantFrom('seq', 'opcode', 'payload', 'maskingKey', 'fin', 'closeCode', 'atMicros')), (frame, broken) => {
        const line = JSON.parse(frameJsonText(frame)) as Record<string, unknown>;
        if (broken !== null) line[broken] = broken === 'payload' ? 'abc' : broken === 'maskingKey' ? 'ABCDEF01' : -1;
        const fast = plainFrameLine(line);
        const schema = frameRecordJsonSchema.safeParse(line);
        if (fast !== null) expect(schema.success && schema.data).toEqual(fast);
        if (frame.violations.length === 0 && schema.success) expect(fast).not.toBeNull();
      }),
      { numRuns: 500 },
    );
  });
});
