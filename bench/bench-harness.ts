import { isUtf8 } from 'node:buffer';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { unzeroedBytes } from '../electron/engine/connection/unzeroed-bytes.js';
import { FrameDecoder } from '../shared/protocol/frame-decoder.js';
import type { FrameDecoderOptions } from '../shared/protocol/frame-decoder-options.js';

/** The part of ws's Receiver (a Writable) the benchmark drives. */
export interface WsReceiver {
  write(chunk: Buffer): boolean;
  on(event: 'message' | 'ping' | 'pong' | 'error', listener: (...args: unknown[]) => void): void;
}

/** The constructor options of ws's Receiver that the scenarios use. */
export interface WsReceiverOptions {
  readonly isServer: boolean;
  readonly maxPayload?: number;
  readonly extensions?: Record<string, unknown>;
}

// ws's package exports hide lib/; resolve the package entry and load its Receiver by file path.
const require = createRequire(import.meta.url);
const wsLib = join(dirname(require.resolve('ws')), 'lib');
const Receiver = require(join(wsLib, 'receiver.js')) as new (options: WsReceiverOptions) => WsReceiver;
const PerMessageDeflate = require(join(wsLib, 'permessage-deflate.js')) as new (
  options: Record<string, unknown>,
  isServer: boolean,
  maxPayload: number,
) => { accept(offers: Record<string, unknown>[]): unknown };

/** A ws client-side permessage-deflate extension that accepted a default offer (context takeover both ways). */
export function wsClientDeflate(): Record<string, unknown> {
  const extension = new PerMessageDeflate({}, false, 0);
  extension.accept([{}]);
  return { 'permessage-deflate': extension };
}

/** One byte stream as both decoders receive it: the same memory, as Buffers for ws. */
export interface Workload {
  readonly chunks: readonly Buffer[];
  readonly messageCount: number;
  readonly byteCount: number;
}

/** Concatenates frames and cuts the stream into fixed-size chunks, as a socket would deliver it. */
export function packChunks(frames: readonly Uint8Array[], chunkBytes: number): Workload {
  const total = frames.reduce((sum, frame) => sum + frame.length, 0);
  const stream = Buffer.alloc(total);
  let offset = 0;
  for (const frame of frames) {
    stream.set(frame, offset);
    offset += frame.length;
  }
  const chunks: Buffer[] = [];
  for (let start = 0; start < total; start += chunkBytes) chunks.push(stream.subarray(start, start + chunkBytes));
  return { chunks, messageCount: frames.length, byteCount: total };
}

/** A frame decoder class: ours, or another version of it for an A/B (`bench/decode-gc-probe.ts --decoder`). */
export type DecoderClass = new (options: FrameDecoderOptions) => Pick<FrameDecoder, 'push'>;

/** Decodes the workload with our decoder, given the allocator and UTF-8 validator the engine gives it; returns the number of frame records. */
export function runOurs(workload: Workload, options: FrameDecoderOptions, Decoder: DecoderClass = FrameDecoder): number {
  const decoder = new Decoder({ allocateBytes: unzeroedBytes, isUtf8, ...options });
  let frames = 0;
  let at = 0;
  for (const chunk of workload.chunks) {
    for (const item of decoder.push(chunk, at++)) if (item.kind === 'frame') frames++;
  }
  if (frames !== workload.messageCount) throw new Error(`ours decoded ${frames} of ${workload.messageCount} frames`);
  return frames;
}

/** Decodes the workload with ws's Receiver; resolves once every message event has fired. */
export function runWs(workload: Workload, options: WsReceiverOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const receiver = new Receiver(options);
    let messages = 0;
    receiver.on('error', reject);
    receiver.on('message', () => {
      if (++messages === workload.messageCount) resolve(messages);
    });
    for (const chunk of workload.chunks) receiver.write(chunk);
  });
}

/** Median seconds per run for each decoder, and the median of the per-pair speed ratios (ours/ws). */
export interface Timing {
  readonly oursSeconds: number;
  readonly wsSeconds: number;
  readonly ratio: number;
  /** Median minor page faults per timed run: fresh memory the kernel had to map (zero-filled pages). */
  readonly oursFaults: number;
  readonly wsFaults: number;
}

const minorFaults = (): number => process.resourceUsage().minorPageFault;

/**
 * Warm-up runs first, then measured runs with ours and ws interleaved, so a noisy neighbour slows
 * both sides of a pair alike; the ratio is the median over pairs, which that noise moves least.
 */
export async function timeBoth(ours: () => unknown, ws: () => Promise<unknown>, warmups: number, iterations: number): Promise<Timing> {
  for (let i = 0; i < warmups; i++) {
    ours();
    await ws();
  }
  const oursTimes: number[] = [];
  const wsTimes: number[] = [];
  const oursFaults: number[] = [];
  const wsFaults: number[] = [];
  for (let i = 0; i < iterations; i++) {
    let faults = minorFaults();
    let start = performance.now();
    ours();
    oursTimes.push(performance.now() - start);
    oursFaults.push(minorFaults() - faults);
    faults = minorFaults();
    start = performance.now();
    await ws();
    wsTimes.push(performance.now() - start);
    wsFaults.push(minorFaults() - faults);
  }
  const ratios = oursTimes.map((oursTime, i) => (wsTimes[i] as number) / oursTime);
  return { oursSeconds: median(oursTimes) / 1000, wsSeconds: median(wsTimes) / 1000, ratio: median(ratios), oursFaults: median(oursFaults), wsFaults: median(wsFaults) };
}

/** The middle value (upper middle for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}
