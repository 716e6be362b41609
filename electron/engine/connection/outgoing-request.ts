import type { CraftedFrame as CraftedFrameRequest, MaskChoice as MaskChoiceRequest, SendRequest } from '../../../shared/contract/api-send.js';
import type { CraftedFrame, MaskChoice, Outgoing } from '../../../shared/connection/outgoing.js';
import { describeFragments } from '../../../shared/protocol/frame-encoder.js';
import { fromBase64 } from '../capture/byte-text.js';

/**
 * A send request from the contract (JSON: base64 payloads, hex keys) as the bytes a
 * WebSocketConnection sends. Text is the UTF-8 of what the user typed, never parsed (STYLE.md §3);
 * a crafted frame with a fragment size becomes its continuation frames, header bits on the first.
 */
export function outgoingOf(request: SendRequest): Outgoing {
  switch (request.type) {
    case 'text':
      return { kind: 'text', payload: new TextEncoder().encode(request.data) };
    case 'binary':
      return { kind: 'binary', payload: fromBase64(request.base64) };
    case 'ping':
    case 'pong':
      return { kind: request.type, payload: fromBase64(request.base64 ?? '') };
    case 'close':
      return { kind: 'close', ...(request.code !== undefined ? { closeCode: request.code } : {}), ...(request.reason ? { reason: request.reason } : {}) };
    case 'frame':
      return { kind: 'frames', frames: craftedFrames(request) };
  }
}

function craftedFrames(request: CraftedFrameRequest): CraftedFrame[] {
  const payload = fromBase64(request.payload);
  const mask = maskOf(request.mask);
  const fragments = describeFragments({
    opcode: request.opcode,
    payload,
    fragmentSize: request.fragmentSize ?? Math.max(payload.length, 1),
    fin: request.fin,
    rsv1: request.rsv1,
    rsv2: request.rsv2,
    rsv3: request.rsv3,
  });
  // A fixed key is the same for every fragment; `random` draws a fresh one per frame.
  return fragments.map(({ maskingKey: _none, ...frame }) => ({ ...frame, mask }));
}

function maskOf(choice: MaskChoiceRequest): MaskChoice {
  if (choice === 'random' || choice === 'none') return choice;
  return Uint8Array.from(Buffer.from(choice.key, 'hex'));
}
