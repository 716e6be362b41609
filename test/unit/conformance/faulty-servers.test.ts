import { describe, expect, it } from 'vitest';
import { findCase } from '../../../shared/conformance/case-table.js';
import { runCase } from './case-loop.js';
import type { ServerFault } from './scripted-server.js';

/** A scripted server that gets one rule wrong, the cases that catch it, and the verdict each gives. */
const playbooks: readonly [fault: ServerFault, cases: readonly string[], verdict: string][] = [
  ['accepts-violations', ['3.1', '3.2', '4.1.3', '5.9', '5.18', '6.3.1', '6.8.1', '6.14.7', '6.16.1', '12.4.4', '14.1'], 'FAILED echoedAfterViolation'],
  ['accepts-violations', ['2.5', '3.6', '4.2.3', '14.2'], 'FAILED pongAfterViolation'],
  ['accepts-violations', ['4.2.1'], 'FAILED timeoutFail'],
  ['accepts-violations', ['7.9.1', '7.9.4', '7.3.2'], 'NON-STRICT failNoCode'],
  ['accepts-violations', ['7.5.1', '7.3.6'], 'NON-STRICT failOtherCode'],
  ['accepts-violations', ['14.4', '14.5'], 'INFORMATIONAL infoEchoed'],
  ['fails-late', ['6.4.1', '6.4.2'], 'NON-STRICT failLate'],
  ['wrong-close-code', ['2.5', '4.1.1', '6.3.1', '7.9.2'], 'NON-STRICT failOtherCode'],
  ['drops-without-close', ['3.1', '6.3.2', '14.1'], 'NON-STRICT failWithoutClose'],
  ['no-pong', ['2.1', '2.4', '2.10', '5.6', '5.19'], 'FAILED timeoutEcho'],
  ['ignores-close', ['1.1.1', '7.3.1', '7.7.1'], 'FAILED closeNotAnswered'],
  ['close-reply-1001', ['1.2.3', '5.3'], 'NON-STRICT closeAnsweredOtherCode'],
  ['close-reply-1001', ['7.3.3', '7.7.5'], 'NON-STRICT closeReplyOther'],
  ['keeps-tcp-open', ['1.1.1', '6.2.3'], 'NON-STRICT noTcpClose'],
  ['echo-as-binary', ['1.1.2', '6.5.2', '10.1.1'], 'FAILED mismatchOpcode'],
  ['echo-corrupt', ['1.2.7', '5.5', '6.15.1', '12.1.3'], 'FAILED mismatchBytes'],
  ['silent', ['1.1.1', '2.1'], 'FAILED timeoutEcho'],
  ['masks-frames', ['1.1.1', '6.2.1'], 'FAILED serverViolation'],
  ['accepts-any-handshake', ['15.2', '15.4', '15.5', '15.6'], 'FAILED acceptedBadRequest'],
  ['accepts-any-handshake', ['15.7'], 'NON-STRICT acceptedBadRequest'],
  ['version-400', ['15.2', '15.3'], 'NON-STRICT refusedOtherStatus'],
  ['hangs-on-http10', ['15.7'], 'FAILED handshakeTimeout'],
  ['bad-accept', ['1.1.1', '15.1'], 'FAILED handshakeChecks'],
  ['no-deflate', ['12.1.1', '12.4.4', '13.7.1'], 'UNIMPLEMENTED deflateNotAccepted'],
  ['deflate-keeps-context', ['13.2.2', '13.6.3'], 'FAILED serverViolation'],
  ['deflate-ignores-window', ['13.3.3', '13.5.4'], 'FAILED serverViolation'],
  ['deflate-drops-parameter', ['13.2.1'], 'NON-STRICT offerNotConfirmed'],
];

describe('scripted servers that each get one rule wrong', () => {
  it.each(playbooks.map(([fault, cases, verdict]) => [fault, cases.join(' '), verdict] as const))('%s: %s → %s', (fault, ids, verdict) => {
    for (const id of ids.split(' ')) expect([id, runCase(findCase(id)!, [fault], 3_000).summary]).toEqual([id, verdict]);
  });

  it('a server that keeps context after agreeing not to: the reason names the inflate failure on its frame', () => {
    const result = runCase(findCase('13.2.2')!, ['deflate-keeps-context']);
    expect(result.judgement.reason.values).toEqual({ section: '7692/7.2.2', rule: 'inflate-failed' });
  });

  it('a silent server: the reason says how long the case waited and how much arrived', () => {
    const result = runCase(findCase('1.1.1')!, ['silent'], 2_500);
    expect(result.judgement.reason.values).toEqual({ seconds: 2.5, received: 0, expected: 1, pongs: 0, pongsExpected: 0 });
  });
});
