import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import type { FrameRecordJson } from '../../../shared/contract/records.js';

/** The frame fields both tshark and our records state, in one comparable shape. */
export interface ComparableFrame {
  readonly direction: 'in' | 'out';
  readonly fin: boolean;
  readonly rsv1: boolean;
  readonly opcode: number;
  readonly masked: boolean;
  readonly payloadLength: number;
  /** sha256 of the unmasked payload bytes, so a failure does not print megabytes. */
  readonly payloadSha256: string;
}

type Layer = Record<string, unknown>;

/** Every WebSocket frame tshark dissects in `path` (`-Y websocket -T json`), in packet order. */
export function tsharkFrames(path: string, serverPort: number): ComparableFrame[] {
  const json = execFileSync('tshark', ['-r', path, '-Y', 'websocket', '-T', 'json', '-x', '--no-duplicate-keys'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'ignore'],
    timeout: 30_000,
  });
  const packets = JSON.parse(json) as { _source: { layers: Layer } }[];
  return packets.flatMap((packet) => {
    const layers = packet._source.layers;
    const tcp = layers['tcp'] as Layer;
    const direction = Number(tcp['tcp.dstport']) === serverPort ? 'out' : 'in';
    const websocket = layers['websocket'] as Layer | Layer[];
    return (Array.isArray(websocket) ? websocket : [websocket]).map((frame) => ({
      direction,
      fin: frame['websocket.fin'] === '1',
      rsv1: (Number(frame['websocket.rsv']) & 0x4) !== 0,
      opcode: Number(frame['websocket.opcode']),
      masked: frame['websocket.mask'] === '1',
      // The 7-bit field says 126 or 127 when an extended length follows (RFC 6455 §5.2).
      payloadLength: Number(frame['websocket.payload_length_ext_64'] ?? frame['websocket.payload_length_ext_16'] ?? frame['websocket.payload_length']),
      payloadSha256: sha256(Buffer.from(((frame['websocket.payload_raw'] as unknown[] | undefined)?.[0] as string | undefined) ?? '', 'hex')),
    }));
  });
}

/** Our frame records in the same shape. */
export function recordFrames(frames: readonly FrameRecordJson[]): ComparableFrame[] {
  return frames.map((frame) => ({
    direction: frame.direction,
    fin: frame.fin,
    rsv1: frame.rsv1,
    opcode: frame.opcode,
    masked: frame.masked,
    payloadLength: frame.payloadLength,
    payloadSha256: sha256(Buffer.from(frame.payload, 'base64')),
  }));
}

/** Frames of one direction, in order (tshark lists packets by time, records by seq; each direction's order is the same). */
export function ofDirection(frames: readonly ComparableFrame[], direction: 'in' | 'out'): ComparableFrame[] {
  return frames.filter((frame) => frame.direction === direction);
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
