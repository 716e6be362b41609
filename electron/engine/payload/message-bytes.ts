import type { FrameRow } from '../../../shared/contract/record-row.js';
import type { CaptureLog } from '../capture/capture-log.js';

/** How far from a frame the rest of its message is looked for (fragments interleave only with control frames and the other direction). */
const maxScanRecords = 100_000;

/**
 * The WebSocket message a data frame belongs to, as the capture kept it: its frames' payloads
 * joined (§5.4), or the inflated bytes its last frame carries when compressed. Null for a control
 * frame, a frame that is not a frame, or a message whose other fragments are out of reach.
 */
export function messageBytesAt(capture: CaptureLog, seq: number): Uint8Array | null {
  const frame = frameRow(capture, seq);
  if (frame === null || frame.opcode >= 8) return null;
  const pieces: number[] = [seq];
  if (frame.fragment === 'middle' || frame.fragment === 'last') {
    for (let at = seq - 1; at >= Math.max(0, seq - maxScanRecords); at--) {
      const other = sameMessage(capture, at, frame);
      if (other === null) continue;
      pieces.unshift(at);
      if (other.fragment === 'first') break;
    }
  }
  let last = frame;
  if (frame.fragment === 'first' || frame.fragment === 'middle') {
    for (let at = seq + 1; at < Math.min(capture.count, seq + maxScanRecords); at++) {
      const other = sameMessage(capture, at, frame);
      if (other === null) continue;
      pieces.push(at);
      last = other;
      if (other.fragment === 'last') break;
    }
    if (last.fragment !== 'last') return null;
  }
  if (last.isCompressed) return capture.getInflatedPayload(last.seq);
  const parts = pieces.map((at) => capture.getPayload(at));
  const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}

function frameRow(capture: CaptureLog, seq: number): FrameRow | null {
  if (seq < 0 || seq >= capture.count) return null;
  const row = capture.getRecords(seq, 1, 0)[0];
  return row?.kind === 'frame' ? row : null;
}

function sameMessage(capture: CaptureLog, seq: number, frame: FrameRow): FrameRow | null {
  const other = frameRow(capture, seq);
  return other !== null && other.direction === frame.direction && other.messageId === frame.messageId && other.opcode < 8 ? other : null;
}
