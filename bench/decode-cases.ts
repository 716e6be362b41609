import { encodeFrame } from '../shared/protocol/frame-encoder.js';
import { Opcode } from '../shared/protocol/opcode.js';
import type { FrameDecoderOptions } from '../shared/protocol/frame-decoder-options.js';
import { packChunks, type Workload, type WsReceiverOptions } from './bench-harness.js';

/** One scenario's byte stream and how each decoder is set up for it. */
export interface DecodeCase {
  readonly workload: Workload;
  readonly ours: FrameDecoderOptions;
  readonly ws: WsReceiverOptions;
}

const chunkBytes = 64 * 1024;
export const mebibyte = 1024 * 1024;

/** The stream of (a): 500,000 16-byte text frames from a server. */
export function smallFramesCase(): DecodeCase {
  const frame = encodeFrame({ opcode: Opcode.text, payload: new TextEncoder().encode('{"n":12345678}') });
  const workload = packChunks(Array.from({ length: 500_000 }, () => frame), chunkBytes);
  return { workload, ours: { role: 'server' }, ws: { isServer: false } };
}

/** The stream of (b): 512 masked 64 KiB binary frames from a client, each payload kept whole. */
export function maskedFramesCase(): DecodeCase {
  const payload = new Uint8Array(64 * 1024).map((_, i) => i * 7);
  const frames = Array.from({ length: 512 }, (_, i) => encodeFrame({ opcode: Opcode.binary, payload, maskingKey: Uint8Array.of(i, 0x5a, 0xc3, 0x11) }));
  return { workload: packChunks(frames, chunkBytes), ours: { role: 'client', payloadRetentionBytes: payload.length }, ws: { isServer: true } };
}

/** The stream of (c): 64 unmasked 1 MiB binary frames from a server, `retentionBytes` of each payload kept. */
export function largeFramesCase(retentionBytes: number): DecodeCase {
  const payload = new Uint8Array(mebibyte).map((_, i) => i * 13);
  const frame = encodeFrame({ opcode: Opcode.binary, payload });
  const workload = packChunks(Array.from({ length: 64 }, () => frame), chunkBytes);
  return { workload, ours: { role: 'server', payloadRetentionBytes: retentionBytes }, ws: { isServer: false } };
}

/** The decode scenarios by the name a child process (`decode-side.ts`) or the GC probe is given. */
export const decodeCases = {
  a: smallFramesCase,
  b: maskedFramesCase,
  c: () => largeFramesCase(mebibyte),
  c64: () => largeFramesCase(64 * 1024),
} satisfies Record<string, () => DecodeCase>;

export type DecodeCaseName = keyof typeof decodeCases;

export function isDecodeCaseName(name: string): name is DecodeCaseName {
  return Object.hasOwn(decodeCases, name);
}
