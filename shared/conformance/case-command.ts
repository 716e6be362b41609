import type { ConnectionCommand, TimerName } from '../connection/connection-command.js';
import type { Message } from '../i18n/message.js';
import type { CaseObservation } from './case-observation.js';
import type { Judgement } from './verdict.js';

/** The connection's two timers, the script's pause, and the case's own time limit. */
export type CaseTimer = TimerName | 'step' | 'case';

/**
 * What a running case asks its owner to do, in order: the connection's commands (records, socket
 * ends), writes that may be chopped into pieces, its timers, notes for the capture, and at the
 * end the judgement with what it was based on.
 */
export type CaseCommand =
  | Extract<ConnectionCommand, { type: 'record' | 'wire-chunk' | 'end-socket' | 'destroy-socket' | 'closed' }>
  /** Write `bytes`; with `chopBytes`, as separate writes of that size, `paceMs` apart. */
  | { readonly type: 'write'; readonly bytes: Uint8Array; readonly chopBytes?: number; readonly paceMs?: number }
  | { readonly type: 'arm-timer'; readonly timer: CaseTimer; readonly delayMs: number }
  | { readonly type: 'cancel-timer'; readonly timer: CaseTimer }
  /** A note for the capture's timeline (numbered like records). */
  | { readonly type: 'note'; readonly seq: number; readonly atMicros: number; readonly text: Message }
  /** The case is over: nothing follows. */
  | { readonly type: 'finished'; readonly judgement: Judgement; readonly observation: CaseObservation };
