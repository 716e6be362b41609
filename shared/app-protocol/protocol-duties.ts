import { englishText } from '../i18n/english-text.js';
import type { Message } from '../i18n/message.js';
import type { ProtocolMessage } from './protocol-message.js';
import type { EncodedMessage } from './wire-message.js';

/**
 * What a duty machine asks its owner to do. Timers are named; arming a name that is already armed
 * replaces it. The owner (the engine's session) keeps the real timers and feeds firings back.
 */
export type DutyCommand =
  | {
      readonly kind: 'send';
      readonly message: EncodedMessage;
      /** Why, for the timeline, in English (captures and `--json` keep it): "answer Engine.IO ping". */
      readonly reason: string;
      /** `reason` as a message (`protocols:duty.*`), rendered in the reader's language. */
      readonly reasonText: Message;
    }
  | { readonly kind: 'arm-timer'; readonly timer: string; readonly delayMs: number }
  | { readonly kind: 'cancel-timer'; readonly timer: string };

/** A duty's send, with its reason worded from the catalogue and in English beside it. */
export function dutySend(message: EncodedMessage, reasonText: Message): DutyCommand {
  return { kind: 'send', message, reason: englishText(reasonText), reasonText };
}

/**
 * A protocol's session duties as a pure state machine: decoded messages of both directions and
 * timer firings in, messages to send and timers to arm out. Switchable like auto-pong: while
 * disabled it still follows the session (so enabling it later knows the negotiated rates) but
 * sends nothing and keeps no timers.
 */
export interface ProtocolDuties {
  readonly isEnabled: boolean;
  /** Turns the duties on or off; turning off cancels every timer, turning on arms what is due. */
  setEnabled(isEnabled: boolean): DutyCommand[];
  /** Every decoded message of the session, both directions, in order (including what the duties sent). */
  onMessage(message: ProtocolMessage): DutyCommand[];
  /** A timer armed earlier fired. */
  onTimer(timer: string, atMicros: number): DutyCommand[];
}
