import type { CraftedFrame } from '../../connection/outgoing.js';
import { message, type Message } from '../../i18n/message.js';
import { buildClosePayload } from '../../protocol/close-payload.js';
import { Opcode } from '../../protocol/opcode.js';
import { filler, hex, sendFrames, sendText, splitMessage, utf8 } from '../case-builders.js';
import type { CaseStep, ConformanceCase, Expectation } from '../conformance-case.js';

const sections = ['6455 §5.5.1', '6455 §7.1', '6455 §7.4'];
const protocolError = { kind: 'fail', closeCodes: [1002] } as const satisfies Expectation;

function closeFrame(payload: Uint8Array): CraftedFrame {
  return { opcode: Opcode.close, payload };
}

function closeCase(id: string, expect: Expectation, description: Message, expectation: Message, steps: () => CaseStep[]): ConformanceCase {
  return { id, group: 7, sections, expect, description, expectation, steps };
}

/** 7.1: the closing handshake itself, and what comes after a close. */
function afterCloseCases(): ConformanceCase[] {
  const normal = closeFrame(buildClosePayload(1000));
  const ignored = { isIgnoredByServer: true } as const;
  const reply = { kind: 'close-reply', closeCodes: [1000] } as const;
  const [first, last] = splitMessage(Opcode.text, utf8('fragment, close, fragment'), [9]);
  return [
    closeCase('7.1.1', reply, message('conformance:case.echoThenClose'), message('conformance:expect.closeReply'), () => [sendText(utf8('before the close')), { kind: 'await-echoes' }, sendFrames([normal])]),
    closeCase('7.1.2', reply, message('conformance:case.closeTwice'), message('conformance:expect.closeOnce'), () => [sendFrames([normal, normal], ignored)]),
    closeCase('7.1.3', reply, message('conformance:case.pingAfterClose'), message('conformance:expect.nothingAfterClose'), () => [sendFrames([normal]), sendFrames([{ opcode: Opcode.ping, payload: utf8('after close') }], ignored)]),
    closeCase('7.1.4', reply, message('conformance:case.textAfterClose'), message('conformance:expect.nothingAfterClose'), () => [sendFrames([normal]), sendFrames([{ opcode: Opcode.text, payload: utf8('after close') }], ignored)]),
    closeCase('7.1.5', reply, message('conformance:case.closeInsideFragments'), message('conformance:expect.nothingAfterClose'), () => [sendFrames([first!]), sendFrames([normal]), sendFrames([last!], ignored)]),
    closeCase('7.1.6', { kind: 'informational' }, message('conformance:case.largeThenClose', { bytes: 262144, count: 10 }), message('conformance:expect.echoOrCloseFirst'), () => [
      ...Array.from({ length: 10 }, (_, i) => sendText(filler(262144, i))),
      sendFrames([normal]),
      sendFrames([{ opcode: Opcode.ping, payload: utf8('after close') }], ignored),
    ]),
  ];
}

/** 7.3 and 7.5: close bodies of every shape (§5.5.1: empty, or a code and a UTF-8 reason, 125 bytes at most). */
function closeBodyCases(): ConformanceCase[] {
  const close = (payload: Uint8Array, isValid: boolean): CaseStep[] => [sendFrames([closeFrame(payload)], isValid ? {} : { isIgnoredByServer: true })];
  return [
    closeCase('7.3.1', { kind: 'close-reply', closeCodes: [1005, 1000] }, message('conformance:case.closeEmpty'), message('conformance:expect.closeReply'), () => close(new Uint8Array(0), true)),
    closeCase('7.3.2', protocolError, message('conformance:case.closeOneByte'), message('conformance:expect.closeBodyInvalid'), () => close(hex('03'), false)),
    closeCase('7.3.3', { kind: 'close-reply', closeCodes: [1000] }, message('conformance:case.closeCodeOnly'), message('conformance:expect.closeReply'), () => close(buildClosePayload(1000), true)),
    closeCase('7.3.4', { kind: 'close-reply', closeCodes: [1000] }, message('conformance:case.closeWithReason'), message('conformance:expect.closeReply'), () => close(buildClosePayload(1000, 'a short reason'), true)),
    closeCase('7.3.5', { kind: 'close-reply', closeCodes: [1000] }, message('conformance:case.closeReasonBytes', { bytes: 123 }), message('conformance:expect.closeReply'), () => close(buildClosePayload(1000, filler(123)), true)),
    closeCase('7.3.6', protocolError, message('conformance:case.closeReasonBytes', { bytes: 124 }), message('conformance:expect.controlTooLong'), () => close(buildClosePayload(1000, filler(124)), false)),
    closeCase('7.5.1', { kind: 'fail', closeCodes: [1007] }, message('conformance:case.closeReasonInvalidUtf8'), message('conformance:expect.closeReasonInvalid'), () => close(buildClosePayload(1000, hex('ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64')), false)),
  ];
}

/** §7.4.1 and §7.4.2: codes an endpoint may send, and the IANA registrations that came after RFC 6455. */
const validCodes = [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999] as const;
const registeredLaterCodes = [1012, 1013, 1014] as const;
/** §7.4.1–§7.4.2: never sent (1005, 1006, 1015), unused (0–999), reserved and unassigned (1004, 1016–2999). */
const invalidCodes = [0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999] as const;
/** Above 4999: no range of §7.4.2 covers these. */
const outOfRangeCodes = [5000, 65535] as const;

/** 7.7, 7.9, 7.11, 7.13: every kind of close code. */
function closeCodeCases(): ConformanceCase[] {
  const withCode = (closeCode: number, isValid: boolean) => (): CaseStep[] => [sendFrames([closeFrame(buildClosePayload(closeCode))], isValid ? {} : { isIgnoredByServer: true })];
  return [
    ...validCodes.map((closeCode, i) =>
      closeCase(`7.7.${i + 1}`, { kind: 'close-reply', closeCodes: [closeCode, 1000] }, message('conformance:case.closeCode', { code: closeCode }), message('conformance:expect.closeCodeValid'), withCode(closeCode, true)),
    ),
    ...invalidCodes.map((closeCode, i) =>
      closeCase(`7.9.${i + 1}`, protocolError, message('conformance:case.closeCode', { code: closeCode }), message('conformance:expect.closeCodeInvalid'), withCode(closeCode, false)),
    ),
    ...registeredLaterCodes.map((closeCode, i) =>
      closeCase(`7.11.${i + 1}`, { kind: 'informational' }, message('conformance:case.closeCode', { code: closeCode }), message('conformance:expect.closeCodeRegisteredLater'), withCode(closeCode, true)),
    ),
    ...outOfRangeCodes.map((closeCode, i) =>
      closeCase(`7.13.${i + 1}`, { kind: 'informational' }, message('conformance:case.closeCode', { code: closeCode }), message('conformance:expect.closeCodeOutOfRange'), withCode(closeCode, false)),
    ),
  ];
}

/** Group 7: the closing handshake, close bodies and close codes. */
export function closingCases(): ConformanceCase[] {
  return [...afterCloseCases(), ...closeBodyCases(), ...closeCodeCases()];
}
