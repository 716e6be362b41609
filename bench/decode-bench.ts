import { encodeFrame } from '../shared/protocol/frame-encoder.js';
import { Opcode } from '../shared/protocol/opcode.js';
import type { FrameDecoderOptions } from '../shared/protocol/frame-decoder-options.js';
import { packChunks, runOurs, runWs, timeBoth, type Workload, type WsReceiverOptions } from './bench-harness.js';

/** One row of the results table. */
export interface BenchResult {
  readonly scenario: string;
  readonly unit: string;
  readonly ours: number;
  readonly ws: number;
  /** Median of paired ratios ours/ws (higher is better for ours). */
  readonly ratio: number;
}

/** One scenario's byte stream and how each decoder is set up for it. */
export interface DecodeCase {
  readonly workload: Workload;
  readonly ours: FrameDecoderOptions;
  readonly ws: WsReceiverOptions;
}

const chunkBytes = 64 * 1024;
const mebibyte = 1024 * 1024;

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

/** (a) 16-byte text frames from a server (2-byte header, 14 ASCII bytes), packed in 64 KiB chunks. */
export async function smallFrames(): Promise<BenchResult> {
  const { workload, ours, ws } = smallFramesCase();
  const { oursSeconds, wsSeconds, ratio } = await timeBoth(
    () => runOurs(workload, ours),
    () => runWs(workload, ws),
    3,
    15,
  );
  return { scenario: '(a) 16-byte server text frames, 64 KiB chunks', unit: 'frames/s', ours: workload.messageCount / oursSeconds, ws: workload.messageCount / wsSeconds, ratio };
}

/** (b) 64 KiB masked binary frames from a client, in 64 KiB chunks (frames straddle chunks). */
export async function maskedFrames(): Promise<BenchResult> {
  const { workload, ours, ws } = maskedFramesCase();
  const { oursSeconds, wsSeconds, ratio } = await timeBoth(
    () => runOurs(workload, ours),
    () => runWs(workload, ws),
    3,
    15,
  );
  const megabytes = workload.byteCount / mebibyte;
  return { scenario: '(b) 64 KiB masked client frames, full payload kept', unit: 'MiB/s', ours: megabytes / oursSeconds, ws: megabytes / wsSeconds, ratio };
}

/**
 * (c) 1 MiB unmasked binary frames from a server, in 64 KiB chunks; `retentionBytes` 1 MiB keeps
 * every byte too. Both sides then copy each payload once into new memory, and whether that memory
 * is fresh (the kernel maps and zeroes 256 pages a MiB) or reused decides much of the time, so the
 * kept case adds a row with each side's page faults per run.
 */
export async function largeFrames(retentionBytes: number, label: string): Promise<BenchResult[]> {
  const { workload, ours, ws } = largeFramesCase(retentionBytes);
  const timing = await timeBoth(
    () => runOurs(workload, ours),
    () => runWs(workload, ws),
    3,
    15,
  );
  const megabytes = workload.byteCount / mebibyte;
  const scenario = `(c) 1 MiB server frames, ${label}`;
  const result = { scenario, unit: 'MiB/s', ours: megabytes / timing.oursSeconds, ws: megabytes / timing.wsSeconds, ratio: timing.ratio };
  if (retentionBytes < mebibyte) return [result];
  return [result, { scenario: `${scenario}: page faults per run (64 MiB is 16,384 pages)`, unit: 'faults', ours: timing.oursFaults, ws: timing.wsFaults, ratio: Number.NaN }];
}
