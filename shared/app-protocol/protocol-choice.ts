import { APP_PROTOCOL_IDS } from './app-protocol-id.js';
import type { AppProtocolId } from './app-protocol-id.js';

/** What a user chooses for a session: detect the protocol, read raw messages only, or one protocol. */
export const PROTOCOL_CHOICES = ['auto', 'none', ...APP_PROTOCOL_IDS] as const;

/** One of `PROTOCOL_CHOICES`. */
export type ProtocolChoice = (typeof PROTOCOL_CHOICES)[number];

/** True for a choice that names one protocol. */
export function isProtocolId(choice: ProtocolChoice): choice is AppProtocolId {
  return choice !== 'auto' && choice !== 'none';
}

/** True for a text that is one of the choices (a capture header may hold anything). */
export function isProtocolChoice(text: string): text is ProtocolChoice {
  return (PROTOCOL_CHOICES as readonly string[]).includes(text);
}
