import type { CraftedFrame, SendRequest } from '../../../shared/contract/api-send.js';
import { buildClosePayload } from '../../../shared/protocol/close-payload.js';
import { encodeFrame } from '../../../shared/protocol/frame-encoder.js';
import type { MessageDeflater } from '../../../shared/protocol/message-codec.js';
import { Opcode } from '../../../shared/protocol/opcode.js';
import { fromBase64 } from '../capture/byte-text.js';
import type { MaskingKeySource } from './masking-keys.js';

/** What encoding a send request needs from its session. */
export interface OutgoingContext {
  readonly keys: MaskingKeySource;
  /** Present when permessage-deflate was agreed: data messages are then compressed (RFC 7692 §6). */
  readonly deflater: MessageDeflater | null;
  /** The endpoint role: a client masks every frame it sends (§5.3), a server (listen mode) never does. */
  readonly masks: boolean;
}

/**
 * Turns one send request into the exact frames to write. Text is sent as the UTF-8 of what the
 * user typed, never parsed or re-serialised (STYLE.md §3); crafted frames are written as
 * described, legal or not.
 */
export function encodeSendRequest(request: SendRequest, context: OutgoingContext): Uint8Array[] {
  const maskingKey = (): Uint8Array | null => (context.masks ? context.keys.next() : null);
  switch (request.type) {
    case 'text':
      return [dataFrame(Opcode.text, new TextEncoder().encode(request.data), context, maskingKey())];
    case 'binary':
      return [dataFrame(Opcode.binary, fromBase64(request.base64), context, maskingKey())];
    case 'ping':
      return [encodeFrame({ opcode: Opcode.ping, payload: fromBase64(request.base64 ?? ''), maskingKey: maskingKey() })];
    case 'pong':
      return [encodeFrame({ opcode: Opcode.pong, payload: fromBase64(request.base64 ?? ''), maskingKey: maskingKey() })];
    case 'close':
      return [encodeFrame({ opcode: Opcode.close, payload: buildClosePayload(request.code, request.reason ?? ''), maskingKey: maskingKey() })];
    case 'frame':
      return craftedFrames(request, context);
  }
}

function dataFrame(opcode: number, payload: Uint8Array, context: OutgoingContext, maskingKey: Uint8Array | null): Uint8Array {
  if (context.deflater === null) return encodeFrame({ opcode, payload, maskingKey });
  return encodeFrame({ opcode, payload: context.deflater.deflate(payload), rsv1: true, maskingKey });
}

/** A crafted frame, or a crafted message split into continuation frames: header bits on the first, FIN on the last. */
function craftedFrames(frame: CraftedFrame, context: OutgoingContext): Uint8Array[] {
  const payload = fromBase64(frame.payload);
  const keyFor = (): Uint8Array | null => {
    if (frame.mask === 'none') return null;
    if (frame.mask === 'random') return context.keys.next();
    return Uint8Array.from(Buffer.from(frame.mask.key, 'hex'));
  };
  const size = frame.fragmentSize ?? Math.max(payload.length, 1);
  const count = Math.max(1, Math.ceil(payload.length / size));
  const frames: Uint8Array[] = [];
  for (let index = 0; index < count; index++) {
    const isFirst = index === 0;
    frames.push(
      encodeFrame({
        opcode: isFirst ? frame.opcode : Opcode.continuation,
        payload: payload.subarray(index * size, (index + 1) * size),
        fin: index === count - 1 ? frame.fin : false,
        rsv1: isFirst && frame.rsv1,
        rsv2: isFirst && frame.rsv2,
        rsv3: isFirst && frame.rsv3,
        maskingKey: keyFor(),
      }),
    );
  }
  return frames;
}
