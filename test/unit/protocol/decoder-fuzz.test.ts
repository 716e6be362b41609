import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StreamInflater } from '../../../electron/engine/deflate/stream-inflater.js';
import { ZlibDeflater } from '../../../electron/engine/deflate/zlib-codec.js';
import type { DecodedItem } from '../../../shared/protocol/decoded-item.js';
import { FrameDecoder } from '../../../shared/protocol/frame-decoder.js';
import type { FrameDecoderOptions, InflateBudget } from '../../../shared/protocol/frame-decoder-options.js';
import { encodeFrame } from '../../../shared/protocol/frame-encoder.js';
import { Opcode } from '../../../shared/protocol/opcode.js';
import { frameDescription } from './frame-arbitraries.js';
import { concat, normalise, splitAt } from './protocol-fixtures.js';

/** How long each fuzz run may take; the number of cases is whatever fits (issue 19: "a fixed time bound"). */
const fuzzMs = 3_000;
const takeover = { noContextTakeover: false, windowBits: 15 };

/** A server's stream: permessage-deflate messages (one history, as a real server writes them) among arbitrary frames. */
const deflateStream = fc
  .array(fc.oneof(fc.record({ compressed: fc.string({ maxLength: 3000 }), fin: fc.boolean() }), frameDescription), { maxLength: 10 })
  .map((parts) => {
    const deflater = new ZlibDeflater(takeover);
    return concat(...parts.map((part) => ('compressed' in part ? encodeFrame({ opcode: Opcode.text, rsv1: true, fin: part.fin, payload: deflater.deflate(new TextEncoder().encode(part.compressed.repeat(20))) }) : encodeFrame(part))));
  });

/** The stream damaged: a few bytes replaced. */
const damagedStream = fc.tuple(deflateStream, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 })).map(([bytes, edits]) => {
  const out = bytes.slice();
  for (const [at, byte] of edits) if (out.length > 0) out[at % out.length] = byte;
  return out;
});

/** A budget the test refills whenever the decoder holds, as an owner's clock would. */
class RefilledBudget implements InflateBudget {
  private available: number;
  constructor(private readonly perRefill: number) {
    this.available = perRefill;
  }
  get isExhausted(): boolean {
    return this.available <= 0;
  }
  spend(bytes: number): void {
    this.available -= bytes;
  }
  refill(): void {
    this.available = this.perRefill;
  }
}

function decode(chunks: readonly Uint8Array[], mode: 'observe' | 'strict', sliceBytes: number, budgetBytes: number): DecodedItem[] {
  const budget = budgetBytes > 0 ? new RefilledBudget(budgetBytes) : null;
  const options: FrameDecoderOptions = {
    role: 'server',
    mode,
    negotiatedExtensions: ['permessage-deflate'],
    inflater: new StreamInflater(takeover),
    inflateSliceBytes: sliceBytes,
    maxInflatedBytes: 200_000,
    ...(budget ? { inflateBudget: budget } : {}),
  };
  const decoder = new FrameDecoder(options);
  const items: DecodedItem[] = [];
  const settle = (): void => {
    for (let turns = 0; decoder.isSuspended; turns++) {
      if (turns > 100_000) throw new Error('the decoder never settled');
      budget?.refill();
      items.push(...decoder.resume());
    }
  };
  for (const chunk of chunks) {
    items.push(...decoder.push(chunk, 1));
    settle();
  }
  items.push(...decoder.finish(2));
  return items.filter((item) => item.kind !== 'inflate-budget-reached');
}

describe('the frame decoder under fuzzing, for a fixed time', () => {
  it('damaged permessage-deflate streams: no throw, and any split, slice size or inflate budget gives the records of one whole read', () => {
    fc.assert(
      fc.property(
        damagedStream,
        fc.array(fc.nat({ max: 20_000 }), { maxLength: 20 }),
        fc.constantFrom('observe' as const, 'strict' as const),
        fc.constantFrom(0, 1, 4096),
        fc.constantFrom(0, 1, 10_000),
        (bytes, cuts, mode, sliceBytes, budgetBytes) => {
          const whole = normalise(decode([bytes], mode, 0, 0));
          expect(normalise(decode(splitAt(bytes, cuts), mode, sliceBytes, budgetBytes))).toEqual(whole);
        },
      ),
      { numRuns: Number.MAX_SAFE_INTEGER, interruptAfterTimeLimit: fuzzMs, markInterruptAsFailure: false },
    );
  }, 30_000);
});
