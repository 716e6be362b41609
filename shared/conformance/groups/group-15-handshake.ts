import { message, type Message } from '../../i18n/message.js';
import type { ConformanceCase, Expectation, HandshakePlan } from '../conformance-case.js';

function handshakeCase(n: number, handshake: HandshakePlan, expect: Expectation, description: Message, expectation: Message, sections: readonly string[]): ConformanceCase {
  return { id: `15.${n}`, group: 15, sections, expect, description, expectation, handshake, steps: () => [] };
}

/** Group 15: the opening handshake (§4), which Autobahn's client does not vary. */
export function handshakeCases(): ConformanceCase[] {
  const refused = (preferredStatus: number | null, whenAccepted: 'FAILED' | 'NON-STRICT', needsVersionHeader = false): Expectation => ({ kind: 'handshake-refused', preferredStatus, whenAccepted, ...(needsVersionHeader ? { needsVersionHeader } : {}) });
  return [
    handshakeCase(1, {}, { kind: 'handshake-accepted' }, message('conformance:case.handshakeValid'), message('conformance:expect.handshakeValid'), ['6455 §4.2.2']),
    handshakeCase(2, { version: '99' }, refused(426, 'FAILED', true), message('conformance:case.handshakeVersion', { version: '99' }), message('conformance:expect.handshakeVersion'), ['6455 §4.2.2', '6455 §4.4']),
    handshakeCase(3, { version: '14' }, refused(426, 'FAILED', true), message('conformance:case.handshakeVersion', { version: '14' }), message('conformance:expect.handshakeVersion'), ['6455 §4.2.2', '6455 §4.4']),
    handshakeCase(4, { headers: [['Sec-WebSocket-Key', null]] }, refused(400, 'FAILED'), message('conformance:case.handshakeNoKey'), message('conformance:expect.handshakeBadRequest'), ['6455 §4.2.1']),
    handshakeCase(5, { headers: [['Sec-WebSocket-Key', 'c2hvcnQga2V5']] }, refused(400, 'FAILED'), message('conformance:case.handshakeShortKey'), message('conformance:expect.handshakeBadRequest'), ['6455 §4.2.1']),
    handshakeCase(6, { headers: [['Upgrade', null]] }, refused(null, 'FAILED'), message('conformance:case.handshakeNoUpgrade'), message('conformance:expect.handshakeBadRequest'), ['6455 §4.2.1']),
    handshakeCase(7, { httpVersion: '1.0' }, refused(null, 'NON-STRICT'), message('conformance:case.handshakeHttp10'), message('conformance:expect.handshakeHttp10'), ['6455 §4.1', '6455 §4.2.1']),
    handshakeCase(8, { headers: [['Connection', 'keep-alive, Upgrade']] }, { kind: 'handshake-accepted' }, message('conformance:case.handshakeConnectionList'), message('conformance:expect.handshakeValid'), ['6455 §4.2.1', '9110 §7.6.1']),
    handshakeCase(9, { headers: [['Upgrade', 'WebSocket']] }, { kind: 'handshake-accepted' }, message('conformance:case.handshakeUpgradeCase'), message('conformance:expect.handshakeValid'), ['6455 §4.2.1']),
  ];
}
