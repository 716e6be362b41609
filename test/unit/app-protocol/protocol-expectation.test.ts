import { describe, expect, it } from 'vitest';
import { matchesExpectation } from '../../../shared/app-protocol/protocol-expectation.js';
import { ProtocolTracker } from '../../../shared/app-protocol/protocol-tracker.js';
import { Opcode } from '../../../shared/protocol/opcode.js';
import { encodeUtf8 } from '../../../shared/protocol/utf8-text.js';

function decodedEvent() {
  const tracker = new ProtocolTracker({ choice: 'auto', context: { url: 'ws://h/socket.io/?EIO=4&transport=websocket', offeredSubprotocols: [] }, hasDuties: false, isDutiesEnabled: false });
  const payload = encodeUtf8('42["chat:message",{"text":"hi"}]');
  const [message] = tracker.receive({ direction: 'in', source: 'received', messageId: 1, opcode: Opcode.text, isCompressed: false, atMicros: 1, frameSeqs: [4], fragmentCount: 1, payload, payloadLength: payload.length, isWhole: true, violations: [] }).messages;
  if (message === undefined) throw new Error('nothing decoded');
  return message;
}

describe('protocol expectations (scenario steps, relay breakpoints)', () => {
  it('matches on every field given and nothing else', () => {
    const message = decodedEvent();
    expect(matchesExpectation(message, {})).toBe(true);
    expect(matchesExpectation(message, { protocol: 'socket.io', direction: 'in', kind: 'EVENT', summaryIncludes: 'chat:message', isControl: false, isWellFormed: true })).toBe(true);
    expect(matchesExpectation(message, { kind: 'ACK' })).toBe(false);
    expect(matchesExpectation(message, { direction: 'out' })).toBe(false);
    expect(matchesExpectation(message, { summaryIncludes: 'chat:echo' })).toBe(false);
    expect(matchesExpectation(message, { protocol: 'stomp' })).toBe(false);
  });
});
