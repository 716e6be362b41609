import type { CraftedFrame } from '../../connection/outgoing.js';
import { message } from '../../i18n/message.js';
import { Opcode } from '../../protocol/opcode.js';
import { binaryFiller, byteByByte, echoOf, sendFrames, sendText, utf8 } from '../case-builders.js';
import type { CaseStep, ConformanceCase, WritePlan } from '../conformance-case.js';

const sections = ['6455 §5.2'];

/** RSV1–3 as a 3-bit number, the way reports print them. */
function rsvBits(rsv: number): Pick<CraftedFrame, 'rsv1' | 'rsv2' | 'rsv3'> {
  return { rsv1: (rsv & 4) !== 0, rsv2: (rsv & 2) !== 0, rsv3: (rsv & 1) !== 0 };
}

/**
 * A valid message, then the frame with RSV bits set, then a ping: the first is echoed, nothing
 * after. Written frame by frame (the echo awaited first, so the order is certain), all in one
 * write (the server may see the violation before it echoes: then the echo may be missing), or
 * byte by byte.
 */
function afterValid(frame: CraftedFrame, write: WritePlan): () => CaseStep[] {
  const valid = utf8('valid before the violation');
  const ping: CraftedFrame = { opcode: Opcode.ping, payload: utf8('after the violation') };
  if (write === 'whole') return () => [sendFrames([{ opcode: Opcode.text, payload: valid }, frame, ping], { echo: echoOf(1, valid), isIgnoredByServer: true, write })];
  return () => [
    sendText(valid, write),
    ...(write === 'per-frame' ? [{ kind: 'await-echoes' } as const] : []),
    sendFrames([frame], { isIgnoredByServer: true, write }),
    sendFrames([ping], { isIgnoredByServer: true, write }),
  ];
}

function rsvCase(n: number, rsv: number, kind: string, steps: () => CaseStep[], writeKey: ReturnType<typeof message>): ConformanceCase {
  return {
    id: `3.${n}`, group: 3, sections, expect: { kind: 'fail', closeCodes: [1002] },
    description: message('conformance:case.rsvSet', { rsv, frame: kind, writes: writeKey }),
    expectation: message('conformance:expect.rsvWithoutExtension'),
    steps,
  };
}

/** Group 3: RSV bits set although no extension was negotiated, on data, control and close frames. */
export function reservedBitCases(): ConformanceCase[] {
  const text = (rsv: number): CraftedFrame => ({ opcode: Opcode.text, payload: utf8('reserved bits set'), ...rsvBits(rsv) });
  const perFrame = message('conformance:writes.perFrame');
  return [
    rsvCase(1, 4, 'text', () => [sendFrames([text(4)], { isIgnoredByServer: true })], perFrame),
    rsvCase(2, 2, 'text', afterValid(text(2), 'per-frame'), perFrame),
    rsvCase(3, 1, 'text', afterValid(text(1), 'whole'), message('conformance:writes.whole')),
    rsvCase(4, 6, 'text', afterValid(text(6), byteByByte), message('conformance:writes.byteByByte')),
    rsvCase(5, 5, 'binary', () => [sendFrames([{ opcode: Opcode.binary, payload: binaryFiller(16, 5), ...rsvBits(5) }], { isIgnoredByServer: true })], perFrame),
    rsvCase(6, 3, 'ping', () => [sendFrames([{ opcode: Opcode.ping, payload: utf8('rsv ping'), ...rsvBits(3) }], { isIgnoredByServer: true })], perFrame),
    rsvCase(7, 7, 'close', () => [sendFrames([{ opcode: Opcode.close, payload: new Uint8Array([0x03, 0xe8]), ...rsvBits(7) }], { isIgnoredByServer: true })], perFrame),
  ];
}
