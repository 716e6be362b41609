import type { DecodedItem } from '../../../shared/protocol/decoded-item.js';
import { FrameDecoder } from '../../../shared/protocol/frame-decoder.js';
import type { FrameDecoderOptions } from '../../../shared/protocol/frame-decoder-options.js';
import type { FrameRecord } from '../../../shared/protocol/frame-record.js';
import type { InflateResult, MessageInflater } from '../../../shared/protocol/message-codec.js';

/** Bytes from hex written the way RFC 6455 §5.7 writes them: `81 05 48 65 6c 6c 6f`. */
export function hex(text: string): Uint8Array {
  const digits = text.replace(/\s+/g, '');
  if (digits.length % 2 !== 0) throw new Error(`odd hex: ${text}`);
  const bytes = new Uint8Array(digits.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(digits.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/** ASCII or UTF-8 text as bytes. */
export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Joins byte arrays. */
export function concat(...parts: Uint8Array[]): Uint8Array {
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Decodes a stream delivered in the given chunks (all stamped with the same time), then ends it. */
export function decodeChunks(chunks: readonly Uint8Array[], options: FrameDecoderOptions, atMicros = 1): DecodedItem[] {
  const decoder = new FrameDecoder(options);
  const items: DecodedItem[] = [];
  for (const chunk of chunks) items.push(...decoder.push(chunk, atMicros));
  items.push(...decoder.finish(atMicros));
  return items;
}

/** Decodes a whole stream in one chunk. */
export function decodeAll(bytes: Uint8Array, options: FrameDecoderOptions): DecodedItem[] {
  return decodeChunks([bytes], options);
}

/** Splits bytes at the given cut points. */
export function splitAt(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts)].filter((cut) => cut > 0 && cut < bytes.length).sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const cut of points) {
    chunks.push(bytes.slice(start, cut));
    start = cut;
  }
  chunks.push(bytes.slice(start));
  return chunks;
}

/** Only the frame records. */
export function framesOf(items: readonly DecodedItem[]): FrameRecord[] {
  return items.filter((item): item is FrameRecord => item.kind === 'frame');
}

/** Items with undecoded bytes merged, so streams cut at different points compare equal. */
export function normalise(items: readonly DecodedItem[]): unknown[] {
  const out: unknown[] = [];
  for (const item of items) {
    const previous = out.at(-1) as { kind?: string; bytes?: Uint8Array } | undefined;
    if (item.kind === 'undecoded' && previous?.kind === 'undecoded' && previous.bytes !== undefined) {
      previous.bytes = concat(previous.bytes, item.bytes);
    } else {
      out.push({ ...item });
    }
  }
  return out;
}

/**
 * A stand-in for the zlib codec: "compressed" bytes are the message XOR 0x5a, a leading 0xff byte
 * means corrupt input. Enough to test when and with what the decoder calls the inflater.
 */
export class XorInflater implements MessageInflater {
  readonly calls: Uint8Array[] = [];

  inflate(compressed: Uint8Array, maxOutputBytes: number): InflateResult {
    this.calls.push(compressed.slice());
    if (compressed[0] === 0xff) return { ok: false, reason: 'corrupt', detail: 'invalid block type' };
    if (compressed.length > maxOutputBytes) return { ok: false, reason: 'too-big' };
    return { ok: true, data: compressed.map((byte) => byte ^ 0x5a) };
  }
}

/** The fake compression matching XorInflater. */
export function xorDeflate(message: Uint8Array): Uint8Array {
  return message.map((byte) => byte ^ 0x5a);
}
