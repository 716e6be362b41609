import { message } from '../../i18n/message.js';
import { Opcode } from '../../protocol/opcode.js';
import { byteByByte, echoOf, hex, sendFrames, sendText, splitMessage, utf8 } from '../case-builders.js';
import type { CaseStep, ConformanceCase, Expectation } from '../conformance-case.js';
import { splitInvalidVectors, splitValidVectors, utf8Classes } from '../utf8-vectors.js';

const sections = ['6455 §8.1', '6455 §5.6'];
const invalid = { kind: 'fail', closeCodes: [1007] } as const satisfies Expectation;
const echo: Expectation = { kind: 'echo' };
/** How long fail-fast cases pause between pieces: the server has that long to fail before the rest arrives. */
const failFastPauseMs = 500;
/** A masked frame with a payload under 126 bytes has a 6-byte header (§5.2). */
const smallMaskedHeaderBytes = 6;

function utf8Case(id: string, expect: Expectation, description: ReturnType<typeof message>, steps: () => CaseStep[]): ConformanceCase {
  return {
    id, group: 6, sections, expect, description, steps,
    expectation: expect.kind === 'echo' ? message('conformance:expect.utf8Valid') : message('conformance:expect.utf8Invalid'),
  };
}

/** The text as single-byte fragments (§5.4: a fragment may end in the middle of a code point). */
function byteFragments(payload: Uint8Array) {
  return splitMessage(Opcode.text, payload, Array.from({ length: Math.max(0, payload.length - 1) }, (_, i) => i + 1));
}

/** 6.1–6.4: empty messages and fragments, valid text split anyhow, invalid text, and whether the server fails fast. */
function basicCases(): ConformanceCase[] {
  const greek = hex('ce ba e1 bd b9 cf 83 ce bc ce b5');
  const longer = utf8('Hello-µ@ßöäüàá-UTF-8!! κόσμε 中文 😀');
  const broken = hex('ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64');
  const empty = new Uint8Array(0);
  const part1 = hex('ce ba e1 bd b9 cf 83 ce bc ce b5');
  const part2 = hex('f4 90 80 80');
  const part3 = hex('65 64 69 74 65 64');
  const whole = hex('ce ba e1 bd b9 cf 83 ce bc ce b5 f4 90 80 80 65 64 69 74 65 64');
  const pause = { kind: 'wait', ms: failFastPauseMs } as const;
  return [
    utf8Case('6.1.1', echo, message('conformance:case.utf8Empty'), () => [sendText(empty)]),
    utf8Case('6.1.2', echo, message('conformance:case.utf8EmptyFragments'), () => [sendFrames(splitMessage(Opcode.text, empty, [0, 0]), { echo: echoOf(1, empty) })]),
    utf8Case('6.1.3', echo, message('conformance:case.utf8EmptyMiddle'), () => {
      const text = utf8('middle fragment empty');
      return [sendFrames(splitMessage(Opcode.text, text, [6, 6]), { echo: echoOf(1, text) })];
    }),
    utf8Case('6.2.1', echo, message('conformance:case.utf8ValidOneFrame'), () => [sendText(longer)]),
    utf8Case('6.2.2', echo, message('conformance:case.utf8ValidCodePointFragments'), () => [sendFrames(splitMessage(Opcode.text, greek, [2, 5, 7, 9]), { echo: echoOf(1, greek) })]),
    utf8Case('6.2.3', echo, message('conformance:case.utf8ValidByteFragments'), () => [sendFrames(byteFragments(longer), { echo: echoOf(1, longer) })]),
    utf8Case('6.2.4', echo, message('conformance:case.utf8ValidByteWrites'), () => [sendText(greek, byteByByte)]),
    utf8Case('6.3.1', invalid, message('conformance:case.utf8InvalidOneFrame'), () => [sendFrames([{ opcode: Opcode.text, payload: broken }], { isIgnoredByServer: true })]),
    utf8Case('6.3.2', invalid, message('conformance:case.utf8InvalidByteFragments'), () => [sendFrames(byteFragments(broken), { isIgnoredByServer: true })]),
    utf8Case('6.4.1', { ...invalid, failFastBeforeStep: 4 }, message('conformance:case.failFastFragments', { ms: failFastPauseMs }), () => [
      sendFrames([{ opcode: Opcode.text, payload: part1, fin: false }], { isIgnoredByServer: true }),
      pause,
      sendFrames([{ opcode: Opcode.continuation, payload: part2, fin: false }]),
      pause,
      sendFrames([{ opcode: Opcode.continuation, payload: part3 }]),
    ]),
    utf8Case('6.4.2', { ...invalid, failFastBeforeStep: 4 }, message('conformance:case.failFastSplitCodePoint', { ms: failFastPauseMs }), () => [
      sendFrames([{ opcode: Opcode.text, payload: hex('ce ba e1 bd b9 cf 83 ce bc ce b5 f4'), fin: false }], { isIgnoredByServer: true }),
      pause,
      sendFrames([{ opcode: Opcode.continuation, payload: hex('90'), fin: false }]),
      pause,
      sendFrames([{ opcode: Opcode.continuation, payload: hex('80 80 65 64 69 74 65 64') }]),
    ]),
    utf8Case('6.4.3', { ...invalid, failFastBeforeStep: 2 }, message('conformance:case.failFastWrites', { ms: failFastPauseMs }), () => [
      sendFrames([{ opcode: Opcode.text, payload: whole }], { isIgnoredByServer: true, write: { splitAt: [smallMaskedHeaderBytes + part1.length, smallMaskedHeaderBytes + part1.length + part2.length], pauseMs: failFastPauseMs } }),
    ]),
    utf8Case('6.4.4', { ...invalid, failFastBeforeStep: 2 }, message('conformance:case.failFastWritesSplitCodePoint', { ms: failFastPauseMs }), () => [
      sendFrames([{ opcode: Opcode.text, payload: whole }], { isIgnoredByServer: true, write: { splitAt: [smallMaskedHeaderBytes + part1.length + 1, smallMaskedHeaderBytes + part1.length + 2], pauseMs: failFastPauseMs } }),
    ]),
  ];
}

