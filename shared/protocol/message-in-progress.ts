import { ByteAccumulator } from './byte-accumulator.js';
import { Opcode } from './opcode.js';

/**
 * The data message a decoder is in the middle of (§5.4): its id, how many fragments and bytes it
 * has had, its incremental UTF-8 state, and for permessage-deflate the compressed bytes so far.
 */
export interface MessageInProgress {
  messageId: number;
  /** The opcode of the first frame; `continuation` when the message began with an orphan continuation. */
  opcode: number;
  /** RSV1 on the first frame (RFC 7692 §6): the payloads are compressed, so UTF-8 is checked after inflating. */
  isCompressed: boolean;
  fragmentCount: number;
  totalLength: number;
  /** Uncompressed text: the decoder's UTF-8 validator follows this message's wire bytes (until a frame of it is skipped). */
  checksUtf8: boolean;
  hasFlaggedUtf8: boolean;
  hasFlaggedTooBig: boolean;
  hasFlaggedFragments: boolean;
  /** The whole compressed message, kept for inflation; dropped (null) once it passes maxPayloadBytes. */
  compressed: ByteAccumulator | null;
}

/** Starts tracking a message at its first frame. */
export function startMessage(
  messageId: number,
  opcode: number,
  isCompressed: boolean,
  compressedLimit: number | null,
): MessageInProgress {
  return {
    messageId,
    opcode,
    isCompressed,
    fragmentCount: 0,
    totalLength: 0,
    checksUtf8: opcode === Opcode.text && !isCompressed,
    hasFlaggedUtf8: false,
    hasFlaggedTooBig: false,
    hasFlaggedFragments: false,
    compressed: isCompressed && compressedLimit !== null ? new ByteAccumulator(compressedLimit) : null,
  };
}

/**
 * Refills `message` as `startMessage` would make it: a decoder reuses one object for the messages
 * of a single frame, which end with that frame (saves an allocation per frame of a flood).
 */
export function restartMessage(
  message: MessageInProgress,
  messageId: number,
  opcode: number,
  isCompressed: boolean,
  compressedLimit: number | null,
): MessageInProgress {
  message.messageId = messageId;
  message.opcode = opcode;
  message.isCompressed = isCompressed;
  message.fragmentCount = 0;
  message.totalLength = 0;
  message.checksUtf8 = opcode === Opcode.text && !isCompressed;
  message.hasFlaggedUtf8 = false;
  message.hasFlaggedTooBig = false;
  message.hasFlaggedFragments = false;
  message.compressed = isCompressed && compressedLimit !== null ? new ByteAccumulator(compressedLimit) : null;
  return message;
}
