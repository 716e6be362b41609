import type { SendRequest } from '../../../shared/contract/api-send.js';
import { MessageError } from '../../../shared/i18n/message-error.js';
import { message as text } from '../../../shared/i18n/message.js';
import type { ProtocolInput } from '../../../shared/contract/api-protocol.js';
import type { LiveSender } from '../api/live-source.js';
import type { ProtocolLayer } from '../protocol/protocol-layer.js';

/** A built saved message: a WebSocket message, or input for the session's application protocol. */
export type SendableMessage = { readonly request: SendRequest } | { readonly protocolInput: ProtocolInput };

/**
 * Sends a saved or scenario message through the session, a protocol message through its protocol
 * layer (which encodes it and sends the WebSocket messages). Throws with the reason when it cannot.
 */
export function sendSaved(message: SendableMessage, session: LiveSender, protocol: ProtocolLayer | undefined): void {
  if ('request' in message) {
    session.send(message.request);
    return;
  }
  if (!protocol) throw new MessageError(text('errors:session.noProtocolSend', { protocol: message.protocolInput.protocol }));
  protocol.send(message.protocolInput);
}
