import type { Direction } from '../protocol/frame-record.js';

/**
 * One complete WebSocket message as the connection core hands it over: reassembled from its
 * fragments and inflated, with the `seq` of every frame that carried it. This is the only input the
 * application-protocol layers read; they never see frames.
 */
export interface WireMessage {
  readonly direction: Direction;
  /** Microseconds since session start, of the message's last frame. */
  readonly atMicros: number;
  /** Text (opcode 1) or binary (opcode 2) message. */
  readonly isText: boolean;
  /** The message bytes (inflated when permessage-deflate was in use). */
  readonly bytes: Uint8Array;
  /** The `seq` of each frame of the message, for linking a protocol message back to the wire. */
  readonly seqs: readonly number[];
}

/** One WebSocket message to send, as an encoder or a duty produces it. */
export interface EncodedMessage {
  readonly isText: boolean;
  readonly bytes: Uint8Array;
}
