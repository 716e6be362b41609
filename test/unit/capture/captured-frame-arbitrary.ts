import fc from 'fast-check';
import type { CapturedFrame } from '../../../electron/engine/capture/captured-record.js';

const bytes = fc.uint8Array({ maxLength: 40 });
const violation = fc.record({ rule: fc.constant('reserved-opcode' as const), section: fc.constant('5.2'), closeCode: fc.constant(1002), message: fc.string() });

/** Any frame the log could hand out, rare fields and awkward numbers included. */
export const capturedFrame: fc.Arbitrary<CapturedFrame> = fc
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
    leg: fc.option(fc.constantFrom('client' as const, 'server' as const), { nil: undefined }),
    link: fc.option(fc.nat(), { nil: undefined }),
  })
  .map((fields) => {
    const frame: Record<string, unknown> = { kind: 'frame', ...fields };
    for (const key of Object.keys(frame)) if (frame[key] === undefined) delete frame[key];
    return frame as unknown as CapturedFrame;
  });

