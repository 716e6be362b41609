import { isValidWireCloseCode } from './close-code.js';
import { decodeUtf8, encodeUtf8 } from './utf8-text.js';
import { Utf8Validator } from './utf8-validator.js';
import type { Violation } from './violation.js';
import { violationOf } from './violation-catalog.js';

/**
 * Builds a close frame body (§5.5.1): nothing, or a 2-byte closeCode followed by the reason in
 * UTF-8. The code is not checked, so invalid ones can be sent on purpose; see isValidWireCloseCode.
 */
export function buildClosePayload(closeCode?: number, reason: string | Uint8Array = ''): Uint8Array {
  if (closeCode === undefined) return new Uint8Array(0);
  if (!Number.isInteger(closeCode) || closeCode < 0 || closeCode > 0xffff) {
    throw new RangeError(`A close code has 16 bits, got ${closeCode} (§5.5.1).`);
  }
  const reasonBytes = typeof reason === 'string' ? encodeUtf8(reason) : reason;
  const payload = new Uint8Array(2 + reasonBytes.length);
  payload[0] = closeCode >> 8;
  payload[1] = closeCode & 0xff;
  payload.set(reasonBytes, 2);
  return payload;
}

/** What a close frame body says, and which rules it breaks. */
export interface ParsedClosePayload {
  readonly closeCode?: number;
  readonly closeReason?: string;
  readonly violations: readonly Violation[];
}

/** Reads a close frame body (§5.5.1) and checks its code (§7.4) and reason encoding. */
export function parseClosePayload(payload: Uint8Array): ParsedClosePayload {
  if (payload.length === 0) return { violations: [] };
  if (payload.length === 1) return { violations: [violationOf('close-payload-one-byte')] };
  const closeCode = ((payload[0] as number) << 8) | (payload[1] as number);
  const reasonBytes = payload.subarray(2);
  const violations: Violation[] = [];
  if (!isValidWireCloseCode(closeCode)) {
    violations.push(violationOf('invalid-close-code', { closeCode }));
  }
  const validator = new Utf8Validator();
  if (!validator.feed(reasonBytes) || !validator.isComplete) violations.push(violationOf('invalid-close-reason-utf8'));
  return { closeCode, closeReason: decodeUtf8(reasonBytes), violations };
}
