import { constants, deflateRawSync } from 'node:zlib';
import type { MessageDeflater } from '../../../shared/protocol/message-codec.js';
import type { DeflateDirectionParams } from '../../../shared/protocol/permessage-deflate.js';
import { zlibWindowBits } from './window-bits.js';

/** RFC 7692 §7.2.1: the empty stored block a sync flush ends with, removed from every message on the wire. */
const syncFlushTail = new Uint8Array([0x00, 0x00, 0xff, 0xff]);

/** The most a DEFLATE back-reference can reach (RFC 1951 §2.2: 32 KiB). */
const maxWindowBytes = 32 * 1024;

/**
 * The plaintext history a context-takeover stream refers back into (RFC 7692 §7.2.2): the last
 * 32 KiB of every message so far, not just the previous one. Kept in a 64 KiB buffer that slides
 * rarely, so appending a message copies only that message.
 */
class WindowHistory {
  private buffer = Buffer.alloc(2 * maxWindowBytes);
  private end = 0;

  /** The current dictionary, or undefined when there is no history yet. */
  dictionary(): Buffer | undefined {
    return this.end === 0 ? undefined : this.buffer.subarray(Math.max(0, this.end - maxWindowBytes), this.end);
  }

  append(message: Uint8Array): void {
    if (message.length >= maxWindowBytes) {
      this.buffer.set(message.subarray(message.length - maxWindowBytes), 0);
      this.end = maxWindowBytes;
      return;
    }
    if (this.end + message.length > this.buffer.length) {
      const keep = maxWindowBytes - message.length;
      this.buffer.copyWithin(0, this.end - keep, this.end);
      this.end = keep;
    }
    this.buffer.set(message, this.end);
    this.end += message.length;
  }
}

/** Deflates one direction's messages synchronously, with or without context takeover (RFC 7692 §7.2.1). */
export class ZlibDeflater implements MessageDeflater {
  private readonly windowBits: number;
  private readonly level: number;
  private readonly history: WindowHistory | null;

  constructor(params: DeflateDirectionParams, level: number = constants.Z_DEFAULT_COMPRESSION) {
    this.windowBits = zlibWindowBits(params.windowBits);
    this.level = level;
    this.history = params.noContextTakeover ? null : new WindowHistory();
  }

  /** Compresses one message; the `00 00 ff ff` tail is removed (§7.2.1). */
  deflate(message: Uint8Array): Uint8Array {
    const dictionary = this.history?.dictionary();
    const output = deflateRawSync(message, {
      windowBits: this.windowBits,
      level: this.level,
      finishFlush: constants.Z_SYNC_FLUSH,
      ...(dictionary === undefined ? {} : { dictionary }),
    });
    this.history?.append(message);
    return plainBytes(output.subarray(0, endsWithTail(output) ? output.length - syncFlushTail.length : output.length));
  }
}

/** A plain Uint8Array view of a Buffer (no copy): shared/ code must not meet Buffer's view-returning `slice`. */
function plainBytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
}

function endsWithTail(bytes: Uint8Array): boolean {
  const start = bytes.length - syncFlushTail.length;
  return start >= 0 && syncFlushTail.every((byte, i) => bytes[start + i] === byte);
}
