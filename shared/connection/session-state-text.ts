import type { SessionState } from '../contract/api-session.js';
import { message, type Message } from '../i18n/message.js';

const STATE_KEYS: Readonly<Record<SessionState, string>> = {
  connecting: 'sessions:state.connecting',
  open: 'sessions:state.open',
  closing: 'sessions:state.closing',
  closed: 'sessions:state.closed',
};

/** A session's state as a message (`open`, `closed`), for sentences that name it. */
export function sessionStateMessage(state: SessionState): Message {
  return message(STATE_KEYS[state]);
}
