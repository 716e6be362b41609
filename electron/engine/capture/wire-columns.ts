import type { Direction } from '../../../shared/protocol/frame-record.js';
import type { WireChunkJson } from '../../../shared/contract/capture.js';
import { ChunkedColumn, chunkShift } from './chunked-column.js';

/**
 * Raw socket read and write boundaries, 13 bytes each: a pcapng export writes packets along
 * them, so it needs where the operating system split the stream, not only the frames.
 */
export class WireColumns {
  private readonly atMicros = new ChunkedColumn(Float64Array);
  private readonly byteLength = new ChunkedColumn(Uint32Array);
  private readonly isIn = new ChunkedColumn(Uint8Array);
  private used = 0;
  private released = 0;

  /** Chunks stored. */
  get length(): number {
    return this.used;
  }

  /** Bytes allocated, for memory accounting. */
  get capacityBytes(): number {
    return this.atMicros.capacityBytes + this.byteLength.capacityBytes + this.isIn.capacityBytes;
  }

  /** Appends one chunk boundary. */
  append(direction: Direction, atMicros: number, byteLength: number): void {
    const index = this.used;
    this.atMicros.reserve(index);
    this.byteLength.reserve(index);
    this.isIn.reserve(index);
    this.atMicros.set(index, atMicros);
    this.byteLength.set(index, byteLength);
    this.isIn.set(index, direction === 'in' ? 1 : 0);
    this.used += 1;
  }

  /**
   * Frees the whole column chunks of the boundaries recorded before `atMicros` (an owner let go
   * of the records from then, so no export will ask for them); the boundaries of a partly
   * released chunk stay readable.
   */
  releaseRecordedBefore(atMicros: number): void {
    let low = this.released;
    let high = this.used;
    // The first boundary at or after `atMicros`: times only grow.
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.atMicros.get(middle) < atMicros) low = middle + 1;
      else high = middle;
    }
    const end = (low >>> chunkShift) << chunkShift;
    if (end <= this.released) return;
    this.atMicros.releaseBefore(end);
    this.byteLength.releaseBefore(end);
    this.isIn.releaseBefore(end);
    this.released = end;
  }

  /** The chunk at `index` in its file form. */
  get(index: number): WireChunkJson {
    if (index < this.released) throw new RangeError(`wire chunk ${index} was released`);
    return [this.atMicros.get(index), this.isIn.get(index) === 1 ? 'in' : 'out', this.byteLength.get(index)];
  }
}
