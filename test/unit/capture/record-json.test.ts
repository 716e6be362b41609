import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainFrameLine } from '../../../electron/engine/capture/frame-line-check.js';
import { ByteOutput } from '../../../electron/engine/capture/byte-output.js';
import { frameJson } from '../../../electron/engine/capture/record-json.js';
import { writeFrameJson } from '../../../electron/engine/capture/frame-json-writer.js';
import { frameRecordJsonSchema } from '../../../shared/contract/capture-schema.js';
import { capturedFrame } from './captured-frame-arbitrary.js';
import type { CapturedFrame } from '../../../electron/engine/capture/captured-record.js';

describe('the file form of a frame', () => {
  it('is written directly as exactly the bytes of the text JSON.stringify gives', () => {
    const out = new ByteOutput(16);
    fc.assert(fc.property(capturedFrame, (frame) => {
      writeFrameJson(out, frame);
      expect(out.take().toString('utf8')).toBe(JSON.stringify(frameJson(frame)));
    }), { numRuns: 1000 });
  });

  it('writes a frame whose 2-byte header matches its fields (or nearly) as the same bytes, and as a line with one line break', () => {
    const out = new ByteOutput(16);
    fc.assert(
      fc.property(capturedFrame, fc.nat({ max: 130 }), fc.constantFrom('canonical', 'first byte off', 'length off', 'mask bit', 'with key'), fc.boolean(), (frame, length, variant, isLine) => {
        const first = (frame.fin ? 0x80 : 0) | (frame.rsv1 ? 0x40 : 0) | (frame.rsv2 ? 0x20 : 0) | (frame.rsv3 ? 0x10 : 0) | frame.opcode;
        const short: CapturedFrame = {
          ...frame,
          masked: variant === 'mask bit',
          maskingKey: variant === 'with key' ? Uint8Array.of(1, 2, 3, 4) : null,
          payloadLength: length,
          headerBytes: Uint8Array.of(variant === 'first byte off' ? first ^ 0x10 : first, (variant === 'mask bit' ? 0x80 : 0) | (variant === 'length off' ? length + 1 : length)),
        };
        writeFrameJson(out, short, isLine);
        expect(out.take().toString('utf8')).toBe(`${JSON.stringify(frameJson(short))}${isLine ? '\n' : ''}`);
      }),
      { numRuns: 3000 },
    );
  });

  it('passes the direct check of plain lines only when the schema passes it, with the same result', () => {
    fc.assert(
      fc.property(capturedFrame, fc.option(fc.constantFrom('seq', 'opcode', 'payload', 'maskingKey', 'fin', 'closeCode', 'atMicros')), (frame, broken) => {
        const line = JSON.parse(JSON.stringify(frameJson(frame))) as Record<string, unknown>;
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