/** 6.5–6.14: each vector alone in one text frame. */
function vectorCases(): ConformanceCase[] {
  return utf8Classes.flatMap((vectorClass) =>
    vectorClass.vectors.map((vector, index) => {
      const payload = hex(vector);
      const description = message('conformance:case.utf8Vector', { kind: message(vectorClass.key), hex: vector });
      return vectorClass.isValid
        ? utf8Case(`6.${vectorClass.sub}.${index + 1}`, echo, description, () => [sendText(payload)])
        : utf8Case(`6.${vectorClass.sub}.${index + 1}`, invalid, description, () => [sendFrames([{ opcode: Opcode.text, payload }], { isIgnoredByServer: true })]);
    }),
  );
}

/** 6.15: valid text in two fragments split at every byte offset, one message per split, all echoed. */
function splitValidCases(): ConformanceCase[] {
  return splitValidVectors.map((vector, index) =>
    utf8Case(`6.15.${index + 1}`, echo, message('conformance:case.utf8SplitEveryOffset', { hex: vector }), () => {
      const payload = hex(vector);
      return Array.from({ length: payload.length - 1 }, (_, offset) => sendFrames(splitMessage(Opcode.text, payload, [offset + 1]), { echo: echoOf(1, payload) }));
    }),
  );
}

/** 6.16: invalid text in two fragments, one case per split offset: wherever the split falls, the server fails. */
function splitInvalidCases(): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  let n = 1;
  for (const vector of splitInvalidVectors) {
    const payload = hex(vector);
    for (let offset = 1; offset < payload.length; offset++) {
      cases.push(utf8Case(`6.16.${n++}`, invalid, message('conformance:case.utf8InvalidSplit', { hex: vector, offset }), () => [
        sendFrames(splitMessage(Opcode.text, payload, [offset]), { isIgnoredByServer: true }),
      ]));
    }
  }
  return cases;
}

/** Group 6: UTF-8 handling of text messages (§8.1: invalid UTF-8 fails the connection, 1007). */
export function utf8Cases(): ConformanceCase[] {
  return [...basicCases(), ...vectorCases(), ...splitValidCases(), ...splitInvalidCases()];
}
