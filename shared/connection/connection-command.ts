import type { EventText, FailureStage } from '../contract/records.js';
import type { Message } from '../i18n/message.js';
import type { Direction, FrameRecord } from '../protocol/frame-record.js';
import type { OpcodeValue } from '../protocol/opcode.js';
import type { Violation } from '../protocol/violation.js';
import type { ClosedDetails } from './closed-details.js';
import type { InflatePauses } from './inflate-pause-tally.js';

/**
 * The timers an endpoint needs: waiting out the closing handshake, sending pings, waiting for their
 * pongs, (strict mode) waiting for the payload of the frame that broke a rule, and waiting until
 * the inflate budget allows more (reading stays paused meanwhile).
 */
export type TimerName = 'close-wait' | 'auto-ping' | 'pong-wait' | 'failed-frame-wait' | 'inflate-wait';

/** Which endpoint's bytes a record comes from, from the connection's own side. */
export type Source = 'received' | 'sent';

/**
 * What a connection asks its owner to do, in order. The owner appends records to the capture as
 * numbered (`seq`), writes and ends the socket, and runs the timers; it decides nothing itself.
 */
export type ConnectionCommand =
  | { readonly type: 'record'; readonly seq: number; readonly record: ConnectionRecord }
  /** A socket read or write, for exports that need packet boundaries (pcapng). */
  | { readonly type: 'wire-chunk'; readonly direction: Direction; readonly atMicros: number; readonly byteLength: number }
  | { readonly type: 'write'; readonly bytes: Uint8Array }
  /** Send our FIN after what was written; keep reading (§7.1.1: the server closes TCP first). */
  | { readonly type: 'end-socket' }
  /** Drop the socket now. */
  | { readonly type: 'destroy-socket' }
  /** Start the timer, replacing one of the same name; answer with `timerFired` when it goes off. */
  | { readonly type: 'arm-timer'; readonly timer: TimerName; readonly delayMs: number }
  | { readonly type: 'cancel-timer'; readonly timer: TimerName }
  /** A data message ended (only with `reportsMessages`). */
  | { readonly type: 'message'; readonly message: CompletedMessage }
  /**
   * Work from the last input is left (a message being inflated in steps): stop reading the socket,
   * let other work run, then call `resume`; reading goes on once `hasPendingWork` is false.
   */
  | { readonly type: 'yield' }
  /** The connection is over; nothing follows. */
  | { readonly type: 'closed'; readonly details: ClosedDetails };

/** What goes into the capture, as bytes; the owner turns it into the capture's record forms. */
/**
 * Takes each record as the connection makes it, instead of as a `record` command in the list an
 * input returns (`WebSocketConnection.streamRecordsTo`): a frame's record and payload view then
 * live until their slice of the read is decoded, not until the whole read is. It runs inside the
 * connection's input, so it must give the connection no input of its own.
 */
export type RecordSink = (seq: number, record: ConnectionRecord) => void;

/**
 * Takes a received plain frame (shared/protocol/plain-frame-sink.ts) with its seq and no record
 * object (`WebSocketConnection.streamPlainFramesTo`): its payload is `payloadLength` bytes of
 * `chunk` from `payloadStart`, to be copied before the sink returns. It runs inside the
 * connection's input, like the RecordSink.
 */
export type PlainFrameRecordSink = (seq: number, direction: Direction, chunk: Uint8Array, payloadStart: number, payloadLength: number, opcode: number, messageId: number, atMicros: number) => void;

export type ConnectionRecord = FrameEntry | UndecodedEntry | FailedEntry | BudgetEntry | ClosedEntry;

/** A frame either endpoint wrote, decoded from the exact bytes on the wire. */
export interface FrameEntry {
  readonly kind: 'frame';
  readonly direction: Direction;
  readonly source: Source;
  readonly frame: FrameRecord;
  /** On a received pong that answers one of our pings (§5.5.3). */
  readonly rttMicros?: number;
}

/** Bytes that could not be framed (observe mode after framing broke, or a header cut off). */
export interface UndecodedEntry {
  readonly kind: 'undecoded';
  readonly direction: Direction;
  readonly source: Source;
  readonly atMicros: number;
  /** As many of the bytes as the connection's undecoded budget still allowed. */
  readonly bytes: Uint8Array;
  readonly byteLength: number;
  readonly violation: Violation;
  readonly message: string;
  /** `message` as a message, for readers in another language. */
  readonly i18n: EventText;
}

/** Strict mode failed the connection (§7.1.7). */
export interface FailedEntry {
  readonly kind: 'failed';
  readonly atMicros: number;
  readonly stage: FailureStage;
  readonly violation: Violation;
  readonly message: string;
  readonly hint: string;
  /** `message` and `hint` as messages, for readers in another language. */
  readonly i18n: EventText & { readonly hint: Message };
}

/**
 * A budget of the connection was reached (issue 19), right after the frame that reached it: the
 * inflated bytes per second of the peer's messages. Reading then waits until the budget allows
 * more (TCP pushes back on the peer); nothing is lost. Recorded the first time, and once more
 * before the `closed` record with `pauses`: how often and how long reading waited.
 */
export interface BudgetEntry {
  readonly kind: 'budget';
  readonly atMicros: number;
  readonly budget: 'inflated-bytes-per-second';
  readonly limit: number;
  readonly pauses?: InflatePauses;
  readonly message: string;
  /** `message` as a message, for readers in another language. */
  readonly i18n: EventText;
}

/** The last record of every connection. */
export interface ClosedEntry {
  readonly kind: 'closed';
  readonly atMicros: number;
  readonly details: ClosedDetails;
}

/**
 * One data message, reassembled (§5.4): its frames in order, by seq, and its payload — the
 * frames' payloads joined, or for a permessage-deflate message the inflated bytes. What
 * application protocols read.
 */
export interface CompletedMessage {
  readonly direction: Direction;
  readonly source: Source;
  readonly messageId: number;
  /** The first frame's opcode (text, binary, or a reserved data opcode). */
  readonly opcode: OpcodeValue;
  readonly isCompressed: boolean;
  /** When its last frame became known. */
  readonly atMicros: number;
  /** The seqs of its frames (control frames between them are not part of it), at most `maxFragments`. */
  readonly frameSeqs: readonly number[];
  readonly fragmentCount: number;
  /** The message as far as it was kept. */
  readonly payload: Uint8Array;
  /** The message's true length (inflated length when compressed and inflated). */
  readonly payloadLength: number;
  /** True when `payload` is the whole message: no frame cut by retention or a limit, no inflate failure. */
  readonly isWhole: boolean;
  /** Every violation of its frames, in order. */
  readonly violations: readonly Violation[];
}
