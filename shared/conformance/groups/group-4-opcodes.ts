import type { CraftedFrame } from '../../connection/outgoing.js';
import { message } from '../../i18n/message.js';
import { Opcode } from '../../protocol/opcode.js';
import { byteByByte, sendFrames, sendText, utf8 } from '../case-builders.js';
import type { CaseStep, ConformanceCase, WritePlan } from '../conformance-case.js';

/**
 * Five shapes per reserved opcode, as Autobahn's group 4 has them: the frame alone, with a
 * payload, after a valid message and before a ping (with and without payload), and byte by byte.
 */
function shapes(opcode: number): { readonly steps: () => CaseStep[]; readonly shape: ReturnType<typeof message> }[] {
  const reserved = (payload?: Uint8Array): CraftedFrame => ({ opcode, ...(payload ? { payload } : {}) });
  // The valid message's echo is awaited first when written frame by frame, so the order is certain.
  const around = (frame: CraftedFrame, write: WritePlan) => (): CaseStep[] => [
    sendText(utf8('valid before the reserved opcode'), write),
    ...(write === 'per-frame' ? [{ kind: 'await-echoes' } as const] : []),
    sendFrames([frame], { isIgnoredByServer: true, write }),
    sendFrames([{ opcode: Opcode.ping, payload: utf8('after the reserved opcode') }], { isIgnoredByServer: true, write }),
  ];
  return [
    { shape: message('conformance:shape.alone'), steps: () => [sendFrames([reserved()], { isIgnoredByServer: true })] },
    { shape: message('conformance:shape.withPayload'), steps: () => [sendFrames([reserved(utf8('reserved payload'))], { isIgnoredByServer: true })] },
    { shape: message('conformance:shape.betweenValid'), steps: around(reserved(), 'per-frame') },
    { shape: message('conformance:shape.betweenValidPayload'), steps: around(reserved(utf8('reserved payload')), 'per-frame') },
    { shape: message('conformance:shape.byteByByte'), steps: around(reserved(utf8('reserved payload')), byteByByte) },
  ];
}

/** Group 4: the reserved data opcodes 3–7 (4.1.x) and control opcodes 11–15 (4.2.x), each of which must fail the connection. */
export function reservedOpcodeCases(): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  const families = [
    { sub: 1, opcodes: [3, 4, 5, 6, 7] },
    { sub: 2, opcodes: [11, 12, 13, 14, 15] },
  ];
  for (const { sub, opcodes } of families) {
    opcodes.forEach((opcode, index) => {
      const { shape, steps } = shapes(opcode)[index]!;
      cases.push({
        id: `4.${sub}.${index + 1}`, group: 4, sections: ['6455 §5.2', '6455 §11.8'], expect: { kind: 'fail', closeCodes: [1002] },
        description: message('conformance:case.reservedOpcode', { opcode, shape }),
        expectation: message('conformance:expect.reservedOpcode'),
        steps,
      });
    });
  }
  return cases;
}
