import { describe, expect, it } from 'vitest';
import type { DecodedItem } from '../../../shared/protocol/decoded-item.js';
import type { FrameDecoderOptions } from '../../../shared/protocol/frame-decoder-options.js';
import type { ViolationRule } from '../../../shared/protocol/violation.js';
import { concat, decodeAll, decodeChunks, framesOf, hex, XorInflater, xorDeflate } from './protocol-fixtures.js';

interface ViolationCase {
  readonly name: string;
  readonly rule: ViolationRule;
  readonly closeCode: number;
  readonly stream: Uint8Array;
  readonly options?: Partial<FrameDecoderOptions>;
  /** Which frame record (0-based) carries the violation. */
  readonly onFrame?: number;
  /** A close frame makes the trailing pong itself a violation (§5.5.1). */
  readonly closes?: boolean;
}

const deflate = { negotiatedExtensions: ['permessage-deflate'] };
const serverPong = hex('8a 00');
const clientPong = hex('8a 80 00 00 00 00');

const cases: ViolationCase[] = [
  { name: 'unmasked client frame (§5.1)', rule: 'client-frame-unmasked', closeCode: 1002, stream: hex('81 05 48 65 6c 6c 6f'), options: { role: 'client' } },
  { name: 'masked server frame (§5.1)', rule: 'server-frame-masked', closeCode: 1002, stream: hex('81 85 37 fa 21 3d 7f 9f 4d 51 58') },
  { name: 'RSV1 without permessage-deflate (§5.2)', rule: 'rsv-without-extension', closeCode: 1002, stream: hex('c1 02 68 69') },
  { name: 'RSV2 (§5.2)', rule: 'rsv-without-extension', closeCode: 1002, stream: hex('a2 00') },
  { name: 'RSV3 even with permessage-deflate (§5.2)', rule: 'rsv-without-extension', closeCode: 1002, stream: hex('92 00'), options: deflate },
  { name: 'reserved data opcode 0x3 (§5.2)', rule: 'reserved-opcode', closeCode: 1002, stream: hex('83 00') },
  { name: 'reserved control opcode 0xb (§5.2)', rule: 'reserved-opcode', closeCode: 1002, stream: hex('8b 00') },
  { name: '16-bit form for 5 bytes (§5.2)', rule: 'non-minimal-length', closeCode: 1002, stream: hex('82 7e 00 05 01 02 03 04 05') },
  { name: '64-bit form for 300 bytes (§5.2)', rule: 'non-minimal-length', closeCode: 1002, stream: concat(hex('82 7f 00 00 00 00 00 00 01 2c'), new Uint8Array(300)) },
  { name: 'control frame of 126 bytes (§5.5)', rule: 'control-frame-too-long', closeCode: 1002, stream: concat(hex('89 7e 00 7e'), new Uint8Array(126)) },
  { name: 'fragmented ping (§5.5)', rule: 'control-frame-fragmented', closeCode: 1002, stream: hex('09 00') },
  { name: 'continuation with no message started (§5.4)', rule: 'unexpected-continuation', closeCode: 1002, stream: hex('80 02 6c 6f') },
  { name: 'new text frame inside a fragmented message (§5.4)', rule: 'expected-continuation', closeCode: 1002, stream: hex('01 03 48 65 6c  81 02 6c 6f'), onFrame: 1 },
  { name: 'invalid UTF-8 in a text frame (§8.1)', rule: 'invalid-utf8', closeCode: 1007, stream: hex('81 02 c3 28') },
  { name: 'text ending inside a code point (§8.1)', rule: 'invalid-utf8', closeCode: 1007, stream: hex('81 01 c3') },
  { name: 'close payload of 1 byte (§5.5.1)', rule: 'close-payload-one-byte', closeCode: 1002, stream: hex('88 01 03') , closes: true },
  { name: 'close code 1005 on the wire (§7.4.1)', rule: 'invalid-close-code', closeCode: 1002, stream: hex('88 02 03 ed') , closes: true },
  { name: 'close reason not UTF-8 (§5.5.1)', rule: 'invalid-close-reason-utf8', closeCode: 1007, stream: hex('88 04 03 e8 c3 28') , closes: true },
  { name: 'RSV1 on a ping (RFC 7692 §6)', rule: 'rsv1-on-control-or-continuation', closeCode: 1002, stream: hex('c9 00'), options: deflate },
  { name: 'RSV1 on a continuation (RFC 7692 §6)', rule: 'rsv1-on-control-or-continuation', closeCode: 1002, stream: concat(hex('42 01'), xorDeflate(hex('61')), hex('c0 01'), xorDeflate(hex('62'))), options: { ...deflate, inflater: new XorInflater() }, onFrame: 1 },
  { name: 'frame over maxPayloadBytes (§10.4)', rule: 'payload-too-big', closeCode: 1009, stream: hex('82 05 01 02 03 04 05'), options: { maxPayloadBytes: 4 } },
  { name: 'message over maxPayloadBytes across fragments (§10.4)', rule: 'payload-too-big', closeCode: 1009, stream: hex('02 03 01 02 03  80 03 04 05 06'), options: { maxPayloadBytes: 4 }, onFrame: 1 },
  { name: 'more fragments than maxFragments (§10.4)', rule: 'too-many-fragments', closeCode: 1008, stream: hex('02 01 61  00 01 62  80 01 63'), options: { maxFragments: 2 }, onFrame: 2 },
  { name: 'compressed message that does not inflate (RFC 7692 §7.2.2)', rule: 'inflate-failed', closeCode: 1007, stream: hex('c2 02 ff 00'), options: { ...deflate, inflater: new XorInflater() } },
  { name: 'inflated message over maxInflatedBytes (§10.4)', rule: 'inflated-too-big', closeCode: 1009, stream: concat(hex('c2 03'), xorDeflate(hex('61 62 63'))), options: { ...deflate, inflater: new XorInflater(), maxInflatedBytes: 2 } },
  { name: 'inflated text that is not UTF-8 (§8.1)', rule: 'invalid-utf8', closeCode: 1007, stream: concat(hex('c1 02'), xorDeflate(hex('c3 28'))), options: { ...deflate, inflater: new XorInflater() } },
];

