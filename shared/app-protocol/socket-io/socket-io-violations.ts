import { message, type Message } from '../../i18n/message.js';
import type { ProtocolViolation } from '../protocol-message.js';
import { protocolViolation } from '../protocol-violation-text.js';

const engineReference = 'Engine.IO protocol v4 "Packet encoding"';
const socketReference = 'Socket.IO protocol v5 "Packet format"';

/** A malformed Engine.IO packet; `text` is a message, or the packet parser's English reason as it is. */
export function engineViolation(text: Message): ProtocolViolation {
  return protocolViolation('engineio-malformed-packet', engineReference, text);
}

/** A malformed Socket.IO packet; `text` as for engineViolation. */
export function socketViolation(text: Message): ProtocolViolation {
  return protocolViolation('socketio-malformed-packet', socketReference, text);
}

/** A binary message that no BINARY_EVENT or BINARY_ACK announced. */
export const unexpectedBinary: ProtocolViolation = protocolViolation(
  'socketio-unexpected-binary',
  'Socket.IO protocol v5 "Packet format" (binary attachments)',
  message('protocols:violation.detail.unexpectedBinary'),
);

/** A binary packet whose attachments were cut short by another packet. */
export function missingAttachments(expected: number, received: number): ProtocolViolation {
  return protocolViolation(
    'socketio-missing-attachments',
    'Socket.IO protocol v5 "Packet format" (binary attachments)',
    message('protocols:violation.detail.missingAttachments', { count: expected, received }),
  );
}
