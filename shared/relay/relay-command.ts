import type { Outgoing } from '../connection/outgoing.js';
import type { RelayLeg } from '../contract/records.js';
import type { Message } from '../i18n/message.js';
import type { Direction } from '../protocol/frame-record.js';

/**
 * What the relay core asks its owner to do, in order. Directions keep the capture's meaning
 * (`out` client→server, `in` server→client); a leg is one of the two connections.
 */
export type RelayCommand =
  /** Write on `leg`; frame i of the write links to `links[i]` (the last repeats), the frames it came from. */
  | { readonly type: 'send'; readonly leg: RelayLeg; readonly outgoing: Outgoing; readonly links: readonly number[] }
  /** Something the relay did that the capture should say (a rule acted, a person dropped a message). */
  | { readonly type: 'note'; readonly leg: RelayLeg; readonly seqs: readonly number[]; readonly text: Message }
  /** Call `timerFired(direction)` after `delayMs` (replaces that direction's timer). */
  | { readonly type: 'arm-timer'; readonly direction: Direction; readonly delayMs: number }
  /** The paused queue changed; `paused()` has the new one. */
  | { readonly type: 'paused-changed' }
  /** A frame cannot be forwarded (its payload was over the size limit and was not kept): the relay must end both legs. */
  | { readonly type: 'unforwardable'; readonly direction: Direction; readonly seq: number; readonly text: Message };

/** How a paused message goes on. */
export type PausedResolution =
  | { readonly kind: 'forward' }
  | { readonly kind: 'drop' }
  /** Forward it, then once more. */
  | { readonly kind: 'duplicate' }
  /** Forward these bytes instead, as one frame with the same opcode. */
  | { readonly kind: 'edit'; readonly payload: Uint8Array };

/** One message waiting in the paused queue, as a person sees it. */
export interface PausedMessage {
  readonly pausedId: number;
  readonly direction: Direction;
  readonly opcode: number;
  readonly breakpointId: string;
  /** The message's frames (and control frames between them), by seq. */
  readonly seqs: readonly number[];
  /** The message's length (inflated when compressed), after any rule rewrote it. */
  readonly byteLength: number;
  readonly isCompressed: boolean;
  /** False when it cannot be edited or dropped (compressed with context takeover in frame-exact mode); forward and duplicate still work. */
  readonly isChangeable: boolean;
  readonly pausedAtMicros: number;
}