function trailerFor(options: Partial<FrameDecoderOptions>): Uint8Array {
  return options.role === 'client' ? clientPong : serverPong;
}

function optionsFor(testCase: ViolationCase, mode: 'observe' | 'strict'): FrameDecoderOptions {
  return { role: 'server', ...testCase.options, mode };
}

function failures(items: readonly DecodedItem[]): DecodedItem[] {
  return items.filter((item) => item.kind === 'failure');
}

describe('each violation in observe mode is recorded and decoding continues', () => {
  for (const testCase of cases) {
    it(testCase.name, () => {
      const options = optionsFor(testCase, 'observe');
      const items = decodeAll(concat(testCase.stream, trailerFor(options)), options);
      const frames = framesOf(items);
      const flagged = frames[testCase.onFrame ?? 0];
      expect(flagged?.violations.map((violation) => violation.rule)).toContain(testCase.rule);
      const violation = flagged?.violations.find((candidate) => candidate.rule === testCase.rule);
      expect(violation?.closeCode).toBe(testCase.closeCode);
      const trailerRules = frames.at(-1)?.violations.map((candidate) => candidate.rule);
      expect(frames.at(-1)).toMatchObject({ opcode: 0xa, payloadLength: 0 });
      expect(trailerRules).toEqual(testCase.closes === true ? ['data-after-close'] : []);
      expect(failures(items)).toEqual([]);
    });
  }
});

describe('each violation in strict mode fails with its close code and stops', () => {
  for (const testCase of cases) {
    it(testCase.name, () => {
      const options = optionsFor(testCase, 'strict');
      const items = decodeAll(concat(testCase.stream, trailerFor(options), trailerFor(options)), options);
      const last = items.at(-1);
      expect(last).toMatchObject({ kind: 'failure', closeCode: testCase.closeCode, violation: { rule: testCase.rule } });
      expect(failures(items)).toHaveLength(1);
      const frames = framesOf(items);
      expect(frames).toHaveLength((testCase.onFrame ?? 0) + 1);
      expect(frames.at(-1)?.violations[0]?.rule).toBe(testCase.rule);
    });
  }
});

describe('violations that need their own shape of test', () => {
  it('length-msb-set: observe records the header, then hands back the rest as undecoded bytes', () => {
    const stream = hex('82 7f 80 00 00 00 00 00 00 05  01 02 03 04 05  8a 00');
    const items = decodeChunks([stream.subarray(0, 12), stream.subarray(12)], { role: 'server' }, 7);
    expect(items.map((item) => item.kind)).toEqual(['frame', 'undecoded', 'undecoded']);
    expect(framesOf(items)[0]?.violations.map((violation) => violation.rule)).toEqual(['length-msb-set']);
    const undecoded = items.filter((item) => item.kind === 'undecoded').map((item) => item.bytes);
    expect(concat(...undecoded)).toEqual(hex('01 02 03 04 05  8a 00'));
  });

  it('length-msb-set: strict fails with 1002 and ignores what follows', () => {
    const items = decodeAll(hex('82 7f 80 00 00 00 00 00 00 05  01 02'), { role: 'server', mode: 'strict' });
    expect(items.map((item) => item.kind)).toEqual(['frame', 'failure']);
    expect(items[1]).toMatchObject({ closeCode: 1002, violation: { rule: 'length-msb-set', section: '5.2' } });
  });

  it('truncated-frame: observe keeps what arrived; strict reports 1006', () => {
    const observed = decodeAll(hex('81 05 48 65'), { role: 'server' });
    expect(observed).toHaveLength(1);
    expect(observed[0]).toMatchObject({ kind: 'frame', payloadLength: 5, payloadTruncated: true, violations: [{ rule: 'truncated-frame' }] });
    const strict = decodeAll(hex('81 05 48 65'), { role: 'server', mode: 'strict' });
    expect(strict.at(-1)).toMatchObject({ kind: 'failure', closeCode: 1006, violation: { rule: 'truncated-frame' } });
  });

  it('truncated-frame inside a header: the bytes come back undecoded', () => {
    const items = decodeAll(hex('82 7e 01'), { role: 'server' });
    expect(items).toEqual([{ kind: 'undecoded', atMicros: 1, bytes: hex('82 7e 01'), violation: expect.objectContaining({ rule: 'truncated-frame' }) }]);
  });

  it('data-after-close: every frame after a close frame is flagged, decoding continues in observe mode', () => {
    const items = decodeAll(hex('88 02 03 e8  81 00  8a 00'), { role: 'server' });
    expect(framesOf(items).map((frame) => frame.violations.map((violation) => violation.rule))).toEqual([[], ['data-after-close'], ['data-after-close']]);
    const strict = decodeAll(hex('88 02 03 e8  81 00'), { role: 'server', mode: 'strict' });
    expect(strict.at(-1)).toMatchObject({ kind: 'failure', closeCode: 1002, violation: { rule: 'data-after-close' } });
  });
});

