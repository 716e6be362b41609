/**
 * The fixed fields of every record, one typed array per field, grown together by doubling
 * (DESIGN.md "Performance principles"): 39 bytes per record instead of a JS object each.
 * Retained payload and header lengths are not stored: they are the distance to the next
 * record's offset, because both arenas are filled in `seq` order.
 */
export class RecordColumns {
  /** Microseconds since session start. */
  atMicros: Float64Array;
  /** Declared payload length (frames). */
  payloadLength: Float64Array;
  /** Where the record's bytes start in the payload arena (payload, then inflated payload). */
  payloadOffset: Float64Array;
  /** Where the frame's header bytes start in the header buffer. */
  headerOffset: Uint32Array;
  messageId: Uint32Array;
  /** The masking key as a big-endian 32-bit number. */
  maskingKey: Uint32Array;
  /** See record-flags.ts. */
  flags: Uint16Array;
  opcode: Uint8Array;
  private used = 0;

  constructor(initialCapacity = 1024) {
    this.atMicros = new Float64Array(initialCapacity);
    this.payloadLength = new Float64Array(initialCapacity);
    this.payloadOffset = new Float64Array(initialCapacity);
    this.headerOffset = new Uint32Array(initialCapacity);
    this.messageId = new Uint32Array(initialCapacity);
    this.maskingKey = new Uint32Array(initialCapacity);
    this.flags = new Uint16Array(initialCapacity);
    this.opcode = new Uint8Array(initialCapacity);
  }

  /** Records stored. */
  get length(): number {
    return this.used;
  }

  /** Bytes allocated across all columns, for memory accounting. */
  get capacityBytes(): number {
    return this.atMicros.length * RecordColumns.bytesPerRecord;
  }

  /** The column bytes one record costs. */
  static readonly bytesPerRecord = 8 + 8 + 8 + 4 + 4 + 4 + 2 + 1;

  /** Reserves the next index (zeroed fields) and returns it. */
  add(): number {
    if (this.used === this.atMicros.length) this.grow(this.used * 2);
    const index = this.used;
    this.used += 1;
    return index;
  }

  private grow(capacity: number): void {
    this.atMicros = copyInto(new Float64Array(capacity), this.atMicros);
    this.payloadLength = copyInto(new Float64Array(capacity), this.payloadLength);
    this.payloadOffset = copyInto(new Float64Array(capacity), this.payloadOffset);
    this.headerOffset = copyInto(new Uint32Array(capacity), this.headerOffset);
    this.messageId = copyInto(new Uint32Array(capacity), this.messageId);
    this.maskingKey = copyInto(new Uint32Array(capacity), this.maskingKey);
    this.flags = copyInto(new Uint16Array(capacity), this.flags);
    this.opcode = copyInto(new Uint8Array(capacity), this.opcode);
  }
}

function copyInto<T extends Float64Array | Uint32Array | Uint16Array | Uint8Array>(target: T, source: T): T {
  target.set(source);
  return target;
}
