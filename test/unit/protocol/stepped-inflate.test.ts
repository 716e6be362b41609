import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StreamInflater } from '../../../electron/engine/deflate/stream-inflater.js';
import { ZlibDeflater } from '../../../electron/engine/deflate/zlib-codec.js';
import type { DecodedItem } from '../../../shared/protocol/decoded-item.js';
import { FrameDecoder } from '../../../shared/protocol/frame-decoder.js';
import { encodeFrame } from '../../../shared/protocol/frame-encoder.js';
import { Opcode } from '../../../shared/protocol/opcode.js';
import { concat, normalise, splitAt, utf8 } from './protocol-fixtures.js';

const takeover = { noContextTakeover: false, windowBits: 15 };

/** A server stream: compressed text messages of every size (one large), each followed by a ping. */
function stream(): Uint8Array {
  const deflater = new ZlibDeflater(takeover);
  const messages = [utf8('{"hello":1}'), utf8('x'.repeat(300_000)), utf8('{"hello":2}'), new Uint8Array(0), utf8('é'.repeat(50_000))];
  return concat(...messages.flatMap((message) => [encodeFrame({ opcode: Opcode.text, rsv1: true, payload: deflater.deflate(message) }), encodeFrame({ opcode: Opcode.ping, payload: utf8('p') })]));
}

const options = { role: 'server' as const, negotiatedExtensions: ['permessage-deflate'], payloadRetentionBytes: 100_000 };

/** Decodes with inflation in steps of `sliceBytes`, resuming whenever the decoder suspends. */
function decodeStepped(chunks: readonly Uint8Array[], sliceBytes: number): { items: DecodedItem[]; suspensions: number } {
  const decoder = new FrameDecoder({ ...options, inflater: new StreamInflater(takeover), inflateSliceBytes: sliceBytes });
  const items: DecodedItem[] = [];
  let suspensions = 0;
  for (const chunk of chunks) {
    items.push(...decoder.push(chunk, 1));
    while (decoder.isSuspended) {
      suspensions += 1;
      items.push(...decoder.resume());
    }
  }
  items.push(...decoder.finish(2));
  return { items, suspensions };
}

/** Normalised records with byte fields as hex: a deep compare of 100 KB typed arrays element by element took most of this file's time. */
function comparable(items: readonly DecodedItem[]): unknown[] {
  return normalise(items).map((item) => Object.fromEntries(Object.entries(item as object).map(([key, value]) => [key, value instanceof Uint8Array ? Buffer.from(value).toString('hex') : value])));
}

describe('inflation in steps (issue 19)', () => {
  it('gives the same records as inflating at once, for any split of the stream, and suspends on the large messages', () => {
    const bytes = stream();
    const decoder = new FrameDecoder({ ...options, inflater: new StreamInflater(takeover) });
    const expected = comparable([...decoder.push(bytes, 1), ...decoder.finish(2)]);
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 6 }), (cuts) => {
      const { items, suspensions } = decodeStepped(splitAt(bytes, [...new Set(cuts)].sort((a, b) => a - b)), 16 * 1024);
      expect(comparable(items)).toEqual(expected);
      expect(suspensions).toBeGreaterThan(2);
    }), { numRuns: 20 });
  });

  it('queues what arrives while suspended, and the end of the stream finishes the work first', () => {
    const bytes = stream();
    const decoder = new FrameDecoder({ ...options, inflater: new StreamInflater(takeover), inflateSliceBytes: 4096 });
    const first = decoder.push(bytes, 1);
    expect(decoder.isSuspended).toBe(true);
    // The small first message and its ping came before the large one.
    expect(first.map((item) => (item.kind === 'frame' ? item.opcode : item.kind))).toEqual([Opcode.text, Opcode.ping]);
    expect(decoder.push(encodeFrame({ opcode: Opcode.ping, payload: utf8('q') }), 2)).toEqual([]);
    const rest = decoder.finish(3);
    expect(decoder.isSuspended).toBe(false);
    const frames = rest.filter((item) => item.kind === 'frame');
    expect(frames).toHaveLength(9);
    expect(frames[0]).toMatchObject({ opcode: Opcode.text, inflatedLength: 300_000, violations: [] });
    expect(frames.at(-1)).toMatchObject({ opcode: Opcode.ping, atMicros: 2, violations: [] });
  });
});
