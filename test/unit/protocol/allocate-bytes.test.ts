import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ByteAllocator } from '../../../shared/protocol/copy-bytes.js';
import { FrameDecoder } from '../../../shared/protocol/frame-decoder.js';
import type { FrameDecoderOptions } from '../../../shared/protocol/frame-decoder-options.js';
import { encodeFrame } from '../../../shared/protocol/frame-encoder.js';
import { frameStream } from './frame-arbitraries.js';
import { decodeChunks, framesOf, normalise, splitAt, XorInflater } from './protocol-fixtures.js';

// `allocateBytes` lets the engine skip zero-filling the buffers payloads are copied into. An
// allocator that hands out memory full of leftovers shows the decoder overwrites every byte.

const dirtyBytes: ByteAllocator = (byteLength) => new Uint8Array(byteLength).fill(0xa5);

const decoderOptions: fc.Arbitrary<FrameDecoderOptions> = fc.record({
  role: fc.constantFrom('client' as const, 'server' as const),
  mode: fc.constantFrom('observe' as const, 'strict' as const),
  payloadRetentionBytes: fc.constantFrom(0, 7, 100, 65536),
  maxPayloadBytes: fc.constantFrom(50, 1000, 100 * 1024 * 1024),
  negotiatedExtensions: fc.constantFrom([], ['permessage-deflate']),
  inflater: fc.constantFrom(undefined, new XorInflater()),
  payloadViews: fc.boolean(),
});

const cutPoints = fc.array(fc.nat({ max: 5000 }), { maxLength: 30 });

function plain(items: readonly unknown[]): unknown {
  return JSON.parse(JSON.stringify(items, (_key, value: unknown) => (value instanceof Uint8Array ? Array.from(value) : value)));
}

describe('allocateBytes', () => {
  it('gives the same records as zero-filled copies, for any stream, options and split', () => {
    fc.assert(
      fc.property(frameStream, decoderOptions, cutPoints, (bytes, options, cuts) => {
        const zeroed = plain(normalise(decodeChunks(splitAt(bytes, cuts), options)));
        const dirty = plain(normalise(decodeChunks(splitAt(bytes, cuts), { ...options, allocateBytes: dirtyBytes })));
        expect(dirty).toEqual(zeroed);
      }),
      { numRuns: 400 },
    );
  });

  it('makes the buffer a payload over several chunks is joined into, and a masked payload is unmasked into', () => {
    const made: number[] = [];
    const allocateBytes: ByteAllocator = (byteLength) => {
      made.push(byteLength);
      return dirtyBytes(byteLength);
    };
    const payload = new Uint8Array(1000).map((_, index) => index);
    const unmasked = encodeFrame({ opcode: 2, payload, fin: true });
    const server = new FrameDecoder({ role: 'server', allocateBytes });
    const [joined] = framesOf([...server.push(unmasked.subarray(0, 300), 1), ...server.push(unmasked.subarray(300), 2)]);
    expect(joined?.payload).toEqual(payload);
    expect(made).toEqual([1000]);
    const masked = encodeFrame({ opcode: 2, payload, fin: true, maskingKey: Uint8Array.of(1, 2, 3, 4) });
    const [unmaskedCopy] = framesOf(new FrameDecoder({ role: 'client', allocateBytes }).push(masked, 1));
    expect(unmaskedCopy?.payload).toEqual(payload);
    expect(made).toEqual([1000, 1000]);
  });

  it('unmasks a masked payload over several chunks straight into its one buffer, with no copy per piece', () => {
    const made: number[] = [];
    const allocateBytes: ByteAllocator = (byteLength) => {
      made.push(byteLength);
      return dirtyBytes(byteLength);
    };
    const payload = new Uint8Array(1000).map((_, index) => index * 3);
    const masked = encodeFrame({ opcode: 2, payload, fin: true, maskingKey: Uint8Array.of(9, 8, 7, 6) });
    const decoder = new FrameDecoder({ role: 'client', allocateBytes });
    // Cuts at odd offsets, so each piece starts at a different phase of the masking key (§5.3).
    const items = [301, 302, 703].flatMap((end, index, ends) => decoder.push(masked.subarray(index === 0 ? 0 : (ends[index - 1] as number), end), index));
    const [frame] = framesOf([...items, ...decoder.push(masked.subarray(703), 3)]);
    expect(frame?.payload).toEqual(payload);
    expect(made).toEqual([1000]);
  });
});