describe('UTF-8 is checked incrementally across fragments (§8.1)', () => {
  const rulesPerFrame = (stream: Uint8Array): string[][] =>
    framesOf(decodeAll(stream, { role: 'server' })).map((frame) => frame.violations.map((violation) => violation.rule));

  it('a code point split across fragments is valid', () => {
    expect(rulesPerFrame(hex('01 01 c3  80 01 a9  01 02 e2 82  80 01 ac'))).toEqual([[], [], [], []]);
  });

  it('an invalid byte is flagged on the frame where it becomes certain', () => {
    expect(rulesPerFrame(hex('01 01 c3  00 01 28  80 01 41'))).toEqual([[], ['invalid-utf8'], []]);
    expect(rulesPerFrame(hex('01 01 ff  00 01 41  80 01 41'))).toEqual([['invalid-utf8'], [], []]);
  });

  it('a message that ends inside a code point is flagged on its last frame', () => {
    expect(rulesPerFrame(hex('01 01 41  80 02 f0 9f'))).toEqual([[], ['invalid-utf8']]);
  });

  it('overlong forms and surrogates are invalid; binary messages are not checked', () => {
    expect(rulesPerFrame(hex('81 02 c0 80'))).toEqual([['invalid-utf8']]);
    expect(rulesPerFrame(hex('81 03 ed a0 80'))).toEqual([['invalid-utf8']]);
    expect(rulesPerFrame(hex('82 02 c0 80'))).toEqual([[]]);
  });
});

describe('close codes on the wire (§7.4)', () => {
  const closeCodeRules = (closeCode: number): string[] => {
    const [frame] = framesOf(decodeAll(hex(`88 02 ${closeCode.toString(16).padStart(4, '0')}`), { role: 'server' }));
    expect(frame?.closeCode).toBe(closeCode);
    return frame?.violations.map((violation) => violation.rule) ?? [];
  };

  it.each([0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535])('%i is invalid', (closeCode) => {
    expect(closeCodeRules(closeCode)).toEqual(['invalid-close-code']);
  });

  it.each([1000, 1001, 1002, 1003, 1007, 1011, 1014, 3000, 4000, 4999])('%i is valid', (closeCode) => {
    expect(closeCodeRules(closeCode)).toEqual([]);
  });

  it('reads the code and reason', () => {
    const [frame] = framesOf(decodeAll(hex('88 07 03 e9 62 79 65 c3 a9'), { role: 'server' }));
    expect(frame).toMatchObject({ closeCode: 1001, closeReason: 'byeé', violations: [] });
  });
});

describe('permessage-deflate', () => {
  it('inflates the concatenated payload on the last frame, beyond the retention cap', () => {
    const inflater = new XorInflater();
    const message = new Uint8Array(40).fill(0x41);
    const compressed = xorDeflate(message);
    const stream = concat(hex('41 14'), compressed.subarray(0, 20), hex('80 14'), compressed.subarray(20));
    const frames = framesOf(decodeAll(stream, { role: 'server', ...deflate, inflater, payloadRetentionBytes: 8 }));
    expect(inflater.calls).toEqual([compressed]);
    expect(frames[0]?.inflatedPayload).toBeUndefined();
    expect(frames[1]?.inflatedPayload).toEqual(message.subarray(0, 8));
    expect(frames[1]?.inflatedLength).toBe(40);
    expect(frames[1]?.payload).toHaveLength(8);
    expect(frames.every((frame) => frame.violations.length === 0)).toBe(true);
  });

  it('a message over maxPayloadBytes is not inflated', () => {
    const inflater = new XorInflater();
    decodeAll(hex('c2 05 01 02 03 04 05'), { role: 'server', ...deflate, inflater, maxPayloadBytes: 4 });
    expect(inflater.calls).toEqual([]);
  });
});
