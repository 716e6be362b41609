import type { FrameRecordJson, RecordJson } from '../../../shared/contract/records.js';
import { asciiBytes, type ByteOutput } from './byte-output.js';
import { frameTailWriter } from './frame-json-tail.js';
import { fromBase64, toBase64 } from './byte-text.js';
import type { CapturedFrame, CapturedRecord } from './captured-record.js';

/**
 * The file form of a record (shared/contract/records.ts): bytes as base64 and the masking key as
 * hex, keys in the order the native file writes them. The only place a frame's bytes become text.
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

const frameStart = asciiBytes('{"kind":"frame","seq":');
const atMicrosKey = asciiBytes(',"atMicros":');
// Direction and the four header bits up to the opcode: one constant for each of the 32 combinations.
const directionAndBits = Array.from({ length: 32 }, (_, bits) =>
  asciiBytes(`,"direction":"${bits & 16 ? 'in' : 'out'}","fin":${(bits & 8) !== 0},"rsv1":${(bits & 4) !== 0},"rsv2":${(bits & 2) !== 0},"rsv3":${(bits & 1) !== 0},"opcode":`),
);
const maskedKey = [asciiBytes(',"masked":false,"maskingKey":'), asciiBytes(',"masked":true,"maskingKey":')];
const quote = asciiBytes('"');
const payloadLengthKey = asciiBytes(',"payloadLength":');
// Frames without a key (every server frame) write what follows the opcode up to the length in one piece.
const maskedNullKeyAndLength = [asciiBytes(',"masked":false,"maskingKey":null,"payloadLength":'), asciiBytes(',"masked":true,"maskingKey":null,"payloadLength":')];
const headerBytesKey = asciiBytes(',"headerBytes":"');
const payloadKey = asciiBytes('","payload":"');
const truncatedAndMessageIdKey = [asciiBytes('","payloadTruncated":false,"messageId":'), asciiBytes('","payloadTruncated":true,"messageId":')];
const fragmentValues = { whole: asciiBytes(',"fragment":"whole"'), first: asciiBytes(',"fragment":"first"'), middle: asciiBytes(',"fragment":"middle"'), last: asciiBytes(',"fragment":"last"') };
const writeTail = frameTailWriter('');
const inflatedKey = asciiBytes(',"inflatedPayload":"');

/**
 * Writes the bytes of `JSON.stringify(frameJson(frame))` to `out` without making that object or
 * string: the native file and `--json` write one such line per frame (property-tested to be the
 * same bytes).
 */
export function writeFrameJson(out: ByteOutput, frame: CapturedFrame): void {
  out.constant(frameStart);
  out.number(frame.seq);
  out.constant(atMicrosKey);
  out.number(frame.atMicros);
  const bits = (frame.direction === 'in' ? 16 : 0) | (frame.fin ? 8 : 0) | (frame.rsv1 ? 4 : 0) | (frame.rsv2 ? 2 : 0) | (frame.rsv3 ? 1 : 0);
  out.constant(directionAndBits[bits] as Uint8Array);
  out.number(frame.opcode);
  if (frame.maskingKey === null) out.constant(maskedNullKeyAndLength[frame.masked ? 1 : 0] as Uint8Array);
  else {
    out.constant(maskedKey[frame.masked ? 1 : 0] as Uint8Array);
    out.constant(quote);
    out.hex(frame.maskingKey);
    out.constant(quote);
    out.constant(payloadLengthKey);
  }
  out.number(frame.payloadLength);
  out.constant(headerBytesKey);
  out.base64(frame.headerBytes);
  out.constant(payloadKey);
  out.base64(frame.payload);
  out.constant(truncatedAndMessageIdKey[frame.payloadTruncated ? 1 : 0] as Uint8Array);
  out.number(frame.messageId);
  out.constant(fragmentValues[frame.fragment]);
  if (frame.inflatedPayload !== undefined) {
    out.constant(inflatedKey);
    out.base64(frame.inflatedPayload);
    out.constant(quote);
  }
  writeTail(out, frame);
}
