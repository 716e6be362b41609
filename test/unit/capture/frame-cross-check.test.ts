import { describe, expect, it } from 'vitest';
import type { CapturedFrame } from '../../../electron/engine/capture/captured-record.js';
import { crossCheckFrame, type FieldDisagreement } from '../../../electron/engine/capture/frame-cross-check.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { renderMessage } from '../../../shared/i18n/message.js';
import { sampleFrame } from './capture-fixtures.js';

// A frame as an import reads it: consistent header bytes, then one field changed by `edit`.
function edited(edit: Partial<CapturedFrame>, base: Parameters<typeof sampleFrame>[1] = {}, payload: Uint8Array | string = 'hello'): CapturedFrame {
  return { ...sampleFrame(payload, base), seq: 0, direction: 'out', ...edit };
}

const close = Uint8Array.of(0x03, 0xe8, 0x62, 0x79, 0x65);
const english = createTranslate('en');
const chinese = createTranslate('zh-CN');

// The disagreement with what the bytes say worded in English, as an import error shows it.
function worded(found: FieldDisagreement | null): { field: string; expected: string } | null {
  return found === null ? null : { field: found.field, expected: renderMessage(english, found.expected) };
}

describe('an imported frame is checked against its own bytes', () => {
  it('accepts frames whose fields are what their bytes say', () => {
    expect(crossCheckFrame(edited({}))).toBeNull();
    expect(crossCheckFrame(edited({}, { masked: true, rsv1: true, fin: false, fragment: 'first' }))).toBeNull();
    expect(crossCheckFrame(edited({}, { opcode: 8, closeCode: 1000, closeReason: 'bye' }, close))).toBeNull();
    expect(crossCheckFrame(edited({}, { opcode: 2, payloadLength: 70_000, payloadTruncated: true }))).toBeNull();
    // A masked frame whose key never arrived keeps its header without the key.
    expect(crossCheckFrame(edited({}, { masked: true, maskingKey: null, payloadLength: 9, payloadTruncated: true }, ''))).toBeNull();
  });

  it('names the first header field that disagrees, in file order', () => {
    expect(worded(crossCheckFrame(edited({ fin: false })))).toEqual({ field: 'fin', expected: 'expected true, as the FIN bit in headerBytes says' });
    expect(crossCheckFrame(edited({ rsv2: true, opcode: 2 }))?.field).toBe('rsv2');
    expect(worded(crossCheckFrame(edited({ opcode: 2 })))).toEqual({ field: 'opcode', expected: 'expected 1, as in headerBytes' });
    expect(crossCheckFrame(edited({ masked: true, maskingKey: Uint8Array.of(1, 2, 3, 4) }))?.field).toBe('masked');
    expect(worded(crossCheckFrame(edited({ maskingKey: Uint8Array.of(1, 2, 3, 4) }, { masked: true })))).toEqual({ field: 'maskingKey', expected: 'expected "37fa213d", as in headerBytes' });
    expect(worded(crossCheckFrame(edited({ payloadLength: 6 })))).toEqual({ field: 'payloadLength', expected: 'expected 5, as in headerBytes' });
    expect(crossCheckFrame(edited({ headerBytes: Uint8Array.of(0x81) }))?.field).toBe('headerBytes');
    expect(worded(crossCheckFrame(edited({ headerBytes: Uint8Array.of(0x81, 0x7e, 0x00) })))).toEqual({ field: 'headerBytes', expected: 'holds 3 bytes, but its second byte says the header has 4' });
  });

  it('checks the close code and reason a file states against the payload', () => {
    const base = { opcode: 8, closeCode: 1000, closeReason: 'bye' };
    expect(worded(crossCheckFrame(edited({ closeCode: 1001 }, base, close)))).toEqual({ field: 'closeCode', expected: "expected 1000, as the payload's first two bytes say" });
    expect(worded(crossCheckFrame(edited({ closeReason: 'bye!' }, base, close)))).toEqual({ field: 'closeReason', expected: 'expected "bye", as the payload after the close code says' });
    expect(crossCheckFrame(edited({ closeCode: 1000 }, { opcode: 8 }, Uint8Array.of(3)))?.field).toBe('closeCode');
    expect(worded(crossCheckFrame(edited({ closeCode: 1000 })))).toEqual({ field: 'closeCode', expected: 'only a close frame (opcode 8) carries one; this frame has opcode 1' });
    // A file may leave them out, and a redacted payload was changed on purpose.
    expect(crossCheckFrame(edited({ closeCode: undefined, closeReason: undefined }, base, close))).toBeNull();
    expect(crossCheckFrame(edited({ redacted: true, payload: Uint8Array.of(42, 42, 42, 42, 42) }, base, close))).toBeNull();
  });

  it('words every disagreement in Chinese, keeping the RFC field names and values as written', () => {
    const base = { opcode: 8, closeCode: 1000, closeReason: 'bye' };
    const cases: [FieldDisagreement | null, string][] = [
      [crossCheckFrame(edited({ fin: false })), '应为 true，与 headerBytes 中的 FIN 位一致'],
      [crossCheckFrame(edited({ rsv1: true })), '应为 false，与 headerBytes 中的 RSV1 位一致'],
      [crossCheckFrame(edited({ opcode: 2 })), '应为 1，与 headerBytes 一致'],
      [crossCheckFrame(edited({ maskingKey: Uint8Array.of(1, 2, 3, 4) }, { masked: true })), '应为 "37fa213d"，与 headerBytes 一致'],
      [crossCheckFrame(edited({ headerBytes: Uint8Array.of(0x81) })), '只有 1 字节，而帧头至少 2 字节'],
      [crossCheckFrame(edited({ headerBytes: Uint8Array.of(0x81, 0x7e, 0x00) })), '有 3 字节，但其第二个字节表明帧头长 4 字节'],
      [crossCheckFrame(edited({ closeCode: 1001 }, base, close)), '应为 1000，与负载的前两个字节一致'],
      [crossCheckFrame(edited({ closeReason: 'bye!' }, base, close)), '应为 "bye"，与负载中关闭码之后的内容一致'],
      [crossCheckFrame(edited({ closeCode: 1000 }, { opcode: 8 }, Uint8Array.of(3))), '不应有关闭码：负载只有 1 字节，容不下关闭码'],
      [crossCheckFrame(edited({ closeCode: 1000 })), '只有关闭帧（opcode 8）才带有此字段；此帧的 opcode 为 1'],
    ];
    for (const [found, expected] of cases) expect(renderMessage(chinese, found!.expected)).toBe(expected);
  });

  it('says one byte and many bytes in English as English does', () => {
    expect(worded(crossCheckFrame(edited({ headerBytes: Uint8Array.of(0x81) })))?.expected).toBe('holds 1 byte; a frame header has at least 2');
    expect(worded(crossCheckFrame(edited({ closeCode: 1000 }, { opcode: 8 }, Uint8Array.of(3))))?.expected).toBe('expected none: the payload holds 1 byte, no close code');
  });
});
