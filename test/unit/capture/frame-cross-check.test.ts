import { describe, expect, it } from 'vitest';
import type { CapturedFrame } from '../../../electron/engine/capture/captured-record.js';
import { crossCheckFrame } from '../../../electron/engine/capture/frame-cross-check.js';
import { sampleFrame } from './capture-fixtures.js';

// A frame as an import reads it: consistent header bytes, then one field changed by `edit`.
function edited(edit: Partial<CapturedFrame>, base: Parameters<typeof sampleFrame>[1] = {}, payload: Uint8Array | string = 'hello'): CapturedFrame {
  return { ...sampleFrame(payload, base), seq: 0, direction: 'out', ...edit };
}

const close = Uint8Array.of(0x03, 0xe8, 0x62, 0x79, 0x65);

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
    expect(crossCheckFrame(edited({ fin: false }))).toEqual({ field: 'fin', expected: 'expected true, as the FIN bit in headerBytes says' });
    expect(crossCheckFrame(edited({ rsv2: true, opcode: 2 }))?.field).toBe('rsv2');
    expect(crossCheckFrame(edited({ opcode: 2 }))).toEqual({ field: 'opcode', expected: 'expected 1, as in headerBytes' });
    expect(crossCheckFrame(edited({ masked: true, maskingKey: Uint8Array.of(1, 2, 3, 4) }))?.field).toBe('masked');
    expect(crossCheckFrame(edited({ maskingKey: Uint8Array.of(1, 2, 3, 4) }, { masked: true }))).toEqual({ field: 'maskingKey', expected: 'expected "37fa213d", as in headerBytes' });
    expect(crossCheckFrame(edited({ payloadLength: 6 }))).toEqual({ field: 'payloadLength', expected: 'expected 5, as in headerBytes' });
    expect(crossCheckFrame(edited({ headerBytes: Uint8Array.of(0x81) }))?.field).toBe('headerBytes');
    expect(crossCheckFrame(edited({ headerBytes: Uint8Array.of(0x81, 0x7e, 0x00) }))).toEqual({ field: 'headerBytes', expected: 'holds 3 bytes, but its second byte says the header has 4' });
  });

  it('checks the close code and reason a file states against the payload', () => {
    const base = { opcode: 8, closeCode: 1000, closeReason: 'bye' };
    expect(crossCheckFrame(edited({ closeCode: 1001 }, base, close))).toEqual({ field: 'closeCode', expected: "expected 1000, as the payload's first two bytes say" });
    expect(crossCheckFrame(edited({ closeReason: 'bye!' }, base, close))).toEqual({ field: 'closeReason', expected: 'expected "bye", as the payload after the close code says' });
    expect(crossCheckFrame(edited({ closeCode: 1000 }, { opcode: 8 }, Uint8Array.of(3)))?.field).toBe('closeCode');
    expect(crossCheckFrame(edited({ closeCode: 1000 }))).toEqual({ field: 'closeCode', expected: 'only a close frame (opcode 8) carries one; this frame has opcode 1' });
    // A file may leave them out, and a redacted payload was changed on purpose.
    expect(crossCheckFrame(edited({ closeCode: undefined, closeReason: undefined }, base, close))).toBeNull();
    expect(crossCheckFrame(edited({ redacted: true, payload: Uint8Array.of(42, 42, 42, 42, 42) }, base, close))).toBeNull();
  });
});
