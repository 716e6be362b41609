import type { ProtocolValue } from '../app-protocol/protocol-message.js';

/**
 * Turns what a decoding library returns (Maps, Dates, bigints, typed arrays, tagged values) into
 * plain protocol values, so every view and `--json` shows the same tree. Depth is bounded so a
 * crafted, deeply nested payload cannot exhaust the stack.
 */
export function toPlainValue(value: unknown, depth = 0): ProtocolValue {
  if (depth > 64) return '<nested too deep>';
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Uint8Array) return value;
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (Array.isArray(value)) return value.map((item) => toPlainValue(item, depth + 1));
  if (value instanceof Map) {
    const out: Record<string, ProtocolValue> = {};
    for (const [key, inner] of value) out[typeof key === 'string' ? key : JSON.stringify(toPlainValue(key, depth + 1))] = toPlainValue(inner, depth + 1);
    return out;
  }
  if (value instanceof Set) return [...value].map((item) => toPlainValue(item, depth + 1));
  if (typeof value === 'object') {
    const out: Record<string, ProtocolValue> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = toPlainValue(inner, depth + 1);
    return out;
  }
  return String(value);
}
