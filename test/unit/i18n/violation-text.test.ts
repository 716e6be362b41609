import { describe, expect, it } from 'vitest';
import { frameRecordJsonSchema } from '../../../shared/contract/capture-schema.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { renderMessage } from '../../../shared/i18n/message.js';
import { resources } from '../../../shared/i18n/resources.js';
import type { Violation, ViolationRule } from '../../../shared/protocol/violation.js';
import { VIOLATION_CATALOG, violationMessage, violationOf } from '../../../shared/protocol/violation-catalog.js';
import { formatRecord } from '../../../electron/cli/timeline-line.js';
import type { CapturedFrame } from '../../../electron/engine/capture/captured-record.js';
import { decodeAll, framesOf, hex, XorInflater, xorDeflate } from '../protocol/protocol-fixtures.js';

const english = createTranslate('en');
const chinese = createTranslate('zh-CN');
const rules = Object.keys(VIOLATION_CATALOG) as ViolationRule[];
const wordedIn = (t: typeof english, violation: Violation): string => renderMessage(t, violationMessage(violation));
const deflate = { negotiatedExtensions: ['permessage-deflate'] };

function onlyViolation(stream: Uint8Array, options: Parameters<typeof decodeAll>[1]): Violation {
  const violations = framesOf(decodeAll(stream, options)).flatMap((frame) => frame.violations);
  expect(violations).toHaveLength(1);
  return violations[0]!;
}

describe('RFC violation sentences, by rule id', () => {
  it.each(rules)('%s: English in the record is the catalogue sentence; Chinese is its own', (rule) => {
    const violation = violationOf(rule);
    expect(violation.message).toBe(resources.en.violations.rule[rule]);
    expect(violation.i18n).toBeUndefined();
    expect(wordedIn(english, violation)).toBe(violation.message);
    expect(wordedIn(chinese, violation)).toBe(resources['zh-CN'].violations.rule[rule]);
    expect(wordedIn(chinese, violation)).toMatch(/[\u4e00-\u9fff]/);
  });

  it('a reserved opcode names the opcode as the RFC writes it, in both languages', () => {
    const violation = onlyViolation(hex('83 00'), { role: 'server' });
    expect(violation).toMatchObject({ rule: 'reserved-opcode', message: 'Opcode 0x3 is reserved (§5.2).' });
    expect(violation.i18n).toEqual({ key: 'violations:detailed.reserved-opcode', values: { opcode: '0x3' } });
    expect(wordedIn(chinese, violation)).toBe('opcode 0x3 是保留值（§5.2）。');
  });

  it('a close code that may not be on the wire names the number, in both languages', () => {
    const violation = framesOf(decodeAll(hex('88 02 03 ed'), { role: 'server' }))[0]!.violations[0]!;
    expect(violation).toMatchObject({ rule: 'invalid-close-code', message: 'Close code 1005 may not be sent on the wire (§7.4).' });
    expect(wordedIn(chinese, violation)).toBe('关闭码 1005 不得在线路上发送（§7.4）。');
  });

  it('a message that does not inflate keeps the codec words as data inside the translated sentence', () => {
    const violation = onlyViolation(hex('c2 02 ff 00'), { role: 'server', ...deflate, inflater: new XorInflater() });
    expect(violation.message).toBe('The compressed message could not be inflated: it is not a valid DEFLATE stream (invalid block type).');
    expect(wordedIn(chinese, violation)).toBe('压缩的消息无法解压：它不是有效的 DEFLATE 数据流（invalid block type）。');
  });

  it('a message that inflates past the limit names the limit', () => {
    const stream = Uint8Array.from([0xc2, 0x03, ...xorDeflate(hex('61 62 63'))]);
    const violation = onlyViolation(stream, { role: 'server', ...deflate, inflater: new XorInflater(), maxInflatedBytes: 2 });
    expect(violation.message).toBe('The message inflates to more than 2 bytes, the configured maximum.');
    expect(wordedIn(chinese, violation)).toBe('消息解压后超过 2 字节，即配置的上限。');
  });

  it('a violation read from an older capture is worded from its rule; an unknown rule keeps its recorded text', () => {
    expect(wordedIn(chinese, { rule: 'reserved-opcode', section: '5.2', closeCode: 1002, message: 'Opcode 0x4 is reserved (§5.2).' })).toBe(resources['zh-CN'].violations.rule['reserved-opcode']);
    expect(renderMessage(chinese, violationMessage({ rule: 'some-later-rule', message: 'A rule from a later version.' }))).toBe('A rule from a later version.');
    expect(renderMessage(chinese, violationMessage({ rule: 'toString', message: 'Not a rule of ours.' }))).toBe('Not a rule of ours.');
  });

  it('a capture keeps the rule id, the English sentence and the message through its schema', () => {
    const violation = onlyViolation(hex('83 00'), { role: 'server' });
    const frame = {
      kind: 'frame', seq: 1, atMicros: 1, direction: 'in', fin: true, rsv1: false, rsv2: false, rsv3: false, opcode: 3, masked: false, maskingKey: null,
      payloadLength: 0, headerBytes: 'gwA=', payload: '', payloadTruncated: false, messageId: 1, fragment: 'whole', violations: [JSON.parse(JSON.stringify(violation))],
    };
    const parsed = frameRecordJsonSchema.parse(frame);
    expect(parsed.violations).toEqual([{ rule: 'reserved-opcode', section: '5.2', closeCode: 1002, message: 'Opcode 0x3 is reserved (§5.2).', i18n: { key: 'violations:detailed.reserved-opcode', values: { opcode: '0x3' } } }]);
    expect(wordedIn(chinese, parsed.violations[0]!)).toBe('opcode 0x3 是保留值（§5.2）。');
  });
});

describe('the CLI timeline line of a frame', () => {
  const frame: CapturedFrame = {
    kind: 'frame', seq: 3, atMicros: 1500, direction: 'in', fin: true, rsv1: false, rsv2: false, rsv3: false, opcode: 0xa, masked: false, maskingKey: null,
    payloadLength: 300, headerBytes: hex('8a 7e 01 2c'), payload: new Uint8Array(4).fill(0x61), payloadTruncated: true, messageId: 2, fragment: 'whole', rttMicros: 2500,
    violations: [violationOf('control-frame-too-long'), violationOf('reserved-opcode', { opcode: '0xb' })],
  };

  it('in English: the rule id, section and close code, then the sentence; rtt and truncation', () => {
    const [line] = formatRecord(frame, english);
    expect(line).toContain('(rtt 2.500 ms) [truncated]');
    expect(line).toContain('! control-frame-too-long (§5.5, 1002): A control frame carries more than 125 bytes of payload.');
    expect(line).toContain('! reserved-opcode (§5.2, 1002): Opcode 0xb is reserved (§5.2).');
  });

  it('in Chinese: the same ids and numbers, the words translated', () => {
    const [line] = formatRecord(frame, chinese);
    expect(line).toContain('（往返 2.500 ms） [已截断]');
    expect(line).toContain('! control-frame-too-long（§5.5，1002）：控制帧的载荷超过 125 字节。');
    expect(line).toContain('! reserved-opcode（§5.2，1002）：opcode 0xb 是保留值（§5.2）。');
    expect(line).not.toMatch(/truncated|rtt|control frame carries/);
  });
});
