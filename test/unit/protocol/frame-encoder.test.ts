import { describe, expect, it } from 'vitest';
import { buildClosePayload, parseClosePayload } from '../../../shared/protocol/close-payload.js';
import { encodeFrame, encodeMessageFragments } from '../../../shared/protocol/frame-encoder.js';
import { applyMask } from '../../../shared/protocol/masking.js';
import { Opcode } from '../../../shared/protocol/opcode.js';
import { decodeAll, framesOf, hex, utf8 } from './protocol-fixtures.js';

describe('encodeFrame writes illegal frames on purpose', () => {
  it('reserved opcodes and all RSV bits', () => {
    expect(encodeFrame({ opcode: 0xb, rsv1: true, rsv2: true, rsv3: true })).toEqual(hex('fb 00'));
    expect(encodeFrame({ opcode: 0x3, fin: false })).toEqual(hex('03 00'));
  });

  it('non-minimal 16- and 64-bit length forms', () => {
    expect(encodeFrame({ opcode: Opcode.text, payload: utf8('hi'), lengthForm: '16-bit' })).toEqual(hex('81 7e 00 02 68 69'));
    expect(encodeFrame({ opcode: Opcode.text, payload: utf8('hi'), lengthForm: '64-bit' })).toEqual(hex('81 7f 00 00 00 00 00 00 00 02 68 69'));
  });

  it('a declared length that differs from the payload, including one with the 64-bit MSB set', () => {
    expect(encodeFrame({ opcode: Opcode.binary, payload: hex('01'), declaredLength: 3 })).toEqual(hex('82 03 01'));
    expect(encodeFrame({ opcode: Opcode.binary, declaredLength: 2n ** 63n })).toEqual(hex('82 7f 80 00 00 00 00 00 00 00'));
    expect(encodeFrame({ opcode: Opcode.binary, declaredLength: 2n ** 64n - 1n })).toEqual(hex('82 7f ff ff ff ff ff ff ff ff'));
  });

  it('oversized and fragmented control frames', () => {
    const ping = encodeFrame({ opcode: Opcode.ping, payload: new Uint8Array(200), fin: false });
    expect(ping.subarray(0, 4)).toEqual(hex('09 7e 00 c8'));
    expect(ping).toHaveLength(204);
  });

  it('masks with the given key and never alters the caller’s payload', () => {
    const payload = utf8('Hello');
    const frame = encodeFrame({ opcode: Opcode.text, payload, maskingKey: hex('37 fa 21 3d') });
    expect(frame).toEqual(hex('81 85 37 fa 21 3d 7f 9f 4d 51 58'));
    expect(payload).toEqual(utf8('Hello'));
  });

  it('refuses descriptions no frame can carry', () => {
    expect(() => encodeFrame({ opcode: 16 })).toThrow(RangeError);
    expect(() => encodeFrame({ opcode: 1, maskingKey: hex('01 02 03') })).toThrow(RangeError);
    expect(() => encodeFrame({ opcode: 1, declaredLength: 126, lengthForm: '7-bit' })).toThrow(RangeError);
    expect(() => encodeFrame({ opcode: 1, declaredLength: 2n ** 64n })).toThrow(RangeError);
  });
});

describe('encodeMessageFragments', () => {
  it('first frame carries the opcode and RSV1, the rest are continuations, FIN on the last', () => {
    const keys = [hex('01 01 01 01'), hex('02 02 02 02'), hex('03 03 03 03')];
    const frames = encodeMessageFragments({ opcode: Opcode.text, payload: utf8('abcdefg'), fragmentSize: 3, rsv1: true, maskingKeyFor: (index) => keys[index] as Uint8Array });
    expect(frames.map((frame) => frame[0])).toEqual([0x41, 0x00, 0x80]);
    const records = framesOf(decodeAll(Uint8Array.from(frames.flatMap((frame) => [...frame])), { role: 'client' }));
    expect(records.map((record) => record.fragment)).toEqual(['first', 'middle', 'last']);
    expect(records.map((record) => record.maskingKey)).toEqual(keys);
    expect(new Set(records.map((record) => record.messageId)).size).toBe(1);
  });

  it('an empty message is one frame', () => {
    expect(encodeMessageFragments({ opcode: Opcode.binary, payload: new Uint8Array(0), fragmentSize: 4 })).toEqual([hex('82 00')]);
  });
});

describe('close payloads (§5.5.1)', () => {
  it('builds and parses code and reason', () => {
    expect(buildClosePayload()).toEqual(new Uint8Array(0));
    expect(buildClosePayload(1000, 'bye')).toEqual(hex('03 e8 62 79 65'));
    expect(buildClosePayload(1004)).toEqual(hex('03 ec'));
    expect(parseClosePayload(hex('03 e8 62 79 65'))).toEqual({ closeCode: 1000, closeReason: 'bye', violations: [] });
    expect(parseClosePayload(new Uint8Array(0))).toEqual({ violations: [] });
  });
});

describe('applyMask (§5.3)', () => {
  it('word-wise and byte-wise give the same bytes at any alignment and phase', () => {
    const key = hex('12 34 56 78');
    const source = new Uint8Array(301).map((_, i) => i * 13);
    for (let offset = 0; offset < 4; offset++) {
      for (let phase = 0; phase < 4; phase++) {
        const data = new Uint8Array(320);
        const view = data.subarray(offset, offset + source.length);
        view.set(source);
        applyMask(view, key, phase);
        const expected = source.map((byte, i) => byte ^ (key[(i + phase) & 3] as number));
        expect(view).toEqual(expected);
      }
    }
  });
});
