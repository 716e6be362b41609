import type { CapturedFrame } from './captured-record.js';
import type { SlabSpan } from './payload-arena.js';

type RareField = 'inflatedPayload' | 'closeCode' | 'closeReason' | 'rttMicros' | 'redacted' | 'leg' | 'link';

/** A frame whose every field, the rare ones included, may be rewritten: the scratch's one object keeps one shape. */
export type RewritableFrame = { -readonly [K in keyof CapturedFrame]: K extends RareField ? CapturedFrame[K] | undefined : CapturedFrame[K] };

const maxHeaderBytes = 14;
const noBytes = new Uint8Array(0);

/**
 * A scratch frame whose payload view is made only when someone reads `payload`: the --json
 * writer reads the span instead (`scratchPayloadSpan`), which saves a Uint8Array per record (issue
 * 12). A class, so the getter lives on the prototype and the frame keeps fast properties; the
 * span and view are private fields, so a copy of the frame never carries them.
 */
class LazyPayloadFrame {
  readonly kind = 'frame' as const;
  seq = 0;
  atMicros = 0;
  direction: CapturedFrame['direction'] = 'in';
  fin = false;
  rsv1 = false;
  rsv2 = false;
  rsv3 = false;
  opcode = 0;
  masked = false;
  maskingKey: Uint8Array | null = null;
  payloadLength = 0;
  headerBytes: Uint8Array = noBytes;
  payloadTruncated = false;
  messageId = 0;
  fragment: CapturedFrame['fragment'] = 'whole';
  inflatedPayload: Uint8Array | undefined = undefined;
  closeCode: number | undefined = undefined;
  closeReason: string | undefined = undefined;
  rttMicros: number | undefined = undefined;
  violations: CapturedFrame['violations'] = [];
  redacted: true | undefined = undefined;
  leg: CapturedFrame['leg'] = undefined;
  link: number | undefined = undefined;
  readonly #span: SlabSpan;
  #view: Uint8Array | null = noBytes;

  constructor(span: SlabSpan) {
    this.#span = span;
  }

  get payload(): Uint8Array {
    return (this.#view ??= viewOf(this.#span));
  }

  set payload(bytes: Uint8Array) {
    this.#view = bytes;
  }

  /** The payload is the span, just filled in; its view is made on first read. */
  pointAtSpan(): void {
    this.#view = null;
  }

  /** The span while no view of the payload was set or made, else null. */
  get unviewedSpan(): SlabSpan | null {
    return this.#view === null ? this.#span : null;
  }
}

/**
 * One frame object and its header and key buffers, refilled by `CaptureLog.readRecord` for each
 * record a reader goes through in order (the CLI printer, exports), so reading a million frames
 * allocates no frame, header or key per record. What it hands out is valid until the next read.
 */
export class FrameScratch {
  /** Where the frame's payload lies in the log, for `CaptureLog` to fill in before `pointPayloadAtSpan`. */
  readonly payloadSpan: SlabSpan = { slab: noBytes, start: 0, end: 0 };
  /** The frame the log refills. */
  readonly frame: RewritableFrame;

  /**
   * `lazyPayload`: the frame's payload view is made only when read, for a reader that mostly
   * writes it as base64 (the CLI printer); `payload` is then a getter, not an own property, so
   * a reader that copies the frame with spread or `Object.entries` must name it (as `heldFrame` does).
   */
  constructor(lazyPayload = false) {
    this.frame = lazyPayload ? (new LazyPayloadFrame(this.payloadSpan) as RewritableFrame) : plainFrame();
  }

  /** The frame's payload is `payloadSpan`, just filled in. */
  pointPayloadAtSpan(): void {
    const frame = this.frame;
    if (frame instanceof LazyPayloadFrame) frame.pointAtSpan();
    else frame.payload = viewOf(this.payloadSpan);
  }

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
  const held: Record<string, unknown> = { ...frame, payload: frame.payload, headerBytes: frame.headerBytes.slice(), maskingKey: frame.maskingKey?.slice() ?? null };
  for (const key of Object.keys(held)) if (held[key] === undefined) delete held[key];
  return held as unknown as CapturedFrame;
}

/**
 * Where the payload of `frame` lies in the log, when it is a lazy scratch frame whose payload view
 * was not made yet (a writer then reads the bytes from there without one), else null.
 */
export function scratchPayloadSpan(frame: CapturedFrame): SlabSpan | null {
  return frame instanceof LazyPayloadFrame ? frame.unviewedSpan : null;
}

function plainFrame(): RewritableFrame {
  return {
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
}

function viewOf(span: SlabSpan): Uint8Array {
  const slab = span.slab;
  return new Uint8Array(slab.buffer, slab.byteOffset + span.start, span.end - span.start);
}
