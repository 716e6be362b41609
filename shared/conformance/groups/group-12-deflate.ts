import { message } from '../../i18n/message.js';
import { Opcode } from '../../protocol/opcode.js';
import { echoOf, hex, sendFrames, sendText, utf8 } from '../case-builders.js';
import { jsonText, mixedBinary } from '../compression-data.js';
import type { CaseStep, ConformanceCase, Expectation } from '../conformance-case.js';

const sections = ['7692 §6', '7692 §7.2'];
const defaultOffer = { deflate: [{ clientMaxWindowBits: true as const }] };
const sizes = [16, 64, 256, 1024, 4096, 16384, 65536, 131072] as const;
const deflateLimitMs = 60_000;

/** How many messages of a size a case sends: a hundred, fewer for large ones, about 4 MiB at most. */
export function messageCount(bytes: number): number {
  return Math.max(10, Math.min(100, Math.floor((4 * 1024 * 1024) / bytes)));
}

/** Bulk cases get a minute; the single-message rule cases the run's default limit. */
function deflateCase(id: string, expect: Expectation, description: ReturnType<typeof message>, expectation: ReturnType<typeof message>, steps: () => Iterable<CaseStep>, isBulk = false): ConformanceCase {
  return { id, group: 12, sections, expect, description, expectation, steps, handshake: defaultOffer, requiresDeflate: true, ...(isBulk ? { timeoutMs: deflateLimitMs } : {}) };
}

/** Messages of one size, each sent once the previous came back, compressed by the connection. */
function* oneAtATime(isText: boolean, bytes: number): Generator<CaseStep> {
  const count = messageCount(bytes);
  for (let i = 0; i < count; i++) {
    const payload = isText ? jsonText(bytes, i * bytes) : mixedBinary(bytes, i);
    yield isText ? sendText(payload) : { kind: 'send', outgoing: { kind: 'binary', payload }, echo: echoOf(2, payload) };
    yield { kind: 'await-echoes' };
  }
}

/** Compressed messages split into frames of `fragmentBytes` compressed bytes (RSV1 on the first only). */
function* deflatedFragments(bytes: number, fragmentBytes: number): Generator<CaseStep> {
  for (let i = 0; i < 20; i++) {
    const payload = jsonText(bytes, i * bytes);
    yield { kind: 'send-deflated', opcode: 1, payload, fragmentBytes, echo: echoOf(1, payload) };
    yield { kind: 'await-echoes' };
  }
}

/** Group 12: permessage-deflate with the default offer: many messages, compressed fragments, and the rules for RSV1. */
export function deflateCases(): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  const echo = { kind: 'echo' } as const;
  for (const [sub, isText] of [[1, true], [2, false]] as const) {
    sizes.forEach((bytes, i) => {
      cases.push(deflateCase(`12.${sub}.${i + 1}`, echo, message(isText ? 'conformance:case.deflateText' : 'conformance:case.deflateBinary', { count: messageCount(bytes), bytes }), message('conformance:expect.deflateEcho'), () => oneAtATime(isText, bytes), true));
    });
  }
  const fragmented = [[8192, 256], [16384, 256], [65536, 256], [131072, 1024], [131072, 4096], [131072, 32768]] as const;
  fragmented.forEach(([bytes, fragmentBytes], i) => {
    cases.push(deflateCase(`12.3.${i + 1}`, echo, message('conformance:case.deflateFragments', { count: 20, bytes, fragment: fragmentBytes }), message('conformance:expect.deflateFragments'), () => deflatedFragments(bytes, fragmentBytes), true));
  });
  const plain = utf8('an uncompressed message on a compressed connection');
  const compressedA = utf8('compressed, then uncompressed, then compressed: the context carries over');
  cases.push(
    deflateCase('12.4.1', echo, message('conformance:case.deflateUncompressed'), message('conformance:expect.deflateUncompressed'), () => [sendFrames([{ opcode: Opcode.text, payload: plain }], { echo: echoOf(1, plain) })]),
    deflateCase('12.4.2', echo, message('conformance:case.deflateEmpty'), message('conformance:expect.deflateEcho'), () => [sendText(new Uint8Array(0))]),
    deflateCase('12.4.3', echo, message('conformance:case.deflateMixed'), message('conformance:expect.deflateUncompressed'), () => [
      sendText(compressedA), { kind: 'await-echoes' },
      sendFrames([{ opcode: Opcode.text, payload: plain }], { echo: echoOf(1, plain) }), { kind: 'await-echoes' },
      sendText(compressedA),
    ]),
    deflateCase('12.4.4', { kind: 'fail', closeCodes: [1002] }, message('conformance:case.deflateRsv1Continuation'), message('conformance:expect.deflateRsv1Continuation'), () => [
      { kind: 'send-deflated', opcode: 1, payload: jsonText(4096, 0), fragmentBytes: 64, rsv1OnEveryFrame: true, isIgnoredByServer: true },
      sendFrames([{ opcode: Opcode.ping, payload: utf8('after the violation') }], { isIgnoredByServer: true }),
    ]),
    deflateCase('12.4.5', { kind: 'fail', closeCodes: [1002] }, message('conformance:case.deflateControl'), message('conformance:expect.deflateControl'), () => [
      sendFrames([{ opcode: Opcode.ping, payload: hex('2a c8 cc 4b 07 00'), rsv1: true }], { isIgnoredByServer: true }),
    ]),
    deflateCase('12.4.6', { kind: 'fail', closeCodes: [1007, 1002] }, message('conformance:case.deflateCorrupt'), message('conformance:expect.deflateCorrupt'), () => [
      sendFrames([{ opcode: Opcode.text, payload: hex('ff ff ff ff 00 11 22 33'), rsv1: true }], { isIgnoredByServer: true }),
      sendFrames([{ opcode: Opcode.ping, payload: utf8('after the violation') }], { isIgnoredByServer: true }),
    ]),
  );
  return cases;
}
