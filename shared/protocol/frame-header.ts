/** The fixed part of a frame (§5.2), read from its 2–14 header bytes. */
export interface FrameHeader {
  readonly fin: boolean;
  readonly rsv1: boolean;
  readonly rsv2: boolean;
  readonly rsv3: boolean;
  readonly opcode: number;
  readonly masked: boolean;
  /** Exact up to 2^53−1, as a double beyond. */
  readonly payloadLength: number;
  /** §5.2: the 64-bit form's most significant bit must be 0. */
  readonly isLengthMsbSet: boolean;
  /** §5.2: a 16- or 64-bit form was used for a length the shorter form holds. */
  readonly isLengthNonMinimal: boolean;
  readonly headerBytes: Uint8Array;
  readonly maskingKey: Uint8Array | null;
}

const twoTo32 = 0x1_0000_0000;
const noBytes = new Uint8Array(0);

/**
 * The header bytes of every 2-byte header seen so far, by the two bytes (first × 128 + second: a
 * 2-byte header has no mask bit and a length under 126). Most frames from a server have one, and a
 * new 2-byte array per frame was the decoder's largest allocation: sharing one per distinct header
 * made `npm run bench` (a) about 20 % faster. At most 32,768 small arrays, however hostile the peer.
 */
const shortHeaders: (Uint8Array | undefined)[] = new Array<Uint8Array | undefined>(1 << 15).fill(undefined);

/** Header length once the second byte is known: 2, plus 2 or 8 length bytes, plus 4 for the key. */
export function headerLengthFromSecondByte(secondByte: number): number {
  const length7 = secondByte & 0x7f;
  const lengthBytes = length7 === 126 ? 2 : length7 === 127 ? 8 : 0;
  return 2 + lengthBytes + ((secondByte & 0x80) !== 0 ? 4 : 0);
}

/** A FrameHeader its owner refills: a decoder has one frame in progress at a time, so one header object serves every frame. */
export type MutableFrameHeader = { -readonly [K in keyof FrameHeader]: FrameHeader[K] };

/**
 * Reads a complete header; `bytes` holds at least `headerLength` bytes, copied into the result.
 * A 2-byte header's `headerBytes` is one array shared by every header of the same two bytes.
 */
export function parseFrameHeader(bytes: Uint8Array, headerLength: number): FrameHeader {
  const header: MutableFrameHeader = {
    fin: false,
    rsv1: false,
    rsv2: false,
    rsv3: false,
    opcode: 0,
    masked: false,
    payloadLength: 0,
    isLengthMsbSet: false,
    isLengthNonMinimal: false,
    headerBytes: noBytes,
    maskingKey: null,
  };
  return readFrameHeaderInto(header, bytes, headerLength);
}

/** `parseFrameHeader` into an existing object (the decoder's hot path: no header object per frame); returns `target`. */
export function readFrameHeaderInto(target: MutableFrameHeader, bytes: Uint8Array, headerLength: number): MutableFrameHeader {
  const first = bytes[0] as number;
  const second = bytes[1] as number;
  const length7 = second & 0x7f;
  const masked = (second & 0x80) !== 0;
  let payloadLength = length7;
  let isLengthMsbSet = false;
  let isLengthNonMinimal = false;
  if (length7 === 126) {
    payloadLength = ((bytes[2] as number) << 8) | (bytes[3] as number);
    isLengthNonMinimal = payloadLength < 126;
  } else if (length7 === 127) {
    const high = readUint32(bytes, 2);
    payloadLength = high * twoTo32 + readUint32(bytes, 6);
    isLengthMsbSet = high >= 0x8000_0000;
    isLengthNonMinimal = payloadLength <= 0xffff;
  }
  const headerBytes = headerLength === 2 ? shortHeaderBytes(first, second) : copyHeader(bytes, headerLength);
  target.fin = (first & 0x80) !== 0;
  target.rsv1 = (first & 0x40) !== 0;
  target.rsv2 = (first & 0x20) !== 0;
  target.rsv3 = (first & 0x10) !== 0;
  target.opcode = first & 0x0f;
  target.masked = masked;
  target.payloadLength = payloadLength;
  target.isLengthMsbSet = isLengthMsbSet;
  target.isLengthNonMinimal = isLengthNonMinimal;
  target.headerBytes = headerBytes;
  target.maskingKey = masked ? headerBytes.subarray(headerLength - 4) : null;
  return target;
}

function shortHeaderBytes(first: number, second: number): Uint8Array {
  const key = (first << 7) | second;
  return shortHeaders[key] ?? (shortHeaders[key] = Uint8Array.of(first, second));
}

function copyHeader(bytes: Uint8Array, headerLength: number): Uint8Array {
  // A plain constructor and a loop: TypedArray#slice looks up the species constructor every time.
  const headerBytes = new Uint8Array(headerLength);
  for (let index = 0; index < headerLength; index++) headerBytes[index] = bytes[index] as number;
  return headerBytes;
}

function readUint32(bytes: Uint8Array, offset: number): number {
  return (
    (bytes[offset] as number) * 0x100_0000 +
    (((bytes[offset + 1] as number) << 16) | ((bytes[offset + 2] as number) << 8) | (bytes[offset + 3] as number))
  );
}
