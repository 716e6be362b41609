import type { FrameRecordJson } from '../../../shared/contract/records.js';
import { applyMask, base64ToBytes, hexToBytes } from '../../lib/bytes.js';

/** Which part of a frame a byte belongs to (§5.2). */
export type ByteRole = 'header' | 'length' | 'key' | 'payload';

/** A frame's bytes as they crossed the wire or unmasked, with the role of every byte. */
export interface FrameBytes {
  readonly bytes: Uint8Array;
  readonly headerLength: number;
  /** Roles by offset; payload bytes past the header are all `payload`. */
  roleAt(offset: number): ByteRole;
}

/** The frame's header and payload bytes; `isMaskedView` re-applies the key to show the wire bytes (§5.3). */
export function frameBytes(record: FrameRecordJson, isMaskedView: boolean): FrameBytes {
  const header = base64ToBytes(record.headerBytes);
  const payload = base64ToBytes(record.payload);
  const key = record.maskingKey ? hexToBytes(record.maskingKey) : null;
  const shownPayload = isMaskedView && key ? applyMask(payload, key) : payload;
  const bytes = new Uint8Array(header.length + shownPayload.length);
  bytes.set(header, 0);
  bytes.set(shownPayload, header.length);
  const keyStart = record.masked ? header.length - 4 : header.length;
  return {
    bytes,
    headerLength: header.length,
    roleAt(offset) {
      if (offset < 2) return 'header';
      if (offset < keyStart) return 'length';
      if (offset < header.length) return 'key';
      return 'payload';
    },
  };
}

/** Payload bytes alone (a reassembled message), every byte in the payload role. */
export function payloadOnlyBytes(bytes: Uint8Array): FrameBytes {
  return { bytes, headerLength: 0, roleAt: () => 'payload' };
}
