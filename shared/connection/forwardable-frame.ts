import type { FrameRecord } from '../protocol/frame-record.js';
import type { LengthForm } from '../protocol/frame-encoder.js';
import type { CraftedFrame } from './outgoing.js';

/**
 * A received frame as a crafted frame that writes the same bytes again: the same FIN, RSV bits,
 * opcode, length form and masking key (or none), and the payload. This is how a relay forwards a
 * frame from one leg to the other exactly; spread it with `mask: 'role'` to re-mask by the
 * sending leg's role instead. Null when the record does not hold the whole payload (retention or
 * the size limit cut it), because those bytes are gone; a relay keeps retention at its size limit.
 */
export function forwardableFrame(record: FrameRecord): CraftedFrame | null {
  if (record.payloadTruncated) return null;
  return {
    opcode: record.opcode,
    payload: record.payload,
    fin: record.fin,
    rsv1: record.rsv1,
    rsv2: record.rsv2,
    rsv3: record.rsv3,
    mask: record.maskingKey ?? 'none',
    lengthForm: lengthFormOf(record.headerBytes),
  };
}

/** §5.2: the 7-bit length field says which form follows (126: 16-bit, 127: 64-bit). */
function lengthFormOf(headerBytes: Uint8Array): LengthForm {
  const length7 = (headerBytes[1] ?? 0) & 0x7f;
  return length7 === 127 ? '64-bit' : length7 === 126 ? '16-bit' : '7-bit';
}
