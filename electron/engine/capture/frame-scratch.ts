import type { CapturedFrame } from './captured-record.js';

type RareField = 'inflatedPayload' | 'closeCode' | 'closeReason' | 'rttMicros' | 'redacted' | 'leg' | 'link';

/** A frame whose every field, the rare ones included, may be rewritten: the scratch's one object keeps one shape. */
export type RewritableFrame = { -readonly [K in keyof CapturedFrame]: K extends RareField ? CapturedFrame[K] | undefined : CapturedFrame[K] };

const maxHeaderBytes = 14;

/**
 * One frame object and its header and key buffers, refilled by `CaptureLog.readRecord` for each
 * record a reader goes through in order (the CLI printer, exports), so reading a million frames
 * allocates no frame, header or key per record. What it hands out is valid until the next read.
 */
export class FrameScratch {
  /** The frame the log refills. */
  readonly frame: RewritableFrame = {
    kind: 'frame',
    seq: 0,
    atMicros: 0,
    direction: 'in',
    fin: false,
    rsv1: false,
    rsv2: false,
    rsv3: false,
    opcode: 0,
    masked: false,
    maskingKey: null,
    payloadLength: 0,
    headerBytes: new Uint8Array(0),
    payload: new Uint8Array(0),
    payloadTruncated: false,
    messageId: 0,
    fragment: 'whole',
    inflatedPayload: undefined,
    closeCode: undefined,
    closeReason: undefined,
    rttMicros: undefined,
    violations: [],
    redacted: undefined,
    leg: undefined,
    link: undefined,
  };
  private readonly header = new Uint8Array(maxHeaderBytes);
  // One view per header length (2–14), made once.
  private readonly headerViews = Array.from({ length: maxHeaderBytes + 1 }, (_, length) => this.header.subarray(0, length));
  private readonly key = new Uint8Array(4);

  /** The header buffer as `length` bytes, to be written by the caller. */
  headerOf(length: number): Uint8Array {
    return this.headerViews[length] as Uint8Array;
  }

  /** The key column's number as the 4 key bytes, most significant first. */
  keyOf(key: number): Uint8Array {
    const bytes = this.key;
    bytes[0] = key >>> 24;
    bytes[1] = (key >>> 16) & 0xff;
    bytes[2] = (key >>> 8) & 0xff;
    bytes[3] = key & 0xff;
    return bytes;
  }

  /** Clears the fields a frame has only sometimes, before the next frame is filled in. */
  clearRareFields(): void {
    const frame = this.frame;
    frame.inflatedPayload = undefined;
    frame.closeCode = undefined;
    frame.closeReason = undefined;
    frame.rttMicros = undefined;
    frame.redacted = undefined;
    frame.leg = undefined;
    frame.link = undefined;
  }
}

/**
 * A frame that stays as it is after the next read: `frame` (perhaps a scratch's, whose header and
 * key buffers are refilled) with its own header and key bytes, rare fields only when present.
 * Payload views point into the log, which never changes them.
 */
export function heldFrame(frame: CapturedFrame): CapturedFrame {
  const held: Record<string, unknown> = { ...frame, headerBytes: frame.headerBytes.slice(), maskingKey: frame.maskingKey?.slice() ?? null };
  for (const key of Object.keys(held)) if (held[key] === undefined) delete held[key];
  return held as unknown as CapturedFrame;
}
