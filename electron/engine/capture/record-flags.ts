import type { Direction, FragmentPosition } from '../../../shared/protocol/frame-record.js';

/**
 * The bit layout of the per-record Uint16 flags column: frame header bits, direction, and which
 * rare fields exist in side tables, so a row never searches a side table it has no entry in.
 */
export const RecordFlag = {
  fin: 1 << 0,
  rsv1: 1 << 1,
  rsv2: 1 << 2,
  rsv3: 1 << 3,
  masked: 1 << 4,
  hasMaskingKey: 1 << 5,
  directionIn: 1 << 6,
  payloadTruncated: 1 << 7,
  // Bits 8–9: fragment position; bits 10–11: record kind.
  hasInflated: 1 << 12,
  hasCloseCode: 1 << 13,
  hasRtt: 1 << 14,
  hasSideEntry: 1 << 15,
} as const;

/** The record kinds as stored in flags bits 10–11. */
export type RecordKind = 'frame' | 'handshake' | 'event';

const kinds: readonly RecordKind[] = ['frame', 'handshake', 'event'];
const fragments: readonly FragmentPosition[] = ['whole', 'first', 'middle', 'last'];
const fragmentShift = 8;
const kindShift = 10;

/** Packs a record kind into its flag bits. */
export function kindBits(kind: RecordKind): number {
  return kinds.indexOf(kind) << kindShift;
}

/** Reads the record kind from a flags value. */
export function kindOf(flags: number): RecordKind {
  return kinds[(flags >> kindShift) & 0b11] ?? 'frame';
}

/** Packs a fragment position into its flag bits. */
export function fragmentBits(fragment: FragmentPosition): number {
  return fragments.indexOf(fragment) << fragmentShift;
}

/** Reads the fragment position from a flags value. */
export function fragmentOf(flags: number): FragmentPosition {
  return fragments[(flags >> fragmentShift) & 0b11] ?? 'whole';
}

/** Reads the direction from a flags value. */
export function directionOf(flags: number): Direction {
  return (flags & RecordFlag.directionIn) !== 0 ? 'in' : 'out';
}
