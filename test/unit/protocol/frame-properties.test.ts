import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameDecoder } from '../../../shared/protocol/frame-decoder.js';
import type { FrameDecoderOptions } from '../../../shared/protocol/frame-decoder-options.js';
import { encodeFrame } from '../../../shared/protocol/frame-encoder.js';
import { frameDescription, frameStream } from './frame-arbitraries.js';
import { concat, decodeAll, decodeChunks, framesOf, normalise, splitAt, XorInflater } from './protocol-fixtures.js';

const decoderOptions: fc.Arbitrary<FrameDecoderOptions> = fc.record({
  role: fc.constantFrom('client' as const, 'server' as const),
  mode: fc.constantFrom('observe' as const, 'strict' as const),
  payloadRetentionBytes: fc.constantFrom(0, 7, 64, 65536),
  maxPayloadBytes: fc.constantFrom(50, 1000, 100 * 1024 * 1024),
  maxFragments: fc.constantFrom(0, 2),
  negotiatedExtensions: fc.constantFrom([], ['permessage-deflate']),
  inflater: fc.constantFrom(undefined, new XorInflater()),
});

const cutPoints = fc.array(fc.nat({ max: 5000 }), { maxLength: 30 });

describe('any split of a byte stream gives the same records', () => {
  it('for streams of encoded frames, legal or not', () => {
    fc.assert(
      fc.property(frameStream, decoderOptions, cutPoints, (bytes, options, cuts) => {
        const whole = normalise(decodeAll(bytes, options));
        expect(normalise(decodeChunks(splitAt(bytes, cuts), options))).toEqual(whole);
      }),
      { numRuns: 400 },
    );
  });

  it('when push stops after a few items and the rest is pushed again', () => {
    fc.assert(
      fc.property(frameStream, decoderOptions, cutPoints, fc.integer({ min: 1, max: 4 }), (bytes, options, cuts, maxItems) => {
        const whole = normalise(decodeAll(bytes, options));
        const decoder = new FrameDecoder(options);
        const items = [];
        for (const chunk of splitAt(bytes, cuts)) {
          let rest = chunk;
          for (;;) {
            const made = decoder.push(rest, 1, maxItems);
            items.push(...made);
            const taken = decoder.pushedBytes;
            // It stops only once it has made enough, and never takes nothing from a non-empty input.
            if (taken < rest.length) expect(made.length >= maxItems && taken > 0).toBe(true);
            if (taken >= rest.length) break;
            rest = rest.subarray(taken);
          }
        }
        items.push(...decoder.finish(1));
        expect(normalise(items)).toEqual(whole);
      }),
      { numRuns: 400 },
    );
  });

  it('for arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), decoderOptions, cutPoints, (bytes, options, cuts) => {
        const whole = normalise(decodeAll(bytes, options));
        expect(normalise(decodeChunks(splitAt(bytes, cuts), options))).toEqual(whole);
      }),
      { numRuns: 400 },
    );
  });

  it('the frame time is the time of the chunk that completed its header', () => {
    const decoder = new FrameDecoder({ role: 'server' });
    expect(decoder.push(Uint8Array.of(0x82), 10)).toEqual([]);
    expect(decoder.push(Uint8Array.of(0x02, 0x01), 20)).toEqual([]);
    expect(decoder.state).toBe('payload');
    expect(decoder.push(Uint8Array.of(0x02), 30)).toMatchObject([{ kind: 'frame', atMicros: 20 }]);
  });
});

describe('encode → decode round trip', () => {
  const lengthClasses = [0, 1, 125, 126, 65535, 65536];
  const key = Uint8Array.of(0xde, 0xad, 0xbe, 0xef);
  for (let opcode = 0; opcode <= 15; opcode++) {
    it(`opcode 0x${opcode.toString(16)} at lengths ${lengthClasses.join(', ')}, masked and not`, () => {
      for (const length of lengthClasses) {
        for (const maskingKey of [null, key]) {
          const payload = new Uint8Array(length).map((_, i) => (i * 31 + opcode) & 0xff);
          const description = { opcode, payload, fin: length % 2 === 0, rsv1: length === 125, rsv3: length === 126, maskingKey };
          const [frame] = framesOf(decodeAll(encodeFrame(description), { role: maskingKey === null ? 'server' : 'client', payloadRetentionBytes: 65536 }));
          expect(frame).toMatchObject({
            opcode,
            fin: description.fin,
            rsv1: description.rsv1,
            rsv2: false,
            rsv3: description.rsv3,
            masked: maskingKey !== null,
            maskingKey,
            payloadLength: length,
            payloadTruncated: false,
          });
          expect(frame?.payload).toEqual(payload);
        }
      }
    });
  }

  it('random descriptions survive the round trip, whatever the length form', () => {
    fc.assert(
      fc.property(frameDescription, (description) => {
        const [frame] = framesOf(decodeAll(encodeFrame(description), { role: 'server' }));
        expect(frame?.opcode).toBe(description.opcode);
        expect(frame?.fin).toBe(description.fin);
        expect(frame?.maskingKey).toEqual(description.maskingKey ?? null);
        expect(frame?.payload).toEqual(description.payload);
      }),
    );
  });

  it('a declared length beyond 2^32 over the limit: recorded from its header alone, the true length kept, nothing retained', () => {
    const declaredLength = 2 ** 32 + 5;
    const payload = new Uint8Array(1000).fill(0x61);
    const bytes = encodeFrame({ opcode: 2, payload, declaredLength });
    expect(bytes.subarray(0, 10)).toEqual(Uint8Array.of(0x82, 0x7f, 0, 0, 0, 1, 0, 0, 0, 5));
    const decoder = new FrameDecoder({ role: 'server', payloadRetentionBytes: 100 });
    const [frame] = framesOf(decoder.push(bytes.subarray(0, 10), 1));
    expect(frame).toMatchObject({ payloadLength: declaredLength, payloadTruncated: true, atMicros: 1 });
    expect(frame?.payload).toEqual(new Uint8Array(0));
    expect(frame?.violations.map((violation) => violation.rule)).toEqual(['payload-too-big']);
    expect(decoder.push(bytes.subarray(10), 2)).toEqual([]);
    expect(decoder.finish(3)).toEqual([]);
  });
});

