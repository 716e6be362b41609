import { encodeFrame } from '../../../shared/protocol/frame-encoder.js';
import { Opcode } from '../../../shared/protocol/opcode.js';

/** A server's close frame (unmasked, §5.1) echoing `closeCode`, or an empty one when the client sent none (§5.5.1). */
export function encodeCloseFrame(closeCode: number | undefined): Uint8Array {
  if (closeCode === undefined || closeCode === 1005 || closeCode === 1006 || closeCode === 1015) return encodeFrame({ opcode: Opcode.close });
  const payload = new Uint8Array(2);
  new DataView(payload.buffer).setUint16(0, closeCode);
  return encodeFrame({ opcode: Opcode.close, payload });
}
