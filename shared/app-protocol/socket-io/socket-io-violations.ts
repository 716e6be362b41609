import type { ProtocolViolation } from '../protocol-message.js';

const engineReference = 'Engine.IO protocol v4 "Packet encoding"';
const socketReference = 'Socket.IO protocol v5 "Packet format"';

/** A malformed Engine.IO packet. */
export function engineViolation(message: string): ProtocolViolation {
  return { rule: 'engineio-malformed-packet', reference: engineReference, message };
}

/** A malformed Socket.IO packet. */
export function socketViolation(message: string): ProtocolViolation {
  return { rule: 'socketio-malformed-packet', reference: socketReference, message };
}

/** A binary message that no BINARY_EVENT or BINARY_ACK announced. */
export const unexpectedBinary: ProtocolViolation = {
  rule: 'socketio-unexpected-binary',
  reference: 'Socket.IO protocol v5 "Packet format" (binary attachments)',
  message: 'A binary message arrived although no binary packet was waiting for attachments.',
};

/** A binary packet whose attachments were cut short by another packet. */
export function missingAttachments(expected: number, received: number): ProtocolViolation {
  return {
    rule: 'socketio-missing-attachments',
    reference: 'Socket.IO protocol v5 "Packet format" (binary attachments)',
    message: `The packet announced ${expected} binary attachment(s) but only ${received} arrived before the next packet.`,
  };
}
