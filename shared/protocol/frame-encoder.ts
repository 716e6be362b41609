import { applyMask } from './masking.js';
import { Opcode } from './opcode.js';

/** How the payload length is written: the shortest form (§5.2) or a forced one, for crafting. */
export type LengthForm = 'minimal' | '7-bit' | '16-bit' | '64-bit';

/**
 * Everything that goes into one frame. Defaults give a legal unmasked frame with FIN set; every
 * field can be set to an illegal value on purpose (reserved opcodes, RSV bits, oversized or
 * fragmented control frames, a declared length that differs from the bytes sent).
 */
export interface FrameDescription {
  readonly opcode: number;
  readonly payload?: Uint8Array;
  readonly fin?: boolean;
  readonly rsv1?: boolean;
  readonly rsv2?: boolean;
  readonly rsv3?: boolean;
  /** 4 bytes from the caller's CSPRNG; the frame is masked exactly when a key is given (§5.3). */
  readonly maskingKey?: Uint8Array | null;
  readonly lengthForm?: LengthForm;
  /** The length written in the header when it should differ from the payload's; bigint reaches 2^64−1. */
  readonly declaredLength?: number | bigint;
}

const maxLength16 = 0xffff;

/** Writes one frame exactly as described; throws only for a description no frame can carry. */
export function encodeFrame(description: FrameDescription): Uint8Array {
  const payload = description.payload ?? new Uint8Array(0);
  const maskingKey = description.maskingKey ?? null;
  checkOpcode(description.opcode);
  if (maskingKey !== null && maskingKey.length !== 4) throw new RangeError('A masking key has exactly 4 bytes (§5.2).');

  const declaredLength = BigInt(description.declaredLength ?? payload.length);
  const form = resolveLengthForm(description.lengthForm ?? 'minimal', declaredLength);
  const lengthBytes = form === '7-bit' ? 0 : form === '16-bit' ? 2 : 8;
  const headerLength = 2 + lengthBytes + (maskingKey === null ? 0 : 4);
  const frame = new Uint8Array(headerLength + payload.length);

  frame[0] =
    (description.fin ?? true ? 0x80 : 0) |
    (description.rsv1 === true ? 0x40 : 0) |
    (description.rsv2 === true ? 0x20 : 0) |
    (description.rsv3 === true ? 0x10 : 0) |
    description.opcode;
  const maskBit = maskingKey === null ? 0 : 0x80;
  const view = new DataView(frame.buffer);
  if (form === '7-bit') {
    frame[1] = maskBit | Number(declaredLength);
  } else if (form === '16-bit') {
    frame[1] = maskBit | 126;
    view.setUint16(2, Number(declaredLength));
  } else {
    frame[1] = maskBit | 127;
    view.setBigUint64(2, declaredLength);
  }
  frame.set(payload, headerLength);
  if (maskingKey !== null) {
    frame.set(maskingKey, headerLength - 4);
    applyMask(frame.subarray(headerLength), maskingKey);
  }
  return frame;
}

/** How to split one message into frames (§5.4). */
export interface FragmentPlan {
  readonly opcode: number;
  readonly payload: Uint8Array;
  /** Payload bytes per frame; the last frame may carry fewer. */
  readonly fragmentSize: number;
  /** FIN on the last frame (default true); false leaves the message unfinished, for crafting. */
  readonly fin?: boolean;
  /** RSV bits on the first frame only, as permessage-deflate requires for RSV1 (RFC 7692 §6). */
  readonly rsv1?: boolean;
  readonly rsv2?: boolean;
  readonly rsv3?: boolean;
  /** Supplies a fresh key per frame when the sender is a client; omit for unmasked frames. */
  readonly maskingKeyFor?: (fragmentIndex: number) => Uint8Array;
}

/** Describes the frames of a split message: the first carries the opcode and RSV bits, the rest are continuations, FIN on the last. */
export function describeFragments(plan: FragmentPlan): FrameDescription[] {
  if (!Number.isInteger(plan.fragmentSize) || plan.fragmentSize < 1) {
    throw new RangeError('fragmentSize must be a positive integer.');
  }
  const count = Math.max(1, Math.ceil(plan.payload.length / plan.fragmentSize));
  const frames: FrameDescription[] = [];
  for (let index = 0; index < count; index++) {
    const start = index * plan.fragmentSize;
    const isFirst = index === 0;
    frames.push({
      opcode: isFirst ? plan.opcode : Opcode.continuation,
      payload: plan.payload.subarray(start, start + plan.fragmentSize),
      fin: index === count - 1 && plan.fin !== false,
      rsv1: isFirst && plan.rsv1 === true,
      rsv2: isFirst && plan.rsv2 === true,
      rsv3: isFirst && plan.rsv3 === true,
      maskingKey: plan.maskingKeyFor?.(index) ?? null,
    });
  }
  return frames;
}

/** Splits a message into encoded frames (see describeFragments). */
export function encodeMessageFragments(plan: FragmentPlan): Uint8Array[] {
  return describeFragments(plan).map(encodeFrame);
}

function checkOpcode(opcode: number): void {
  if (!Number.isInteger(opcode) || opcode < 0 || opcode > 0xf) {
    throw new RangeError(`An opcode has 4 bits (0–15), got ${opcode} (§5.2).`);
  }
}

function resolveLengthForm(form: LengthForm, declaredLength: bigint): Exclude<LengthForm, 'minimal'> {
  if (declaredLength < 0n || declaredLength >= 1n << 64n) {
    throw new RangeError('A declared length fits in 64 bits (§5.2).');
  }
  if (form === 'minimal') {
    return declaredLength <= 125n ? '7-bit' : declaredLength <= BigInt(maxLength16) ? '16-bit' : '64-bit';
  }
  if (form === '7-bit' && declaredLength > 125n) throw new RangeError('The 7-bit form holds at most 125.');
  if (form === '16-bit' && declaredLength > BigInt(maxLength16)) throw new RangeError('The 16-bit form holds at most 65535.');
  return form;
}
