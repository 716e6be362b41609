import { buildClosePayload } from '../protocol/close-payload.js';
import { encodeFrame } from '../protocol/frame-encoder.js';
import type { SenderRole } from '../protocol/frame-decoder-options.js';
import type { MessageDeflater } from '../protocol/message-codec.js';
import { Opcode } from '../protocol/opcode.js';
import type { CraftedFrame, MaskChoice, Outgoing } from './outgoing.js';

/** What encoding needs from its connection. */
export interface EncoderContext {
  readonly role: SenderRole;
  /** §5.3: a fresh, unpredictable 4-byte key per masked frame. */
  readonly nextMaskingKey: () => Uint8Array;
  /** Present when permessage-deflate was agreed: messages are then compressed (RFC 7692 §6). */
  readonly deflater: MessageDeflater | null;
}

const noBytes = new Uint8Array(0);

/**
 * Turns one send into the exact frames to write. §5.1, §5.3: a client masks every frame with a
 * fresh key and a server masks none; crafted frames choose for themselves. Payloads are never
 * parsed or re-serialised (STYLE.md §3).
 */
export function encodeOutgoing(outgoing: Outgoing, context: EncoderContext): Uint8Array[] {
  switch (outgoing.kind) {
    case 'text':
    case 'binary':
      return [encodeMessage(outgoing.kind === 'text' ? Opcode.text : Opcode.binary, outgoing.payload, context)];
    case 'ping':
    case 'pong':
      return [encodeFrame({ opcode: outgoing.kind === 'ping' ? Opcode.ping : Opcode.pong, payload: outgoing.payload ?? noBytes, maskingKey: roleKey(context) })];
    case 'close':
      return [encodeFrame({ opcode: Opcode.close, payload: buildClosePayload(outgoing.closeCode, outgoing.reason ?? ''), maskingKey: roleKey(context) })];
    case 'frames':
      return outgoing.frames.map((frame) => encodeCrafted(frame, context));
  }
}

function encodeMessage(opcode: number, payload: Uint8Array, context: EncoderContext): Uint8Array {
  if (context.deflater === null) return encodeFrame({ opcode, payload, maskingKey: roleKey(context) });
  return encodeFrame({ opcode, payload: context.deflater.deflate(payload), rsv1: true, maskingKey: roleKey(context) });
}

function encodeCrafted(frame: CraftedFrame, context: EncoderContext): Uint8Array {
  return encodeFrame({
    opcode: frame.opcode,
    payload: frame.payload ?? noBytes,
    fin: frame.fin ?? true,
    rsv1: frame.rsv1 === true,
    rsv2: frame.rsv2 === true,
    rsv3: frame.rsv3 === true,
    maskingKey: keyFor(frame.mask ?? 'role', context),
    ...(frame.lengthForm ? { lengthForm: frame.lengthForm } : {}),
    ...(frame.declaredLength !== undefined ? { declaredLength: frame.declaredLength } : {}),
  });
}

function keyFor(mask: MaskChoice, context: EncoderContext): Uint8Array | null {
  if (mask === 'role') return roleKey(context);
  if (mask === 'random') return context.nextMaskingKey();
  if (mask === 'none') return null;
  return mask;
}

function roleKey(context: EncoderContext): Uint8Array | null {
  return context.role === 'client' ? context.nextMaskingKey() : null;
}
