import { message, type Message } from '../../i18n/message.js';
import type { ProtocolViolation } from '../protocol-message.js';
import { parserViolation, protocolViolation } from '../protocol-violation-text.js';

const engineReference = 'Engine.IO protocol v4 "Packet encoding"';
const socketReference = 'Socket.IO protocol v5 "Packet format"';

/** A malformed Engine.IO packet, `text` its whole sentence. */
export function engineViolation(text: Message): ProtocolViolation {
  return protocolViolation('engineio-malformed-packet', engineReference, text);
}

/** An Engine.IO packet its parser could not read: the rule's own sentence, then the parser's detail. */
export function enginePacketProblem(detail: Message): ProtocolViolation {
  return parserViolation('engineio-malformed-packet', engineReference, detail);
}

/** A Socket.IO packet its parser could not read: the rule's own sentence, then the parser's detail. */
export function socketPacketProblem(detail: Message): ProtocolViolation {
  return parserViolation('socketio-malformed-packet', socketReference, detail);
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
