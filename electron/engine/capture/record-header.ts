/**
 * The canonical header bytes of a frame (§5.2): the first byte from FIN, RSV1–3 and the opcode,
 * the shortest length form, then the masking key. Almost every frame on the wire is written this
 * way, so the log keeps header bytes only for frames whose bytes differ (a non-minimal length, a
 * masked frame whose key never arrived) and rebuilds the rest from the columns. Kept apart from
 * frame-encoder.ts because this runs once per stored and exported frame: plain numbers, no BigInt.
 */

const twoTo32 = 0x1_0000_0000;

/** The length of the canonical header: 2, plus 2 or 8 length bytes, plus 4 for a key. */
export function canonicalHeaderLength(payloadLength: number, masked: boolean): number {
  return 2 + (payloadLength < 126 ? 0 : payloadLength <= 0xffff ? 2 : 8) + (masked ? 4 : 0);
}

/** True when `bytes` are exactly the canonical header of these fields. */
export function isCanonicalHeader(bytes: Uint8Array, firstByte: number, masked: boolean, payloadLength: number, maskingKey: number): boolean {
  const length = canonicalHeaderLength(payloadLength, masked);
  if (bytes.length !== length || bytes[0] !== firstByte || !Number.isSafeInteger(payloadLength)) return false;
  const maskBit = masked ? 0x80 : 0;
  let at = 2;
  if (payloadLength < 126) {
    if (bytes[1] !== (maskBit | payloadLength)) return false;
  } else if (payloadLength <= 0xffff) {
    if (bytes[1] !== (maskBit | 126) || bytes[2] !== payloadLength >>> 8 || bytes[3] !== (payloadLength & 0xff)) return false;
    at = 4;
  } else {
    if (bytes[1] !== (maskBit | 127) || readUint32(bytes, 2) !== Math.floor(payloadLength / twoTo32) || readUint32(bytes, 6) !== payloadLength % twoTo32) return false;
    at = 10;
  }
  return !masked || readUint32(bytes, at) === maskingKey;
}

/**
 * Writes the canonical header at `offset` in `target`; returns the offset after it. `firstByte` is
 * FIN, RSV1–3 and the opcode as on the wire, `maskingKey` a big-endian number ignored when not
 * masked. The fields are arguments, not an object: a reader calls this for every record it reads
 * back, and an object per call is removed only where the call happens to be inlined.
 */
export function writeCanonicalHeader(target: Uint8Array, offset: number, firstByte: number, masked: boolean, payloadLength: number, maskingKey: number): number {
  const maskBit = masked ? 0x80 : 0;
  target[offset] = firstByte;
  let at = offset + 2;
  if (payloadLength < 126) {
    target[offset + 1] = maskBit | payloadLength;
  } else if (payloadLength <= 0xffff) {
    target[offset + 1] = maskBit | 126;
    target[offset + 2] = payloadLength >>> 8;
    target[offset + 3] = payloadLength & 0xff;
    at += 2;
  } else {
    target[offset + 1] = maskBit | 127;
    writeUint32(target, offset + 2, Math.floor(payloadLength / twoTo32));
    writeUint32(target, offset + 6, payloadLength % twoTo32);
    at += 8;
  }
  if (masked) {
    writeUint32(target, at, maskingKey);
    at += 4;
  }
  return at;
}

function readUint32(bytes: Uint8Array, at: number): number {
  return (bytes[at] as number) * 0x100_0000 + (((bytes[at + 1] as number) << 16) | ((bytes[at + 2] as number) << 8) | (bytes[at + 3] as number));
}

function writeUint32(target: Uint8Array, at: number, value: number): void {
  target[at] = (value >>> 24) & 0xff;
  target[at + 1] = (value >>> 16) & 0xff;
  target[at + 2] = (value >>> 8) & 0xff;
  target[at + 3] = value & 0xff;
}
