import type { AssembledMessage } from '../../../shared/contract/api-session.js';
import { MessageError } from '../../../shared/i18n/message-error.js';
import { message } from '../../../shared/i18n/message.js';
import type { FrameRow } from '../../../shared/contract/record-row.js';
import { isControlOpcode } from '../../../shared/protocol/opcode.js';
import { toBase64 } from '../capture/byte-text.js';
import type { CaptureLog } from '../capture/capture-log.js';

/** A message is cut here when reassembled for the window (its frames keep every retained byte). */
export const maxAssembledBytes = 16 * 1024 * 1024;
/** Records read per step while looking for a message's other fragments. */
const scanSliceRows = 512;
/** How far (in records) to look either side; beyond this the message is reported incomplete. */
const maxScanRecords = 200_000;

/** The frames of one message, in order, as far as they were found. */
export interface MessageFrames {
  readonly frames: readonly FrameRow[];
  /** True when the first frame (FIN or first fragment) and the last (FIN set) were both found. */
  readonly isComplete: boolean;
}

/** True when `row` is a fragment of the message `direction`/`messageId` (decoders number messages per direction). */
function isSameMessage(row: FrameRow, of: FrameRow): boolean {
  return row.direction === of.direction && row.messageId === of.messageId;
}

function frameAt(capture: CaptureLog, seq: number): FrameRow {
  const row = capture.getRecords(seq, 1, 0)[0];
  if (row?.kind !== 'frame') throw new MessageError(message('errors:missing.notFrame', { seq }));
  return row;
}

/** Walks from `seq` towards the start for the message's first fragment (§5.4). */
function framesBefore(capture: CaptureLog, of: FrameRow): { frames: FrameRow[]; hasFirst: boolean } {
  const found: FrameRow[] = [];
  let end = of.seq;
  while (end > 0 && of.seq - end < maxScanRecords) {
    const from = Math.max(0, end - scanSliceRows);
    const rows = capture.getRecords(from, end - from, 0);
    for (let index = rows.length - 1; index >= 0; index -= 1) {
      const row = rows[index];
      if (row?.kind !== 'frame' || !isSameMessage(row, of)) continue;
      found.push(row);
      if (row.fragment === 'first' || row.fragment === 'whole') return { frames: found.reverse(), hasFirst: true };
    }
    end = from;
  }
  return { frames: found.reverse(), hasFirst: false };
}

/** Walks from `seq` towards the end for the message's last fragment. */
function framesAfter(capture: CaptureLog, of: FrameRow): { frames: FrameRow[]; hasLast: boolean } {
  const found: FrameRow[] = [];
  let from = of.seq + 1;
  while (from < capture.count && from - of.seq < maxScanRecords) {
    const rows = capture.getRecords(from, Math.min(scanSliceRows, capture.count - from), 0);
    for (const row of rows) {
      if (row.kind !== 'frame' || !isSameMessage(row, of)) continue;
      found.push(row);
      if (row.fragment === 'last' || row.fragment === 'whole') return { frames: found, hasLast: true };
    }
    from += rows.length;
  }
  return { frames: found, hasLast: false };
}

/**
 * The frames of the message that the frame `seq` belongs to (§5.4: a first frame, continuations,
 * the last with FIN set; control frames in between belong to no data message).
 */
export function findMessageFrames(capture: CaptureLog, seq: number): MessageFrames {
  const frame = frameAt(capture, seq);
  if (isControlOpcode(frame.opcode) || frame.fragment === 'whole') return { frames: [frame], isComplete: true };
  const before = frame.fragment === 'first' ? { frames: [], hasFirst: true } : framesBefore(capture, frame);
  const after = frame.fragment === 'last' ? { frames: [], hasLast: true } : framesAfter(capture, frame);
  return { frames: [...before.frames, frame, ...after.frames], isComplete: before.hasFirst && after.hasLast };
}

/** Concatenates the retained payloads of `frames`, up to `maxBytes`. */
function concatPayloads(capture: CaptureLog, frames: readonly FrameRow[], maxBytes: number): { bytes: Uint8Array; isCut: boolean } {
  const parts: Uint8Array[] = [];
  let total = 0;
  let isCut = false;
  for (const frame of frames) {
    const payload = capture.getPayload(frame.seq);
    const room = maxBytes - total;
    if (payload.byteLength > room) {
      parts.push(payload.subarray(0, room));
      total += room;
      isCut = true;
      break;
    }
    parts.push(payload);
    total += payload.byteLength;
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return { bytes, isCut };
}

/**
 * The whole message, reassembled: its frames' payloads in order, or, for a compressed message,
 * the inflated message its last frame carries (RFC 7692 §7.2.2).
 */
export function assembleMessage(capture: CaptureLog, seq: number, maxBytes = maxAssembledBytes): AssembledMessage {
  const { frames, isComplete } = findMessageFrames(capture, seq);
  const first = frames[0]!;
  const last = frames[frames.length - 1]!;
  const inflated = last.isCompressed ? capture.getInflatedPayload(last.seq) : null;
  const assembled = inflated ? { bytes: inflated.subarray(0, maxBytes), isCut: inflated.byteLength > maxBytes } : concatPayloads(capture, frames, maxBytes);
  return {
    direction: first.direction,
    opcode: first.opcode,
    messageId: first.messageId,
    firstSeq: first.seq,
    lastSeq: last.seq,
    frameCount: frames.length,
    payloadLength: frames.reduce((sum, frame) => sum + frame.payloadLength, 0),
    isCompressed: inflated !== null,
    isComplete,
    isTruncated: assembled.isCut || frames.some((frame) => frame.payloadTruncated),
    payload: toBase64(assembled.bytes),
  };
}
