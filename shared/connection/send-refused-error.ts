import type { SessionState } from '../contract/api-session.js';
import { MessageError } from '../i18n/message-error.js';
import { message } from '../i18n/message.js';
import { sessionStateMessage } from './session-state-text.js';

/** Why a send was refused (the connection is closing or closed); the connection itself is unaffected. */
export class SendRefusedError extends MessageError {
  override readonly name = 'SendRefusedError';
}

/** What cannot send now: a session, a connection (listened, or the wire itself), a relay session, or a relay action. */
export type RefusedSender = 'session' | 'connection' | 'relay' | 'relayAction';

const REFUSED_KEYS: Readonly<Record<RefusedSender, string>> = {
  session: 'connection:refused.session',
  connection: 'connection:refused.connection',
  relay: 'connection:refused.relay',
  relayAction: 'connection:refused.relayAction',
};

/** A send refused because `sender` is in `state` ("cannot send: the session is closed"). */
export function sendRefused(sender: RefusedSender, state: SessionState): SendRefusedError {
  return new SendRefusedError(message(REFUSED_KEYS[sender], { state: sessionStateMessage(state) }));
}
