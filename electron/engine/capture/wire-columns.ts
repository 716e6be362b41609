import type { Direction } from '../../../shared/protocol/frame-record.js';
import type { WireChunkJson } from '../../../shared/contract/capture.js';

/**
 * Raw socket read and write boundaries, 13 bytes each: a pcapng export writes one packet per
 * chunk, so it needs where the operating system split the stream, not only the frames.
 */
export class WireColumns {
  private atMicros = new Float64Array(256);
  private byteLength = new Uint32Array(256);
  private isIn = new Uint8Array(256);
  private used = 0;

  /** Chunks stored. */
  get length(): number {
    return this.used;
  }

  /** Bytes allocated, for memory accounting. */
  get capacityBytes(): number {
    return this.atMicros.length * 13;
  }

  /** Appends one chunk boundary. */
  append(direction: Direction, atMicros: number, byteLength: number): void {
    if (this.used === this.atMicros.length) this.grow(this.used * 2);
    this.atMicros[this.used] = atMicros;
    this.byteLength[this.used] = byteLength;
    this.isIn[this.used] = direction === 'in' ? 1 : 0;
    this.used += 1;
  }

  /** The chunk at `index` in its file form. */
  get(index: number): WireChunkJson {
    return [this.atMicros[index] as number, this.isIn[index] === 1 ? 'in' : 'out', this.byteLength[index] as number];
  }

  private grow(capacity: number): void {
    const atMicros = new Float64Array(capacity);
    const byteLength = new Uint32Array(capacity);
    const isIn = new Uint8Array(capacity);
    atMicros.set(this.atMicros);
    byteLength.set(this.byteLength);
    isIn.set(this.isIn);
    this.atMicros = atMicros;
    this.byteLength = byteLength;
    this.isIn = isIn;
  }
}
