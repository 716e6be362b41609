import { encodeBase64 } from '../protocol/base64.js';
import type { ProtocolValue } from './protocol-message.js';

/**
 * A protocol tree as JSON: the same value with every byte string written as
 * `{ "$bytes": "<base64>" }`, so the contract, `--json` lines and captures carry it as text.
 */
export type ProtocolJsonValue =
  | null
  | boolean
  | number
  | string
  | ProtocolJsonValue[]
  | { [key: string]: ProtocolJsonValue };

/** The key that marks a byte string in a JSON tree. */
export const BYTES_KEY = '$bytes';

/** A protocol value as JSON (bytes as `{ "$bytes": base64 }`); deeper than `maxDepth` becomes a note. */
export function protocolValueToJson(value: ProtocolValue, maxDepth = 64): ProtocolJsonValue {
  if (value instanceof Uint8Array) return { [BYTES_KEY]: encodeBase64(value) };
  if (typeof value !== 'object' || value === null) return value;
  if (maxDepth <= 0) return '…';
  if (Array.isArray(value)) return (value as readonly ProtocolValue[]).map((item) => protocolValueToJson(item, maxDepth - 1));
  const out: { [key: string]: ProtocolJsonValue } = {};
  for (const key of Object.keys(value)) out[key] = protocolValueToJson((value as { readonly [key: string]: ProtocolValue })[key] as ProtocolValue, maxDepth - 1);
  return out;
}

/** True for the JSON form of a byte string. */
export function isJsonBytes(value: unknown): value is { readonly [BYTES_KEY]: string } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 1 && typeof (value as Record<string, unknown>)[BYTES_KEY] === 'string';
}
