import type { Direction, FrameRecord } from '../protocol/frame-record.js';
import { isControlOpcode } from '../protocol/opcode.js';
import type { Violation } from '../protocol/violation.js';
import type { CompletedMessage, Source } from './connection-command.js';

/** The limits that bound one message held for reassembly (§10.4). */
export interface AssemblyLimits {
  /** Frame seqs kept per message; 0 keeps all. */
  readonly maxFragments: number;
  /** Payload bytes joined per message. */
  readonly maxPayloadBytes: number;
}

interface MessageSoFar {
  readonly messageId: number;
  readonly opcode: number;
  readonly isCompressed: boolean;
  readonly frameSeqs: number[];
  readonly pieces: Uint8Array[];
  readonly violations: Violation[];
  fragmentCount: number;
  keptBytes: number;
  payloadLength: number;
  isWhole: boolean;
}

const noBytes = new Uint8Array(0);
const alwaysWanted = (): boolean => true;

/**
 * Reassembles the data messages of one direction from their frame records (§5.4), holding at most
 * `maxPayloadBytes` bytes and `maxFragments` seqs for the one message in progress.
 */
export class MessageAssembler {
  private current: MessageSoFar | null = null;

  /**
   * `ownsPieces` false: frames' payloads may be views of read chunks (the decoder's `payloadViews`),
   * so a message of one piece is copied too, because a message outlives the read. `isWanted`
   * false: a message of one frame is not assembled (no copy, no message), because nobody would read it.
   */
  constructor(
    private readonly direction: Direction,
    private readonly source: Source,
    private readonly limits: AssemblyLimits,
    private readonly ownsPieces = true,
    private readonly isWanted: () => boolean = alwaysWanted,
  ) {}

  /** Adds a frame with its seq; returns the message when this frame completed one. Control frames are not part of messages. */
  add(frame: FrameRecord, seq: number): CompletedMessage | null {
    if (isControlOpcode(frame.opcode)) return null;
    let message = this.current;
    if (message === null || message.messageId !== frame.messageId) {
      // A message of one frame starts and ends here, so skipping it cannot leave a later reader
      // half a message; messages of several frames are always assembled.
      if (frame.fin && this.skipsWholeMessage()) return null;
      message = startMessage(frame);
      this.current = message;
    }
    this.take(message, frame, seq);
    if (!frame.fin) return null;
    this.current = null;
    return this.complete(message, frame);
  }

  /**
   * For a data message of one frame that is about to start: true when nobody wants it, so it is
   * not assembled (and no message is in progress any more); false when it must go through `add`.
   * A plain frame recorded without a record object asks this first.
   */
  skipsWholeMessage(): boolean {
    if (this.isWanted()) return false;
    this.current = null;
    return true;
  }

  private take(message: MessageSoFar, frame: FrameRecord, seq: number): void {
    const { maxFragments, maxPayloadBytes } = this.limits;
    message.fragmentCount++;
    if (maxFragments === 0 || message.frameSeqs.length < maxFragments) message.frameSeqs.push(seq);
    message.payloadLength += frame.payloadLength;
    for (const violation of frame.violations) message.violations.push(violation);
    // Once a frame was cut (retention, the size limit), later bytes would leave a gap: keep the prefix only.
    if (!message.isWhole) return;
    if (message.keptBytes + frame.payload.length > maxPayloadBytes) {
      message.isWhole = false;
      return;
    }
    message.pieces.push(frame.payload);
    message.keptBytes += frame.payload.length;
    if (frame.payloadTruncated) message.isWhole = false;
  }

  private complete(message: MessageSoFar, last: FrameRecord): CompletedMessage {
    // RFC 7692 §7.2.2: the last frame of a compressed message carries it inflated; without that, the compressed bytes are all there is.
    const inflated = message.isCompressed ? last.inflatedPayload : undefined;
    const inflatedLength = inflated === undefined ? 0 : (last.inflatedLength ?? inflated.length);
    // One object literal with every field, so all completed messages share one shape (this runs per message).
    return {
      direction: this.direction,
      source: this.source,
      messageId: message.messageId,
      opcode: message.opcode,
      isCompressed: message.isCompressed,
      atMicros: last.atMicros,
      frameSeqs: message.frameSeqs,
      fragmentCount: message.fragmentCount,
      payload: inflated ?? join(message.pieces, message.keptBytes, this.ownsPieces),
      payloadLength: inflated === undefined ? message.payloadLength : inflatedLength,
      isWhole: inflated === undefined ? message.isWhole && !message.isCompressed : inflated.length === inflatedLength,
      violations: message.violations,
    };
  }
}

function startMessage(first: FrameRecord): MessageSoFar {
  return {
    messageId: first.messageId,
    opcode: first.opcode,
    isCompressed: first.rsv1,
    frameSeqs: [],
    pieces: [],
    violations: [],
    fragmentCount: 0,
    keptBytes: 0,
    payloadLength: 0,
    isWhole: true,
  };
}

function join(pieces: readonly Uint8Array[], length: number, ownsPieces: boolean): Uint8Array {
  if (pieces.length === 0) return noBytes;
  if (pieces.length === 1 && ownsPieces) return pieces[0] as Uint8Array;
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const piece of pieces) {
    joined.set(piece, offset);
    offset += piece.length;
  }
  return joined;
}
