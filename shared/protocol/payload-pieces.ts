import { copyBytes, zeroFilledBytes, type ByteAllocator } from './copy-bytes.js';

const noBytes = new Uint8Array(0);

/**
 * The retained part of a payload that arrives over several chunks. Pieces are held as they come
 * (views of input chunks, or unmasked copies) and joined into one buffer of the exact size when the
 * frame ends, so each byte is copied once and nothing is allocated for bytes that never arrived.
 */
export class PayloadPieces {
  private readonly pieces: Uint8Array[] = [];
  private isSingleOwned = false;
  private length = 0;

  /** Bytes held. */
  get byteLength(): number {
    return this.length;
  }

  /** Holds one piece; `isOwned` says it is a private copy that may become the result as is. */
  add(piece: Uint8Array, isOwned: boolean): void {
    this.pieces.push(piece);
    this.length += piece.length;
    this.isSingleOwned = this.pieces.length === 1 && isOwned;
  }

  /** The pieces as one owned buffer, made by `allocate` when they must be joined or copied. */
  toBytes(allocate: ByteAllocator = zeroFilledBytes): Uint8Array {
    const pieces = this.pieces;
    if (pieces.length === 0) return noBytes;
    if (pieces.length === 1) return this.isSingleOwned ? (pieces[0] as Uint8Array) : copyBytes(pieces[0] as Uint8Array, 0, (pieces[0] as Uint8Array).length, allocate);
    // Every byte of the joined buffer is written below, so it need not be zero-filled first.
    const joined = allocate(this.length);
    let offset = 0;
    for (const piece of pieces) {
      joined.set(piece, offset);
      offset += piece.length;
    }
    return joined;
  }
}
