import { ChunkedColumn } from './chunked-column.js';
import type { PrefaultLease } from './page-prefaulter.js';
import { RisingColumn } from './rising-column.js';

/**
 * The fixed fields of every record, one chunked column per field (DESIGN.md "Performance
 * principles"): 19 bytes per record instead of a JS object each, 15 when no frame of a chunk was
 * masked (a server's frames); offsets and times take 4 bytes each (rising-column.ts). Retained
 * payload lengths are not stored: they are the distance to the next record's offset, because the
 * arena is filled in `seq` order; nor are declared payload lengths when they equal the retained
 * one (the log keeps the others in a sparse column, and in its side table one that a frame claims
 * against its own bytes). Header bytes are not stored either when they are the canonical encoding
 * of the fields (record-header.ts); the rare other ones live in the log's side table.
 */
export class RecordColumns {
  /** Microseconds since session start. */
  readonly atMicros: RisingColumn;
  /** Where the record's bytes start in the payload arena (payload, then inflated payload). */
  readonly payloadOffset: RisingColumn;
  readonly messageId: ChunkedColumn<Uint32Array>;
  /** The masking key as a big-endian 32-bit number; chunks without a masked frame take no memory. */
  readonly maskingKey: ChunkedColumn<Uint32Array>;
  /** See record-flags.ts. */
  readonly flags: ChunkedColumn<Uint16Array>;
  readonly opcode: ChunkedColumn<Uint8Array>;
  private readonly all: readonly (RisingColumn | ChunkedColumn<Uint32Array | Uint16Array | Uint8Array>)[];
  private capacity: number;
  private used = 0;

  /** `prefaults`: where full chunks come from with their pages mapped (page-prefaulter.ts). */
  constructor(prefaults: PrefaultLease | null = null) {
    this.atMicros = new RisingColumn(prefaults);
    this.payloadOffset = new RisingColumn(prefaults);
    this.messageId = new ChunkedColumn(Uint32Array, false, prefaults);
    this.maskingKey = new ChunkedColumn(Uint32Array, true, prefaults);
    this.flags = new ChunkedColumn(Uint16Array, false, prefaults);
    this.opcode = new ChunkedColumn(Uint8Array, false, prefaults);
    this.all = [this.atMicros, this.payloadOffset, this.messageId, this.maskingKey, this.flags, this.opcode];
    this.capacity = this.atMicros.capacity;
  }

  /** Records stored. */
  get length(): number {
    return this.used;
  }

  /** Bytes allocated across all columns, for memory accounting. */
  get capacityBytes(): number {
    let bytes = 0;
    for (const column of this.all) bytes += column.capacityBytes;
    return bytes;
  }

  /** Frees every field's whole chunks before `index` (ChunkedColumn.releaseBefore). */
  releaseBefore(index: number): void {
    for (const column of this.all) column.releaseBefore(index);
  }

  /** Reserves the next index (all fields zero) and returns it. */
  add(): number {
    const index = this.used;
    if (index === this.capacity) {
      for (const column of this.all) column.reserve(index);
      this.capacity = this.atMicros.capacity;
    }
    this.used += 1;
    return index;
  }
}
