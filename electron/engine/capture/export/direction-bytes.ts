import type { Direction } from '../../../../shared/protocol/frame-record.js';
import { applyMask } from '../../../../shared/protocol/masking.js';
import type { RecordJson } from '../../../../shared/contract/records.js';
import { fromBase64 } from '../byte-text.js';

/** A run of bytes of one direction: known bytes, or a gap of bytes Frameline did not keep. */
type Piece = { readonly kind: 'bytes'; readonly bytes: Uint8Array } | { readonly kind: 'gap'; readonly length: number; readonly seq: number };

/** Bytes taken from one direction for one packet, with what had to be filled in. */
export interface TakenBytes {
  readonly bytes: Uint8Array;
  /** Zero-filled bytes of payloads cut by the retention limit, by frame seq. */
  readonly truncatedFrames: readonly number[];
  readonly zeroFilledBytes: number;
  /** Bytes the socket carried that no record accounts for (zero-filled). */
  readonly unrecordedBytes: number;
}

/**
 * The exact byte stream of one direction, rebuilt from the records in seq order: the raw
 * handshake request (out) or response (in), then each frame's header bytes and payload, masked
 * again with its key when it was masked on the wire. Pieces are produced lazily from the records,
 * so only the bytes of the packet being written are in memory.
 */
export class DirectionBytes {
  private readonly pieces: AsyncIterator<Piece>;
  private current: Piece | null = null;
  private offset = 0;
  private isDone = false;

  constructor(records: AsyncIterable<RecordJson[]>, direction: Direction) {
    this.pieces = piecesOf(records, direction)[Symbol.asyncIterator]();
  }

  /** The next `length` bytes; past the end of what the records hold, zero-filled and counted as unrecorded. */
  async take(length: number): Promise<TakenBytes> {
    const bytes = new Uint8Array(length);
    const truncatedFrames: number[] = [];
    let zeroFilledBytes = 0;
    let filled = 0;
    while (filled < length) {
      const piece = await this.currentPiece();
      if (piece === null) break;
      const available = (piece.kind === 'bytes' ? piece.bytes.byteLength : piece.length) - this.offset;
      const count = Math.min(available, length - filled);
      if (piece.kind === 'bytes') bytes.set(piece.bytes.subarray(this.offset, this.offset + count), filled);
      else {
        zeroFilledBytes += count;
        if (!truncatedFrames.includes(piece.seq)) truncatedFrames.push(piece.seq);
      }
      filled += count;
      this.offset += count;
    }
    return { bytes, truncatedFrames, zeroFilledBytes, unrecordedBytes: length - filled };
  }

  /** Known bytes the records hold beyond what was taken (gaps not counted), drained. */
  async rest(): Promise<Uint8Array> {
    const parts: Uint8Array[] = [];
    for (let piece = await this.currentPiece(); piece !== null; piece = await this.currentPiece()) {
      if (piece.kind === 'bytes') parts.push(piece.bytes.subarray(this.offset));
      this.current = null;
    }
    return Buffer.concat(parts);
  }

  private async currentPiece(): Promise<Piece | null> {
    while (!this.isDone) {
      if (this.current !== null && this.offset < pieceLength(this.current)) return this.current;
      const next = await this.pieces.next();
      if (next.done) this.isDone = true;
      else {
        this.current = next.value;
        this.offset = 0;
      }
    }
    return null;
  }
}

function pieceLength(piece: Piece): number {
  return piece.kind === 'bytes' ? piece.bytes.byteLength : piece.length;
}

async function* piecesOf(records: AsyncIterable<RecordJson[]>, direction: Direction): AsyncGenerator<Piece> {
  for await (const slice of records) {
    for (const record of slice) {
      if (record.kind === 'handshake') {
        const raw = direction === 'out' ? record.request.raw : record.response?.raw;
        if (raw !== undefined) yield { kind: 'bytes', bytes: fromBase64(raw) };
      } else if (record.kind === 'frame' && record.direction === direction) {
        yield { kind: 'bytes', bytes: fromBase64(record.headerBytes) };
        const payload = Uint8Array.from(fromBase64(record.payload));
        if (record.maskingKey !== null) applyMask(payload, Buffer.from(record.maskingKey, 'hex'));
        if (payload.byteLength > 0) yield { kind: 'bytes', bytes: payload };
        const missing = record.payloadLength - payload.byteLength;
        if (missing > 0) yield { kind: 'gap', length: missing, seq: record.seq };
      }
    }
  }
}
