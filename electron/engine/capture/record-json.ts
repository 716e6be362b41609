import type { FrameRecordJson, RecordJson } from '../../../shared/contract/records.js';
import { fromBase64, toBase64 } from './byte-text.js';
import type { CapturedFrame, CapturedRecord } from './captured-record.js';

/**
 * The file form of a record (shared/contract/records.ts): bytes as base64 and the masking key as
 * hex, keys in the order the native file writes them. The only place a frame's bytes become text
 * besides frame-json-writer.ts, which writes the same text as bytes.
 */
export function recordJson(record: CapturedRecord): RecordJson {
  return record.kind === 'frame' ? frameJson(record) : record;
}

/** A frame in its file form. */
export function frameJson(frame: CapturedFrame): FrameRecordJson {
  return {
    kind: 'frame',
    seq: frame.seq,
    atMicros: frame.atMicros,
    direction: frame.direction,
    fin: frame.fin,
    rsv1: frame.rsv1,
    rsv2: frame.rsv2,
    rsv3: frame.rsv3,
    opcode: frame.opcode,
    masked: frame.masked,
    maskingKey: frame.maskingKey === null ? null : maskingKeyHex(frame.maskingKey),
    payloadLength: frame.payloadLength,
    headerBytes: toBase64(frame.headerBytes),
    payload: toBase64(frame.payload),
    payloadTruncated: frame.payloadTruncated,
    messageId: frame.messageId,
    fragment: frame.fragment,
    ...(frame.inflatedPayload !== undefined ? { inflatedPayload: toBase64(frame.inflatedPayload) } : {}),
    ...(frame.closeCode !== undefined ? { closeCode: frame.closeCode } : {}),
    ...(frame.closeReason !== undefined ? { closeReason: frame.closeReason } : {}),
    ...(frame.rttMicros !== undefined ? { rttMicros: frame.rttMicros } : {}),
    violations: [...frame.violations],
    ...(frame.redacted ? { redacted: true } : {}),
    ...(frame.leg !== undefined ? { leg: frame.leg } : {}),
    ...(frame.link !== undefined ? { link: frame.link } : {}),
  };
}

/** A frame read from a file (already validated) in the log's terms: bytes decoded, the key as bytes. */
export function frameFromJson(record: FrameRecordJson): CapturedFrame {
  return {
    kind: 'frame',
    seq: record.seq,
    atMicros: record.atMicros,
    direction: record.direction,
    fin: record.fin,
    rsv1: record.rsv1,
    rsv2: record.rsv2,
    rsv3: record.rsv3,
    opcode: record.opcode,
    masked: record.masked,
    maskingKey: record.maskingKey === null ? null : Uint8Array.from(Buffer.from(record.maskingKey, 'hex')),
    payloadLength: record.payloadLength,
    headerBytes: fromBase64(record.headerBytes),
    payload: fromBase64(record.payload),
    payloadTruncated: record.payloadTruncated,
    messageId: record.messageId,
    fragment: record.fragment,
    ...(record.inflatedPayload !== undefined ? { inflatedPayload: fromBase64(record.inflatedPayload) } : {}),
    ...(record.closeCode !== undefined ? { closeCode: record.closeCode } : {}),
    ...(record.closeReason !== undefined ? { closeReason: record.closeReason } : {}),
    ...(record.rttMicros !== undefined ? { rttMicros: record.rttMicros } : {}),
    violations: record.violations,
    ...(record.redacted === true ? { redacted: true } : {}),
    ...(record.leg !== undefined ? { leg: record.leg } : {}),
    ...(record.link !== undefined ? { link: record.link } : {}),
  };
}

/** A 4-byte masking key as the 8 lowercase hex digits of the record format. */
export function maskingKeyHex(key: Uint8Array): string {
  return Buffer.from(key.buffer, key.byteOffset, key.byteLength).toString('hex');
}
