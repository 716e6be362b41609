import type { Direction } from '../../../shared/protocol/frame-record.js';
import type { WireChunkJson } from '../../../shared/contract/capture.js';
import { ChunkedColumn } from './chunked-column.js';

/**
 * Raw socket read and write boundaries, 13 bytes each: a pcapng export writes packets along
 * them, so it needs where the operating system split the stream, not only the frames.
 */
export class WireColumns {
  private readonly atMicros = new ChunkedColumn(Float64Array);
  private readonly byteLength = new ChunkedColumn(Uint32Array);
  private readonly isIn = new ChunkedColumn(Uint8Array);
  private used = 0;

  /** Chunks stored. */
  get length(): number {
    return this.used;
  }

  /** Bytes allocated, for memory accounting. */
  get capacityBytes(): number {
    return this.atMicros.capacity * 13;
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

  /** The chunk at `index` in its file form. */
  get(index: number): WireChunkJson {
    return [this.atMicros.get(index), this.isIn.get(index) === 1 ? 'in' : 'out', this.byteLength.get(index)];
  }
}
