import type { CraftedFrame } from '../../connection/outgoing.js';
import { message, type Message } from '../../i18n/message.js';
import { Opcode } from '../../protocol/opcode.js';
import { byteByByte, echoOf, sendFrames, sendPing, splitMessage, utf8 } from '../case-builders.js';
import type { CaseStep, ConformanceCase, Expectation, WritePlan } from '../conformance-case.js';

const writePlans: readonly { readonly write: WritePlan; readonly label: Message }[] = [
  { write: 'per-frame', label: message('conformance:writes.perFrame') },
  { write: 'whole', label: message('conformance:writes.whole') },
  { write: byteByByte, label: message('conformance:writes.byteByByte') },
];

const fail: Expectation = { kind: 'fail', closeCodes: [1002] };
const echo: Expectation = { kind: 'echo' };

function fragmentCase(n: number, expect: Expectation, description: Message, expectation: Message, steps: () => CaseStep[]): ConformanceCase {
  return { id: `5.${n}`, group: 5, sections: ['6455 §5.4', '6455 §5.5'], expect, description, expectation, steps };
}

/** A text message in two fragments, sent as one step. */
function twoFragments(text: string): { frames: CraftedFrame[]; payload: Uint8Array } {
  const payload = utf8(text);
  return { frames: splitMessage(Opcode.text, payload, [Math.floor(payload.length / 2)]), payload };
}

/** Group 5: fragmented control frames, fragmented messages (with a ping between), continuations without a start, two starts. */
export function fragmentationCases(): ConformanceCase[] {
  const cases: ConformanceCase[] = [
    fragmentCase(1, fail, message('conformance:case.fragmentedControl', { frame: 'ping' }), message('conformance:expect.fragmentedControl'), () => [
      sendFrames(splitMessage(Opcode.ping, utf8('fragmented ping'), [6]), { isIgnoredByServer: true }),
    ]),
    fragmentCase(2, fail, message('conformance:case.fragmentedControl', { frame: 'pong' }), message('conformance:expect.fragmentedControl'), () => [
      sendFrames(splitMessage(Opcode.pong, utf8('fragmented pong'), [6]), { isIgnoredByServer: true }),
    ]),
  ];
  let n = 3;
  for (const { write, label } of writePlans) {
    const { frames, payload } = twoFragments('a message in two fragments');
    cases.push(fragmentCase(n++, echo, message('conformance:case.twoFragments', { writes: label }), message('conformance:expect.echo'), () => [sendFrames(frames, { echo: echoOf(1, payload), write })]));
  }
  for (const { write, label } of writePlans) {
    const { frames, payload } = twoFragments('a message with a ping between its fragments');
    cases.push(fragmentCase(n++, echo, message('conformance:case.pingBetweenFragments', { writes: label }), message('conformance:expect.pongInsideFragments'), () => [
      sendFrames([frames[0]!], { echo: echoOf(1, payload), write }),
      sendPing(utf8('between fragments'), write),
      sendFrames([frames[1]!], { write }),
    ]));
  }
  for (const fin of [true, false]) {
    for (const { write, label } of writePlans) {
      cases.push(fragmentCase(n++, fail, message(fin ? 'conformance:case.continuationFinNoStart' : 'conformance:case.continuationNoStart', { writes: label }), message('conformance:expect.unexpectedContinuation'), () => [
        sendFrames([{ opcode: Opcode.continuation, payload: utf8('nothing to continue'), fin }], { isIgnoredByServer: true, write }),
        sendFrames(twoFragments('after the stray continuation').frames, { isIgnoredByServer: true, write }),
      ]));
    }
  }
  const ended = twoFragments('a complete message first');
  cases.push(fragmentCase(n++, fail, message('conformance:case.continuationAfterMessage'), message('conformance:expect.unexpectedContinuation'), () => [
    sendFrames([...ended.frames, { opcode: Opcode.continuation, payload: utf8('nothing to continue'), fin: false }, { opcode: Opcode.text, payload: utf8('after it') }], { echo: echoOf(1, ended.payload), isIgnoredByServer: true, write: 'whole' }),
  ]));
  for (const fin of [false, true]) {
    cases.push(fragmentCase(n++, fail, message(fin ? 'conformance:case.strayContinuationsTwiceFin' : 'conformance:case.strayContinuationsTwice'), message('conformance:expect.unexpectedContinuation'), () => {
      const stray: CraftedFrame = { opcode: Opcode.continuation, payload: utf8('nothing to continue'), fin };
      const message2 = twoFragments('two fragments after a stray continuation').frames;
      return [sendFrames([stray, ...message2, stray, ...message2], { isIgnoredByServer: true, write: 'whole' })];
    }));
  }
  cases.push(fragmentCase(n++, fail, message('conformance:case.twoStarts'), message('conformance:expect.expectedContinuation'), () => {
    const payload = utf8('both frames say text');
    return [sendFrames([{ opcode: Opcode.text, payload: payload.subarray(0, 9), fin: false }, { opcode: Opcode.text, payload: payload.subarray(9) }], { isIgnoredByServer: true, write: 'whole' })];
  }));
  for (const write of ['per-frame', 'whole'] as const) {
    const payload = utf8('fragment one, fragment two, three, four, and the last');
    const [f1, f2, f3, f4, f5] = splitMessage(Opcode.text, payload, [14, 28, 35, 41]);
    cases.push(fragmentCase(n++, echo, message('conformance:case.pingsBetweenFragmentsWait', { writes: write === 'whole' ? message('conformance:writes.whole') : message('conformance:writes.perFrame') }), message('conformance:expect.pongInsideFragments'), () => [
      sendFrames([f1!, f2!], { echo: echoOf(1, payload), write }),
      sendPing(utf8('first ping'), write),
      { kind: 'wait', ms: 1000 },
      sendFrames([f3!, f4!], { write }),
      sendPing(utf8('second ping'), write),
      sendFrames([f5!], { write }),
    ]));
  }
  return cases;
}
