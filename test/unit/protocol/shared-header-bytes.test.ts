import { describe, expect, it } from 'vitest';
import { encodeFrame } from '../../../shared/protocol/frame-encoder.js';
import { Opcode } from '../../../shared/protocol/opcode.js';
import { concat, decodeAll, decodeChunks, framesOf, splitAt } from './protocol-fixtures.js';

// Records of frames with the same 2-byte header share one headerBytes array (frame-header.ts says
// why); every record must still carry exactly the bytes it arrived with, whoever else shares them.
describe('headerBytes of 2-byte headers', () => {
  const frames = [
    encodeFrame({ opcode: Opcode.text, payload: new Uint8Array([0x61, 0x62]) }),
    encodeFrame({ opcode: Opcode.binary, payload: new Uint8Array(125) }),
    encodeFrame({ opcode: Opcode.text, fin: false, payload: new Uint8Array([0x61]) }),
    encodeFrame({ opcode: Opcode.continuation, payload: new Uint8Array(0) }),
    encodeFrame({ opcode: Opcode.text, payload: new Uint8Array([0x61, 0x62]) }),
    encodeFrame({ opcode: Opcode.ping, payload: new Uint8Array(3) }),
    encodeFrame({ opcode: Opcode.binary, payload: new Uint8Array(126) }),
    encodeFrame({ opcode: Opcode.text, payload: new Uint8Array([0x63, 0x64]) }),
  ];
  const stream = concat(...frames);

  it('hold the bytes each frame arrived with, in one chunk and split anywhere', () => {
    const expected = frames.map((frame) => Array.from(frame.subarray(0, frame[1] === 126 ? 4 : 2)));
    const whole = framesOf(decodeAll(stream, { role: 'server' }));
    const byteByByte = framesOf(decodeChunks(splitAt(stream, Array.from(stream, (_, index) => index)), { role: 'server' }));
    expect(whole.map((record) => Array.from(record.headerBytes))).toEqual(expected);
    expect(byteByByte.map((record) => Array.from(record.headerBytes))).toEqual(expected);
  });

  it('are one array for equal headers, across decoders, and a copy of their own for longer headers', () => {
    const first = framesOf(decodeAll(stream, { role: 'server' }));
    const second = framesOf(decodeAll(stream, { role: 'server' }));
    expect(first[0]?.headerBytes).toBe(first[4]?.headerBytes);
    expect(first[0]?.headerBytes).toBe(first[7]?.headerBytes);
    expect(first[0]?.headerBytes).toBe(second[0]?.headerBytes);
    expect(first[0]?.headerBytes).not.toBe(first[2]?.headerBytes);
    expect(first[6]?.headerBytes).not.toBe(second[6]?.headerBytes);
  });

  it('leave a masked frame its own header, with its own key', () => {
    const masked = [0, 1].map((index) => encodeFrame({ opcode: Opcode.text, payload: new Uint8Array([0x61]), maskingKey: Uint8Array.of(index, 2, 3, 4) }));
    const records = framesOf(decodeAll(concat(...masked), { role: 'client' }));
    expect(records.map((record) => Array.from(record.maskingKey ?? []))).toEqual([
      [0, 2, 3, 4],
      [1, 2, 3, 4],
    ]);
    expect(records[0]?.headerBytes).not.toBe(records[1]?.headerBytes);
  });
});
