import { describe, expect, it } from 'vitest';
import { encodeFrame, encodeMessageFragments } from '../../../shared/protocol/frame-encoder.js';
import { Opcode } from '../../../shared/protocol/opcode.js';
import { decodeAll, decodeChunks, framesOf, hex, splitAt, utf8 } from './protocol-fixtures.js';

// RFC 6455 §5.7, byte for byte.
const key = hex('37 fa 21 3d');
const unmaskedHello = hex('81 05 48 65 6c 6c 6f');
const maskedHello = hex('81 85 37 fa 21 3d 7f 9f 4d 51 58');
const fragmentedHel = hex('01 03 48 65 6c');
const fragmentedLo = hex('80 02 6c 6f');
const unmaskedPing = hex('89 05 48 65 6c 6c 6f');
const maskedPong = hex('8a 85 37 fa 21 3d 7f 9f 4d 51 58');
const binary256Header = hex('82 7e 01 00');
const binary64KiBHeader = hex('82 7f 00 00 00 00 00 01 00 00');

describe('RFC 6455 §5.7 examples: decode', () => {
  it('a single-frame unmasked text message', () => {
    const [frame] = framesOf(decodeAll(unmaskedHello, { role: 'server' }));
    expect(frame).toMatchObject({ fin: true, opcode: Opcode.text, masked: false, maskingKey: null, payloadLength: 5, fragment: 'whole', messageId: 1, violations: [] });
    expect(frame?.payload).toEqual(utf8('Hello'));
    expect(frame?.headerBytes).toEqual(hex('81 05'));
  });

  it('a single-frame masked text message', () => {
    const [frame] = framesOf(decodeAll(maskedHello, { role: 'client' }));
    expect(frame).toMatchObject({ fin: true, opcode: Opcode.text, masked: true, payloadLength: 5, violations: [] });
    expect(frame?.maskingKey).toEqual(key);
    expect(frame?.payload).toEqual(utf8('Hello'));
    expect(frame?.headerBytes).toEqual(hex('81 85 37 fa 21 3d'));
  });

  it('a fragmented unmasked text message shares one messageId', () => {
    const frames = framesOf(decodeAll(new Uint8Array([...fragmentedHel, ...fragmentedLo]), { role: 'server' }));
    expect(frames.map((frame) => [frame.opcode, frame.fin, frame.fragment, frame.messageId])).toEqual([
      [Opcode.text, false, 'first', 1],
      [Opcode.continuation, true, 'last', 1],
    ]);
    expect(frames.map((frame) => frame.payload)).toEqual([utf8('Hel'), utf8('lo')]);
  });

  it('an unmasked ping and a masked pong each get their own messageId', () => {
    const [ping] = framesOf(decodeAll(unmaskedPing, { role: 'server' }));
    const [pong] = framesOf(decodeAll(maskedPong, { role: 'client' }));
    expect(ping).toMatchObject({ opcode: Opcode.ping, payloadLength: 5, fragment: 'whole', violations: [] });
    expect(pong).toMatchObject({ opcode: Opcode.pong, masked: true, payloadLength: 5, violations: [] });
    expect(pong?.payload).toEqual(utf8('Hello'));
  });

  it('256 bytes of binary data with a 16-bit length', () => {
    const payload = new Uint8Array(256).map((_, i) => i);
    const [frame] = framesOf(decodeAll(new Uint8Array([...binary256Header, ...payload]), { role: 'server' }));
    expect(frame).toMatchObject({ opcode: Opcode.binary, payloadLength: 256, payloadTruncated: false, violations: [] });
    expect(frame?.payload).toEqual(payload);
  });

  it('64 KiB of binary data with a 64-bit length', () => {
    const payload = new Uint8Array(65536).map((_, i) => i * 7);
    const [frame] = framesOf(decodeAll(new Uint8Array([...binary64KiBHeader, ...payload]), { role: 'server' }));
    expect(frame).toMatchObject({ opcode: Opcode.binary, payloadLength: 65536, payloadTruncated: false, violations: [] });
    expect(frame?.payload).toEqual(payload);
  });
});

describe('RFC 6455 §5.7 examples: encode', () => {
  it('writes the same bytes', () => {
    expect(encodeFrame({ opcode: Opcode.text, payload: utf8('Hello') })).toEqual(unmaskedHello);
    expect(encodeFrame({ opcode: Opcode.text, payload: utf8('Hello'), maskingKey: key })).toEqual(maskedHello);
    expect(encodeMessageFragments({ opcode: Opcode.text, payload: utf8('Hello'), fragmentSize: 3 })).toEqual([fragmentedHel, fragmentedLo]);
    expect(encodeFrame({ opcode: Opcode.ping, payload: utf8('Hello') })).toEqual(unmaskedPing);
    expect(encodeFrame({ opcode: Opcode.pong, payload: utf8('Hello'), maskingKey: key })).toEqual(maskedPong);
    expect(encodeFrame({ opcode: Opcode.binary, payload: new Uint8Array(256) }).subarray(0, 4)).toEqual(binary256Header);
    expect(encodeFrame({ opcode: Opcode.binary, payload: new Uint8Array(65536) }).subarray(0, 10)).toEqual(binary64KiBHeader);
  });
});

describe('every split of every example gives the same records', () => {
  const streams: [string, Uint8Array, 'client' | 'server'][] = [
    ['unmasked text', unmaskedHello, 'server'],
    ['masked text', maskedHello, 'client'],
    ['fragmented text with a ping between', new Uint8Array([...fragmentedHel, ...unmaskedPing, ...fragmentedLo]), 'server'],
    ['masked pong', maskedPong, 'client'],
    ['256 binary', new Uint8Array([...binary256Header, ...new Uint8Array(256).fill(9)]), 'server'],
  ];
  for (const [name, bytes, role] of streams) {
    it(`${name}: one cut at each byte boundary, and byte by byte`, () => {
      const whole = decodeAll(bytes, { role });
      for (let cut = 1; cut < bytes.length; cut++) {
        expect(decodeChunks(splitAt(bytes, [cut]), { role })).toEqual(whole);
      }
      const byteByByte = Array.from(bytes, (byte) => Uint8Array.of(byte));
      expect(decodeChunks(byteByByte, { role })).toEqual(whole);
    });
  }
});
