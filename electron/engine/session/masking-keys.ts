import { randomFillSync } from 'node:crypto';

/**
 * §5.3: masking keys must be unpredictable, so they come from the CSPRNG. Keys are drawn in
 * batches because one crypto call per frame is the single largest cost of sending small frames.
 */
export class MaskingKeySource {
  private pool = new Uint8Array(4096);
  private offset = this.pool.length;

  /** A fresh 4-byte key. */
  next(): Uint8Array {
    if (this.offset + 4 > this.pool.length) {
      this.pool = randomFillSync(new Uint8Array(this.pool.length));
      this.offset = 0;
    }
    const key = this.pool.slice(this.offset, this.offset + 4);
    this.offset += 4;
    return key;
  }
}

/** 16 random bytes for Sec-WebSocket-Key (§4.1 item 7). */
export function randomHandshakeKey(): Uint8Array {
  return randomFillSync(new Uint8Array(16));
}
