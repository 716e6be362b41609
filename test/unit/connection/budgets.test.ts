import { describe, expect, it } from 'vitest';
import { concat, hex, utf8, XorInflater, xorDeflate } from '../protocol/protocol-fixtures.js';
import { connectionFor, lines, testLimits } from './connection-fixtures.js';

/** Issue 19: every budget, when reached, is a violation on the record that crossed it, and nothing grows without bound. */
describe('budgets of one connection', () => {
  it('a frame declaring 4 GiB shows at once from its header alone, flagged payload-too-big; what follows still decodes', () => {
    const connection = connectionFor('client');
    expect(lines(connection.receive(hex('82 7f 00 00 00 01 00 00 00 00'), 1))).toEqual(['#0 in binary fin [payload-too-big]']);
    expect(lines(connection.receive(new Uint8Array(64 * 1024), 2))).toEqual([]);
  });

  it('strict mode fails that frame with 1009 once its retained part arrived (the rest is never read)', () => {
    const connection = connectionFor('client', { mode: 'strict' });
    expect(lines(connection.receive(hex('82 7f 00 00 00 01 00 00 00 00'), 1))).toEqual(['arm failed-frame-wait 1000']);
    const commands = connection.receive(new Uint8Array(testLimits.payloadRetentionBytes + 10), 2);
    expect(lines(commands).slice(0, 4)).toEqual([expect.stringMatching(/^#0 in binary fin ".*" \[payload-too-big\]$/), '#1 failed 1009 payload-too-big', 'cancel failed-frame-wait', 'write 88 82 37 fa 21 3d 34 0b']);
    const [record] = commands.filter((command) => command.type === 'record');
    expect(record?.type === 'record' && record.record.kind === 'frame' ? [record.record.frame.payload.length, record.record.frame.payloadTruncated] : null).toEqual([testLimits.payloadRetentionBytes, true]);
  });

  it('fragments of one message: the fragment that crosses maxFragments carries too-many-fragments; observe keeps recording', () => {
    const connection = connectionFor('client', { limits: { ...testLimits, maxFragments: 2 } });
    expect(lines(connection.receive(hex('01 01 61  00 01 62  00 01 63  80 01 64'), 1))).toEqual([
      '#0 in text "a"',
      '#1 in continuation "b"',
      '#2 in continuation "c" [too-many-fragments]',
      '#3 in continuation fin "d"',
    ]);
    const strict = connectionFor('client', { mode: 'strict', limits: { ...testLimits, maxFragments: 2 } });
    expect(lines(strict.receive(hex('01 01 61  00 01 62  00 01 63'), 1)).slice(2, 4)).toEqual(['#2 in continuation "c" [too-many-fragments]', '#3 failed 1008 too-many-fragments']);
  });

  it('bytes of one message: the fragment that crosses maxPayloadBytes carries payload-too-big', () => {
    const connection = connectionFor('client', { limits: { ...testLimits, maxPayloadBytes: 4 } });
    expect(lines(connection.receive(hex('02 03 01 02 03  80 03 04 05 06'), 1)).map((line) => line.replace(/ ".*"/, ''))).toEqual(['#0 in binary', '#1 in continuation fin [payload-too-big]']);
  });

  it('inflated bytes of one message: over maxInflatedBytes is inflated-too-big, with no inflated view', () => {
    const deflate = { inflater: new XorInflater(), deflater: { deflate: xorDeflate }, sentInflater: new XorInflater() };
    const connection = connectionFor('client', { deflate, limits: { ...testLimits, maxInflatedBytes: 4 } });
    const [record] = connection.receive(concat(hex('c1 06'), xorDeflate(utf8('abcdef'))), 1).filter((command) => command.type === 'record');
    expect(record?.type === 'record' && record.record.kind === 'frame' ? [record.record.frame.violations.map((violation) => violation.rule), record.record.frame.inflatedPayload] : null).toEqual([['inflated-too-big'], undefined]);
  });

  it('bytes that cannot be framed are kept up to the retention budget, then only counted', () => {
    const connection = connectionFor('client', { limits: { ...testLimits, payloadRetentionBytes: 100 } });
    const broken = hex('82 7f 80 00 00 00 00 00 00 05');
    expect(lines(connection.receive(concat(broken, new Uint8Array(60)), 1))).toEqual(['#0 in binary fin [length-msb-set]', '#1 undecoded in 60 bytes (kept 60) length-msb-set']);
    expect(lines(connection.receive(new Uint8Array(60), 2))).toEqual(['#2 undecoded in 60 bytes (kept 40) length-msb-set']);
    const [record] = connection.receive(new Uint8Array(60), 3).filter((command) => command.type === 'record');
    expect(record?.type === 'record' && record.record.kind === 'undecoded' ? [record.record.bytes.length, record.record.message] : null).toEqual([
      0,
      '60 received bytes could not be framed: The most significant bit of the 64-bit payload length is set; it must be 0. (the first 0 kept)',
    ]);
  });
});
