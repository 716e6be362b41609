import type { FrameRecordJson } from '../../../shared/contract/records.js';

// The base64 zod's z.base64() accepts: the standard alphabet with at most two `=` at the end and a
// length divisible by 4 (zod then also runs atob, which every such string passes).
const base64Charset = /^[0-9a-zA-Z+/]*={0,2}$/;
const maskingKeyPattern = /^[0-9a-f]{8}$/;
const fragments = new Set(['whole', 'first', 'middle', 'last']);

/**
 * A plain frame line checked field by field without the schema: the same rules as
 * `frameRecordJsonSchema` for the common shape (no violations), about ten times cheaper, because an
 * import checks one such line per frame. Returns the frame with exactly the schema's fields, or
 * null for anything else (violations, a wrong field), which then goes through the schema, so a bad
 * field is still named by it. Never accepts what the schema refuses.
 */
export function plainFrameLine(value: unknown): FrameRecordJson | null {
  if (typeof value !== 'object' || value === null) return null;
  const line = value as Record<string, unknown>;
  const { seq, atMicros, direction, maskingKey, payloadLength, messageId, fragment, violations } = line;
  if (line['kind'] !== 'frame' || !isUint32(seq) || !isMicros(atMicros) || (direction !== 'in' && direction !== 'out')) return null;
  if (!isFlag(line['fin']) || !isFlag(line['rsv1']) || !isFlag(line['rsv2']) || !isFlag(line['rsv3']) || !isFlag(line['masked'])) return null;
  const opcode = line['opcode'];
  if (typeof opcode !== 'number' || !Number.isInteger(opcode) || opcode < 0 || opcode > 15) return null;
  if (maskingKey !== null && (typeof maskingKey !== 'string' || !maskingKeyPattern.test(maskingKey))) return null;
  if (typeof payloadLength !== 'number' || !(payloadLength >= 0) || !Number.isInteger(payloadLength)) return null;
  if (!isBase64(line['headerBytes']) || !isBase64(line['payload']) || !isFlag(line['payloadTruncated']) || !isUint32(messageId)) return null;
  if (typeof fragment !== 'string' || !fragments.has(fragment) || !Array.isArray(violations) || violations.length > 0) return null;
  const { inflatedPayload, closeCode, closeReason, rttMicros, redacted, leg, link } = line;
  if (inflatedPayload !== undefined && !isBase64(inflatedPayload)) return null;
  if (closeCode !== undefined && (typeof closeCode !== 'number' || !Number.isInteger(closeCode) || closeCode < 0 || closeCode > 0xffff)) return null;
  if (closeReason !== undefined && typeof closeReason !== 'string') return null;
  if (rttMicros !== undefined && !isMicros(rttMicros)) return null;
  if (redacted !== undefined && !isFlag(redacted)) return null;
  if ((leg !== undefined && leg !== 'client' && leg !== 'server') || (link !== undefined && !isUint32(link))) return null;
  return {
    kind: 'frame',
    seq: seq as number,
    atMicros: atMicros as number,
    direction,
    fin: line['fin'] as boolean,
    rsv1: line['rsv1'] as boolean,
    rsv2: line['rsv2'] as boolean,
    rsv3: line['rsv3'] as boolean,
    opcode,
    masked: line['masked'] as boolean,
    maskingKey: maskingKey as string | null,
    payloadLength,
    headerBytes: line['headerBytes'] as string,
    payload: line['payload'] as string,
    payloadTruncated: line['payloadTruncated'] as boolean,
    messageId: messageId as number,
    fragment: fragment as FrameRecordJson['fragment'],
    ...(inflatedPayload !== undefined ? { inflatedPayload: inflatedPayload as string } : {}),
    ...(closeCode !== undefined ? { closeCode } : {}),
    ...(closeReason !== undefined ? { closeReason } : {}),
    ...(rttMicros !== undefined ? { rttMicros: rttMicros as number } : {}),
    violations: [],
    ...(redacted !== undefined ? { redacted: redacted as boolean } : {}),
    ...(leg !== undefined ? { leg } : {}),
    ...(link !== undefined ? { link: link as number } : {}),
  };
}

function isFlag(value: unknown): value is boolean {
  return value === true || value === false;
}

function isUint32(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffff_ffff;
}

function isMicros(value: unknown): boolean {
  return typeof value === 'number' && value >= 0 && Number.isFinite(value);
}

function isBase64(value: unknown): boolean {
  return typeof value === 'string' && value.length % 4 === 0 && base64Charset.test(value);
}
