import { message } from '../../i18n/message.js';
import { Opcode } from '../../protocol/opcode.js';
import { binaryFiller, echoOf, filler, fragmentsOf, sendBinary, sendFrames, sendText } from '../case-builders.js';
import type { CaseStep, ConformanceCase } from '../conformance-case.js';

const kibibyte = 1024;
const mebibyte = 1024 * kibibyte;
const sections = ['6455 §5.4', '6455 §10.4'];
/** Generous limits: these cases measure; a server that needs longer is reported as FAILED with the limit. */
const largeLimitMs = 60_000;
const roundTripLimitMs = 120_000;

function limitCase(id: string, description: ReturnType<typeof message>, steps: () => Iterable<CaseStep>, timeoutMs = largeLimitMs): ConformanceCase {
  return { id, group: 9, sections, expect: { kind: 'echo' }, description, expectation: message('conformance:expect.echoInTime', { seconds: timeoutMs / 1000 }), steps, timeoutMs, isExclusive: true };
}

/** One message of `bytes`, text or binary. */
function payloadOf(isText: boolean, bytes: number, seed: number): Uint8Array {
  return isText ? filler(bytes, seed) : binaryFiller(bytes, seed);
}

/** Group 9: large messages whole, in fragments and in small writes, and a thousand small messages one at a time — reported as figures. */
export function limitCases(): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  for (const [sub, isText] of [[1, true], [2, false]] as const) {
    [64 * kibibyte, 256 * kibibyte, mebibyte, 4 * mebibyte, 8 * mebibyte, 16 * mebibyte].forEach((bytes, i) => {
      cases.push(limitCase(`9.${sub}.${i + 1}`, message(isText ? 'conformance:case.largeText' : 'conformance:case.largeBinary', { bytes }), () => {
        const payload = payloadOf(isText, bytes, i);
        return [isText ? sendText(payload) : sendBinary(payload)];
      }));
    });
  }
  for (const [sub, isText] of [[3, true], [4, false]] as const) {
    [64, 256, kibibyte, 4 * kibibyte, 16 * kibibyte, 64 * kibibyte, 256 * kibibyte, mebibyte, 4 * mebibyte].forEach((fragmentBytes, i) => {
      cases.push(limitCase(`9.${sub}.${i + 1}`, message(isText ? 'conformance:case.fragmentedText' : 'conformance:case.fragmentedBinary', { bytes: 4 * mebibyte, fragment: fragmentBytes }), () => {
        const payload = payloadOf(isText, 4 * mebibyte, i);
        return [sendFrames(fragmentsOf(isText ? Opcode.text : Opcode.binary, payload, fragmentBytes), { echo: echoOf(isText ? 1 : 2, payload) })];
      }));
    });
  }
  for (const [sub, isText] of [[5, true], [6, false]] as const) {
    [64, 128, 256, 512, kibibyte, 2 * kibibyte].forEach((chopBytes, i) => {
      cases.push(limitCase(`9.${sub}.${i + 1}`, message(isText ? 'conformance:case.choppedText' : 'conformance:case.choppedBinary', { bytes: mebibyte, chop: chopBytes }), () => {
        const payload = payloadOf(isText, mebibyte, i);
        return [isText ? sendText(payload, { chopBytes }) : sendBinary(payload, { chopBytes })];
      }));
    });
  }
  for (const [sub, isText] of [[7, true], [8, false]] as const) {
    [0, 16, 64, 256, kibibyte, 4 * kibibyte].forEach((bytes, i) => {
      cases.push(limitCase(`9.${sub}.${i + 1}`, message(isText ? 'conformance:case.roundTripsText' : 'conformance:case.roundTripsBinary', { count: 1000, bytes }), () => roundTrips(isText, bytes), roundTripLimitMs));
    });
  }
  return cases;
}

/** A thousand messages, each sent once the previous one came back, so the figures are round trips. */
function* roundTrips(isText: boolean, bytes: number): Generator<CaseStep> {
  for (let i = 0; i < 1000; i++) {
    const payload = payloadOf(isText, bytes, i);
    yield isText ? sendText(payload) : sendBinary(payload);
    yield { kind: 'await-echoes' };
  }
}
