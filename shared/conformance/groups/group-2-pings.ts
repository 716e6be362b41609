import { message } from '../../i18n/message.js';
import { Opcode } from '../../protocol/opcode.js';
import { binaryFiller, byteByByte, echoOf, filler, sendFrames, sendPing, splitMessage, utf8 } from '../case-builders.js';
import type { CaseStep, ConformanceCase } from '../conformance-case.js';

const pongSections = ['6455 §5.5.2', '6455 §5.5.3'];

function pingCase(n: number, description: ReturnType<typeof message>, steps: () => CaseStep[], sections = pongSections): ConformanceCase {
  return { id: `2.${n}`, group: 2, sections, expect: { kind: 'echo' }, description, expectation: message('conformance:expect.pong'), steps };
}

/** Group 2: pings of every allowed size (and one too long), unsolicited pongs, many pings, a ping inside a fragmented message. */
export function pingCases(): ConformanceCase[] {
  const tenPings = (write?: typeof byteByByte): CaseStep[] => Array.from({ length: 10 }, (_, i) => sendPing(utf8(`ping ${i + 1} of 10`), write));
  const text = utf8('fragmented around a ping');
  const [first, last] = splitMessage(Opcode.text, text, [10]);
  return [
    pingCase(1, message('conformance:case.pingEmpty'), () => [sendPing(new Uint8Array(0))]),
    pingCase(2, message('conformance:case.pingText', { bytes: 13 }), () => [sendPing(utf8('Hello, world!'))]),
    pingCase(3, message('conformance:case.pingBinary', { bytes: 8 }), () => [sendPing(binaryFiller(8, 3))]),
    pingCase(4, message('conformance:case.pingBinary', { bytes: 125 }), () => [sendPing(binaryFiller(125, 4))]),
    {
      id: '2.5', group: 2, sections: ['6455 §5.5'], expect: { kind: 'fail', closeCodes: [1002] },
      description: message('conformance:case.pingTooLong', { bytes: 126 }),
      expectation: message('conformance:expect.controlTooLong'),
      steps: () => [sendFrames([{ opcode: Opcode.ping, payload: binaryFiller(126, 5) }], { isIgnoredByServer: true })],
    },
    pingCase(6, message('conformance:case.pingByteByByte', { bytes: 125 }), () => [sendPing(binaryFiller(125, 6), byteByByte)]),
    pingCase(7, message('conformance:case.pongUnsolicited'), () => [sendFrames([{ opcode: Opcode.pong }])], ['6455 §5.5.3']),
    pingCase(8, message('conformance:case.pongUnsolicitedPayload'), () => [sendFrames([{ opcode: Opcode.pong, payload: utf8('unsolicited') }])], ['6455 §5.5.3']),
    pingCase(9, message('conformance:case.pongThenPing'), () => [sendFrames([{ opcode: Opcode.pong, payload: utf8('unsolicited') }]), sendPing(utf8('solicited'))]),
    pingCase(10, message('conformance:case.tenPings'), () => tenPings()),
    pingCase(11, message('conformance:case.tenPingsByteByByte'), () => tenPings(byteByByte)),
    {
      id: '2.12', group: 2, sections: ['6455 §5.4', '6455 §5.5.2'], expect: { kind: 'echo' },
      description: message('conformance:case.pingInsideFragments'),
      expectation: message('conformance:expect.pongInsideFragments'),
      steps: () => [
        sendFrames([first!], { echo: echoOf(1, text) }),
        sendPing(filler(10, 2)),
        sendFrames([last!]),
      ],
    },
  ];
}