describe('bounded work on hostile input', () => {
  it('arbitrary bytes never throw, and held memory stays within input size and the limits', () => {
    const retention = 16;
    const maxPayloadBytes = 64;
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 10 }), fc.boolean(), (chunks, inflate) => {
        const inflater = inflate ? new XorInflater() : undefined;
        const decoder = new FrameDecoder({ role: 'client', payloadRetentionBytes: retention, maxPayloadBytes, negotiatedExtensions: ['permessage-deflate'], inflater });
        let input = 0;
        let output = 0;
        for (const chunk of chunks) {
          input += chunk.length;
          for (const item of decoder.push(chunk, 0)) {
            if (item.kind === 'frame') {
              expect(item.payload.length).toBeLessThanOrEqual(125);
              output += item.payload.length;
            }
          }
          // Header bytes, plus retained and compressed copies that grow at most by doubling.
          expect(decoder.bufferedBytes).toBeLessThanOrEqual(14 + Math.min(2 * input, 125) + Math.min(2 * input, maxPayloadBytes));
        }
        decoder.finish(0);
        expect(output).toBeLessThanOrEqual(input);
      }),
      { numRuns: 500 },
    );
  });

  it('a declared length of 2^63−1 is recorded at its header and allocates nothing for its payload (issue 19)', () => {
    const decoder = new FrameDecoder({ role: 'server' });
    const [frame] = framesOf(decoder.push(Uint8Array.of(0x82, 0x7f, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff), 0));
    expect(frame).toMatchObject({ payloadTruncated: true, payloadLength: 2 ** 63, payload: new Uint8Array(0) });
    expect(frame?.violations.map((violation) => violation.rule)).toEqual(['payload-too-big']);
    expect(decoder.state).toBe('discard');
    for (let i = 0; i < 200; i++) expect(decoder.push(new Uint8Array(1000), 2)).toEqual([]);
    expect(decoder.bufferedBytes).toBe(0);
    expect(decoder.finish(3)).toEqual([]);
  });

  it('the frame after a discarded payload decodes normally', () => {
    const stream = concat(encodeFrame({ opcode: 2, payload: new Uint8Array(70) }), encodeFrame({ opcode: 1, payload: new TextEncoder().encode('next') }));
    for (const chunks of [[stream], splitAt(stream, [3, 40, 72, 75])]) {
      const frames = framesOf(decodeChunks(chunks, { role: 'server', maxPayloadBytes: 64 }));
      expect(frames.map((frame) => [frame.opcode, frame.payload.length, frame.violations.map((violation) => violation.rule)])).toEqual([
        [2, 0, ['payload-too-big']],
        [1, 4, []],
      ]);
    }
  });
});

describe('records own their bytes', () => {
  it('Node Buffer chunks are never written to nor aliased', () => {
    const masked = Buffer.from(encodeFrame({ opcode: 1, payload: new TextEncoder().encode('Hello'), maskingKey: Uint8Array.of(0x37, 0xfa, 0x21, 0x3d) }));
    const unmasked = Buffer.from(encodeFrame({ opcode: 2, payload: Uint8Array.of(1, 2, 3) }));
    const originalMasked = Buffer.from(masked);
    const [maskedFrame] = framesOf(new FrameDecoder({ role: 'client' }).push(masked, 0));
    const [unmaskedFrame] = framesOf(new FrameDecoder({ role: 'server' }).push(unmasked, 0));
    expect(masked).toEqual(originalMasked);
    unmasked.fill(0);
    expect(unmaskedFrame?.payload).toEqual(Uint8Array.of(1, 2, 3));
    expect(Buffer.isBuffer(unmaskedFrame?.payload)).toBe(false);
    expect(Buffer.isBuffer(maskedFrame?.payload)).toBe(false);
  });
});
