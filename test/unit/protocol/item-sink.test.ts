import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DecodedItem } from '../../../shared/protocol/decoded-item.js';
import { FrameDecoder } from '../../../shared/protocol/frame-decoder.js';
import type { FrameDecoderOptions } from '../../../shared/protocol/frame-decoder-options.js';
import { encodeFrame } from '../../../shared/protocol/frame-encoder.js';
import { frameStream } from './frame-arbitraries.js';
import { concat, decodeChunks, normalise, splitAt, XorInflater } from './protocol-fixtures.js';

// `pushInto` hands each item to a sink as it is decoded (the live session appends each frame to its
// capture at once, so a read's records die young). It must change when items arrive, nothing else.

const decoderOptions: fc.Arbitrary<FrameDecoderOptions> = fc.record({
  role: fc.constantFrom('client' as const, 'server' as const),
  mode: fc.constantFrom('observe' as const, 'strict' as const),
  payloadRetentionBytes: fc.constantFrom(0, 7, 64, 65536),
  maxPayloadBytes: fc.constantFrom(50, 1000, 100 * 1024 * 1024),
  maxFragments: fc.constantFrom(0, 2),
  negotiatedExtensions: fc.constantFrom([], ['permessage-deflate']),
  inflater: fc.constantFrom(undefined, new XorInflater()),
  payloadViews: fc.boolean(),
});

const cutPoints = fc.array(fc.nat({ max: 5000 }), { maxLength: 30 });

/** Items with every byte field as a plain array, so a view and a copy of the same bytes compare equal. */
function plain(items: readonly unknown[]): unknown[] {
  return JSON.parse(JSON.stringify(items, (_key, value: unknown) => (value instanceof Uint8Array ? Array.from(value) : value))) as unknown[];
}

/** The item with its byte fields copied at the moment the sink gets it: a payload view is only good that long. */
function owned(item: DecodedItem): DecodedItem {
  const copy: Record<string, unknown> = { ...item };
  for (const [key, value] of Object.entries(copy)) if (value instanceof Uint8Array) copy[key] = value.slice();
  return copy as unknown as DecodedItem;
}

describe('a decoder with an item sink', () => {
  it('gives the same items in the same order as push, for any stream, options and split', () => {
    fc.assert(
      fc.property(frameStream, decoderOptions, cutPoints, (bytes, options, cuts) => {
        const expected = plain(normalise(decodeChunks(splitAt(bytes, cuts), options)));
        const decoder = new FrameDecoder(options);
        const seen: DecodedItem[] = [];
        for (const chunk of splitAt(bytes, cuts)) decoder.pushInto(chunk, 1, { push: (item) => seen.push(owned(item)) });
        seen.push(...decoder.finish(1));
        expect(plain(normalise(seen))).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  it('hands each frame over before it decodes the next one', () => {
    const decoder = new FrameDecoder({ role: 'server' });
    const chunk = concat(encodeFrame({ opcode: 1, payload: Uint8Array.of(0x61), fin: true }), encodeFrame({ opcode: 1, payload: Uint8Array.of(0x62), fin: true }));
    const states: string[] = [];
    decoder.pushInto(chunk, 1, { push: () => states.push(decoder.state) });
    // The first frame is handed over while the second one's bytes are still unread.
    expect(states).toEqual(['header', 'header']);
  });

  it('refuses to be fed again from inside its sink, and goes on afterwards', () => {
    const decoder = new FrameDecoder({ role: 'server' });
    const frame = encodeFrame({ opcode: 1, payload: Uint8Array.of(0x61), fin: true });
    expect(() => decoder.pushInto(frame, 1, { push: () => decoder.push(frame, 1) })).toThrow(/inside its item sink/);
    expect(() => decoder.pushInto(frame, 1, { push: () => decoder.finish(1) })).toThrow(/inside its item sink/);
    expect(decoder.push(frame, 2).map((item) => item.kind)).toEqual(['frame']);
  });
});
