import fc from 'fast-check';
import { encodeFrame, type FrameDescription, type LengthForm } from '../../../shared/protocol/frame-encoder.js';
import { concat } from './protocol-fixtures.js';

/** Any one frame, legal or not: every opcode, RSV bits, masked or not, every length form, small and 16-bit payloads. */
export const frameDescription: fc.Arbitrary<FrameDescription> = fc.record({
  opcode: fc.oneof(fc.constantFrom(0, 1, 2, 8, 9, 10), fc.integer({ min: 0, max: 15 })),
  payload: fc.oneof(fc.uint8Array({ maxLength: 40 }), fc.uint8Array({ minLength: 120, maxLength: 300 })),
  fin: fc.boolean(),
  rsv1: fc.boolean(),
  rsv2: fc.constantFrom(false, false, false, true),
  rsv3: fc.constantFrom(false, false, false, true),
  maskingKey: fc.option(fc.uint8Array({ minLength: 4, maxLength: 4 })),
  lengthForm: fc.constantFrom<LengthForm>('minimal', 'minimal', '16-bit', '64-bit'),
});

/** Up to twelve such frames as one byte stream. */
export const frameStream = fc.array(frameDescription, { maxLength: 12 }).map((frames) => concat(...frames.map(encodeFrame)));
