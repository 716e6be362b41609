import { message } from '../../i18n/message.js';
import { Opcode } from '../../protocol/opcode.js';
import { echoOf, filler, fragmentsOf, sendFrames } from '../case-builders.js';
import type { ConformanceCase } from '../conformance-case.js';

/** Group 10: a message as a client library auto-fragments it (1300-byte frames); the server reassembles and echoes it. */
export function miscCases(): ConformanceCase[] {
  return [
    {
      id: '10.1.1', group: 10, sections: ['6455 §5.4'], expect: { kind: 'echo' },
      description: message('conformance:case.autoFragmented', { bytes: 65536, fragment: 1300 }),
      expectation: message('conformance:expect.echoReassembled'),
      steps: () => {
        const payload = filler(65536, 10);
        return [sendFrames(fragmentsOf(Opcode.text, payload, 1300), { echo: echoOf(1, payload) })];
      },
    },
  ];
}
