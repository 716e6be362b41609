import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainFrameLine } from '../../../electron/engine/capture/frame-line-check.js';
import { ByteOutput } from '../../../electron/engine/capture/byte-output.js';
import { frameJson, writeFrameJson } from '../../../electron/engine/capture/record-json.js';
import { frameRecordJsonSchema } from '../../../shared/contract/capture-schema.js';
import { capturedFrame } from './captured-frame-arbitrary.js';

describe('the file form of a frame', () => {
  it('is written directly as exactly the bytes of the text JSON.stringify gives', () => {
    const out = new ByteOutput(16);
    fc.assert(fc.property(capturedFrame, (frame) => {
      writeFrameJson(out, frame);
      expect(out.take().toString('utf8')).toBe(JSON.stringify(frameJson(frame)));
    }), { numRuns: 1000 });
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
