import { message } from '../../i18n/message.js';
import { Opcode } from '../../protocol/opcode.js';
import { echoOf, filler, sendFrames, utf8 } from '../case-builders.js';
import type { ConformanceCase } from '../conformance-case.js';

/** Group 14: rules of §5.1–§5.3 that Autobahn does not test: masking, the minimal length, the 64-bit length's top bit. */
export function framingRuleCases(): ConformanceCase[] {
  const short = utf8('hello');
  const medium = filler(200, 14);
  const afterPing = { opcode: Opcode.ping, payload: utf8('after the violation') };
  return [
    {
      id: '14.1', group: 14, sections: ['6455 §5.1'], expect: { kind: 'fail', closeCodes: [1002] },
      description: message('conformance:case.unmaskedText'), expectation: message('conformance:expect.unmasked'),
      steps: () => [sendFrames([{ opcode: Opcode.text, payload: short, mask: 'none' }, afterPing], { isIgnoredByServer: true, write: 'whole' })],
    },
    {
      id: '14.2', group: 14, sections: ['6455 §5.1'], expect: { kind: 'fail', closeCodes: [1002] },
      description: message('conformance:case.unmaskedPing'), expectation: message('conformance:expect.unmasked'),
      steps: () => [sendFrames([{ opcode: Opcode.ping, payload: utf8('unmasked ping'), mask: 'none' }], { isIgnoredByServer: true })],
    },
    {
      id: '14.3', group: 14, sections: ['6455 §5.3'], expect: { kind: 'echo' },
      description: message('conformance:case.zeroMaskingKey'), expectation: message('conformance:expect.zeroMaskingKey'),
      steps: () => [sendFrames([{ opcode: Opcode.text, payload: short, mask: new Uint8Array(4) }], { echo: echoOf(1, short) })],
    },
    {
      id: '14.4', group: 14, sections: ['6455 §5.2'], expect: { kind: 'informational' },
      description: message('conformance:case.nonMinimalLength', { bytes: 5, form: '16-bit' }), expectation: message('conformance:expect.nonMinimalLength'),
      steps: () => [sendFrames([{ opcode: Opcode.text, payload: short, lengthForm: '16-bit' }], { echo: echoOf(1, short) })],
    },
    {
      id: '14.5', group: 14, sections: ['6455 §5.2'], expect: { kind: 'informational' },
      description: message('conformance:case.nonMinimalLength', { bytes: 200, form: '64-bit' }), expectation: message('conformance:expect.nonMinimalLength'),
      steps: () => [sendFrames([{ opcode: Opcode.text, payload: medium, lengthForm: '64-bit' }], { echo: echoOf(1, medium) })],
    },
    {
      id: '14.6', group: 14, sections: ['6455 §5.2'], expect: { kind: 'fail', closeCodes: [1002, 1009] },
      description: message('conformance:case.lengthTopBit'), expectation: message('conformance:expect.lengthTopBit'),
      steps: () => [sendFrames([{ opcode: Opcode.binary, payload: short, declaredLength: (1n << 63n) + 5n }], { isIgnoredByServer: true })],
    },
  ];
}
