import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameDecoder } from '../../../shared/protocol/frame-decoder.js';
import { encodeFrame } from '../../../shared/protocol/frame-encoder.js';
import { Opcode } from '../../../shared/protocol/opcode.js';
import { frameStream } from './frame-arbitraries.js';
import { concat, decodeChunks, framesOf, normalise, splitAt } from './protocol-fixtures.js';

// The decoder's `isUtf8` hook lets the runtime vouch for a text message of one frame; our own
// validator decides everything else. These tests show the records are the same either way.

const encoder = new TextEncoder();
const textPayload = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 150 }).map((text) => encoder.encode(text)),
  fc.string({ unit: 'binary', maxLength: 150 }).map((text) => encoder.encode(text)),
  fc.uint8Array({ maxLength: 400 }),
  fc.string({ unit: 'grapheme-ascii', minLength: 250, maxLength: 400 }).map((text) => encoder.encode(text)),
  // Valid text with one byte changed: overlongs, surrogates, cut sequences.
  fc.tuple(fc.string({ unit: 'grapheme', minLength: 10, maxLength: 200 }), fc.nat(), fc.integer({ min: 0x80, max: 0xff })).map(([text, at, byte]) => {
    const bytes = encoder.encode(text);
    if (bytes.length > 0) bytes[at % bytes.length] = byte;
    return bytes;
  }),
);
const textFrame = fc.record({ payload: textPayload, fin: fc.boolean(), isContinuation: fc.boolean() }).map(({ payload, fin, isContinuation }) =>
  encodeFrame({ opcode: isContinuation ? Opcode.continuation : Opcode.text, payload, fin }),
);
const textStream = fc.array(textFrame, { maxLength: 10 }).map((frames) => concat(...frames));
const cutPoints = fc.array(fc.nat({ max: 3000 }), { maxLength: 12 });

function plain(items: readonly unknown[]): unknown {
  return JSON.parse(JSON.stringify(items, (_key, value: unknown) => (value instanceof Uint8Array ? Array.from(value) : value)));
}

describe('the runtime UTF-8 validator hook', () => {
  it('gives the same records as our validator alone, for text frames valid or not, whole or fragmented, in any split', () => {
    fc.assert(
      fc.property(fc.oneof(textStream, frameStream), cutPoints, fc.constantFrom('observe' as const, 'strict' as const), fc.boolean(), (bytes, cuts, mode, payloadViews) => {
        const options = { role: 'server' as const, mode, payloadViews };
        const ours = plain(normalise(decodeChunks(splitAt(bytes, cuts), options)));
        const withRuntime = plain(normalise(decodeChunks(splitAt(bytes, cuts), { ...options, isUtf8 })));
        expect(withRuntime).toEqual(ours);
      }),
      { numRuns: 600 },
    );
  });

  it('is asked about a whole text frame in one chunk, and its refusal is checked by ours', () => {
    const asked: number[] = [];
    const refuseAll = (bytes: Uint8Array): boolean => (asked.push(bytes.length), false);
    const valid = encoder.encode('a message long enough for the runtime validator, ünïcödé; '.repeat(8));
    const [frame] = framesOf(new FrameDecoder({ role: 'server', isUtf8: refuseAll }).push(encodeFrame({ opcode: Opcode.text, payload: valid, fin: true }), 1));
    expect(asked).toEqual([valid.length]);
    expect(frame?.violations).toEqual([]);
  });
});
