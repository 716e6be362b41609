import type { CompletedMessage } from '../connection/connection-command.js';
import type { Direction, FrameRecord } from '../protocol/frame-record.js';
import { isControlOpcode } from '../protocol/opcode.js';
import type { RuleEnd } from './apply-rules.js';

/** A frame as the relay read it: its seq in the capture and the decoded record. */
export interface ReadFrame {
  readonly seq: number;
  readonly frame: FrameRecord;
}

/**
 * What the relay forwards as one piece: a data message with the control frames that arrived
 * between its fragments (they stay in place, §5.4), or one control frame on its own.
 */
export interface RelayUnit {
  readonly id: number;
  readonly direction: Direction;
  readonly messageId: number;
  /** The first frame's opcode. */
  readonly opcode: number;
  readonly isControl: boolean;
  readonly frames: ReadFrame[];
  /** Forwarded frame by frame as it arrived (frame-exact, nothing to hold it for). */
  readonly isStreamed: boolean;
  isComplete: boolean;
  /** Reassembled (inflated when compressed) once complete; null for control units and cut-off messages. */
  message: CompletedMessage | null;
  /** Payload bytes the unit holds, for the held-bytes budget. */
  heldBytes: number;
  /** Decided when complete: */
  edited: Uint8Array | null;
  end: RuleEnd | null;
  releaseAtMicros: number;
  pausedBy: string | null;
  /** Numbered from 1 per session when a breakpoint pauses it, so a person reads #1, #2, … */
  pausedId: number;
  pausedAtMicros: number;
  isDuplicated: boolean;
}

/** A new unit that starts with `first`. */
export function startUnit(id: number, direction: Direction, first: ReadFrame, isStreamed: boolean): RelayUnit {
  return {
    id,
    direction,
    messageId: first.frame.messageId,
    opcode: first.frame.opcode,
    isControl: isControlOpcode(first.frame.opcode),
    frames: [],
    isStreamed,
    isComplete: false,
    message: null,
    heldBytes: 0,
    edited: null,
    end: null,
    releaseAtMicros: 0,
    pausedBy: null,
    pausedId: 0,
    pausedAtMicros: 0,
    isDuplicated: false,
  };
}

/** The unit's data frames, without the control frames that arrived between them. */
export function dataFrames(unit: RelayUnit): ReadFrame[] {
  return unit.isControl ? unit.frames : unit.frames.filter((read) => !isControlOpcode(read.frame.opcode));
}

/** The control frames that arrived between a message's fragments. */
export function interleavedControls(unit: RelayUnit): ReadFrame[] {
  return unit.isControl ? [] : unit.frames.filter((read) => isControlOpcode(read.frame.opcode));
}

/** The message's payload as rules and people see it: inflated when compressed; a control frame's own payload. */
export function unitPayload(unit: RelayUnit): Uint8Array {
  if (unit.isControl) return unit.frames[0]?.frame.payload ?? new Uint8Array(0);
  return unit.message?.payload ?? new Uint8Array(0);
}

/** True for a permessage-deflate message (RSV1 on its first frame, RFC 7692 §6). */
export function isCompressedUnit(unit: RelayUnit): boolean {
  return !unit.isControl && (unit.frames[0]?.frame.rsv1 ?? false);
}

/** Bytes the unit puts on the wire, for throttling: header and payload of each frame, or the edited payload. */
export function wireBytes(unit: RelayUnit): number {
  if (unit.edited !== null) return unit.edited.length + 14;
  let total = 0;
  for (const { frame } of unit.frames) total += frame.headerBytes.length + frame.payloadLength;
  return total;
}
