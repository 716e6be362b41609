import { Z_BUF_ERROR, Z_OK, Z_STREAM_END, Z_SYNC_FLUSH, ZStream, zlibInflate, zlibInflateInit2, zlibInflateReset, zlibInflateResetKeep } from 'pako';
import type { InflateEnd, InflateJob, InflateResult, MessageInflater } from '../../../shared/protocol/message-codec.js';
import type { DeflateDirectionParams } from '../../../shared/protocol/permessage-deflate.js';
import { zlibWindowBits } from './window-bits.js';

/** RFC 7692 §7.2.2: the empty stored block each message's wire form lost, given back before inflating. */
const syncFlushTail = Uint8Array.of(0x00, 0x00, 0xff, 0xff);
// Output is produced into at most this much scratch at a time and handed on; the caller keeps what it needs.
const scratchBytes = 64 * 1024;
// Compressed input fed per call: DEFLATE expands at most about 1032:1, so this bounds a call's output too.
const inputSliceBytes = 16 * 1024;

/**
 * Inflates one direction's messages through one long-lived raw-inflate stream (pako's port of
 * zlib): with context takeover the stream's own 32 KiB window is the history the next message
 * refers back into (RFC 7692 §7.2.2), so nothing is set up per message and no second copy of the
 * plaintext is kept; without it the stream is reset between messages. A message is inflated in
 * steps of bounded output, so its owner can hand the event loop back between steps.
 */
export class StreamInflater implements MessageInflater {
  private readonly stream = new ZStream();
  private readonly scratch: Uint8Array;
  private readonly isContextTakeover: boolean;
  private readonly windowBits: number;
  // How the stream must be reset before the next message: after a failure, after a block with
  // BFINAL set (RFC 7692 §7.2.3.4 allows one; the window still counts with takeover), or never.
  private reset: 'none' | 'keep-window' | 'full' = 'none';

  constructor(params: DeflateDirectionParams) {
    this.windowBits = zlibWindowBits(params.windowBits);
    // zlib accepts a back-reference into the window or into what the current call has written, so
    // scratch no larger than the agreed window keeps a peer that ignores it (RFC 7692 §7.1.2.1,
    // a 15-bit window after agreeing to 9) from going unnoticed inside one large scratch.
    this.scratch = new Uint8Array(Math.min(scratchBytes, 1 << this.windowBits));
    this.isContextTakeover = !params.noContextTakeover;
    zlibInflateInit2(this.stream, -this.windowBits);
  }

  /** Inflates one whole message at once (tail not included); see MessageInflater. */
  inflate(compressed: Uint8Array, maxOutputBytes: number): InflateResult {
    const pieces: Uint8Array[] = [];
    let length = 0;
    const job = this.begin(compressed, maxOutputBytes);
    let end: InflateEnd | null = null;
    while (end === null) {
      end = job.step(Number.MAX_SAFE_INTEGER, (bytes) => {
        pieces.push(bytes.slice());
        length += bytes.length;
      });
    }
    if (!end.ok) return end;
    if (pieces.length === 1) return { ok: true, data: pieces[0] as Uint8Array };
    const data = new Uint8Array(length);
    let offset = 0;
    for (const piece of pieces) {
      data.set(piece, offset);
      offset += piece.length;
    }
    return { ok: true, data };
  }

  /** Starts one message (tail not included); each step inflates about `sliceBytes` more; see MessageInflater. */
  begin(compressed: Uint8Array, maxOutputBytes: number): InflateJob {
    // A message that failed left the stream mid-block; the next one starts from a clean state (its
    // back-references into the lost history then fail as corrupt, which is what they are to us).
    const reset = this.isContextTakeover ? this.reset : 'full';
    if (reset === 'full') zlibInflateReset(this.stream);
    else if (reset === 'keep-window') zlibInflateResetKeep(this.stream);
    this.reset = 'none';
    const inputs = [compressed, syncFlushTail];
    let inputIndex = 0;
    let inputOffset = 0;
    let produced = 0;
    return {
      step: (sliceBytes, onOutput) => {
        let sliceLeft = sliceBytes;
        while (inputIndex < inputs.length) {
          const input = inputs[inputIndex] as Uint8Array;
          const stream = this.stream;
          const feed = Math.min(inputSliceBytes, input.length - inputOffset);
          stream.input = input;
          stream.next_in = inputOffset;
          stream.avail_in = feed;
          // Output until this slice of input is used up: a full scratch means there may be more.
          do {
            stream.output = this.scratch as Uint8Array<ArrayBuffer>;
            stream.next_out = 0;
            stream.avail_out = this.scratch.length;
            const status = zlibInflate(stream, Z_SYNC_FLUSH);
            const count = stream.next_out;
            if (status !== Z_OK && status !== Z_BUF_ERROR && status !== Z_STREAM_END) return this.corrupt(stream.msg);
            produced += count;
            if (produced > maxOutputBytes) return this.tooBig();
            if (count > 0) onOutput(this.scratch.subarray(0, count));
            sliceLeft -= count;
            if (status === Z_STREAM_END) {
              // What follows a final block (the tail we added) is not part of the stream.
              this.reset = 'keep-window';
              return { ok: true, length: produced };
            }
            if (sliceLeft <= 0 && stream.avail_out === 0) {
              // The slice is done mid-input: the stream keeps its state, the next step goes on from here.
              inputOffset = stream.next_in;
              return null;
            }
          } while (stream.avail_out === 0);
          inputOffset = stream.next_in;
          if (inputOffset >= input.length) {
            inputIndex += 1;
            inputOffset = 0;
          }
          if (sliceLeft <= 0 && inputIndex < inputs.length) return null;
        }
        return { ok: true, length: produced };
      },
    };
  }

  private corrupt(detail: string): InflateEnd {
    this.reset = 'full';
    return { ok: false, reason: 'corrupt', detail };
  }

  private tooBig(): InflateEnd {
    this.reset = 'full';
    return { ok: false, reason: 'too-big' };
  }
}
