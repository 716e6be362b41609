import type { OpcodeValue } from './opcode.js';
import type { Violation } from './violation.js';

/** Which endpoint wrote the bytes: `out` is client→server, `in` is server→client (from the dialer's view). */
export type Direction = 'in' | 'out';

/** Where a frame sits in its message (§5.4). Control frames are always `whole`. */
export type FragmentPosition = 'whole' | 'first' | 'middle' | 'last';

/**
 * One decoded frame exactly as it crossed the wire (DESIGN.md "The record model").
 * Bytes are kept; text, JSON and hex views are derived elsewhere (STYLE.md §3).
 */
export interface FrameRecord {
  readonly kind: 'frame';
  /** Microseconds since session start, from the chunk that completed the frame header. */
  readonly atMicros: number;
  readonly fin: boolean;
  readonly rsv1: boolean;
  readonly rsv2: boolean;
  readonly rsv3: boolean;
  readonly opcode: OpcodeValue;
  readonly masked: boolean;
  /** The 4-byte masking key when `masked`, else null. */
  readonly maskingKey: Uint8Array | null;
  /** The declared payload length (exact up to 2^53−1; larger declared lengths also carry `length-msb-set` or `payload-too-big`). */
  readonly payloadLength: number;
  /** The 2–14 header bytes as received; read-only: records with the same 2-byte header share one array. */
  readonly headerBytes: Uint8Array;
  /** Unmasked payload bytes, at most the retention cap. */
  readonly payload: Uint8Array;
  /** True when `payload` holds fewer bytes than `payloadLength` (cap reached or stream ended). */
  readonly payloadTruncated: boolean;
  /** Frames of one message share an id; every control frame gets its own. Ids count from 1 per decoder. */
  readonly messageId: number;
  readonly fragment: FragmentPosition;
  /** For the last frame of a permessage-deflate message: the inflated message (capped like payloads). */
  readonly inflatedPayload?: Uint8Array;
  /** The full inflated length, when `inflatedPayload` is present; larger than it when the cap cut it. */
  readonly inflatedLength?: number;
  /** For close frames with a 2+ byte payload (§5.5.1). */
  readonly closeCode?: number;
  readonly closeReason?: string;
  readonly violations: readonly Violation[];
}
