import type { ProtocolValue } from './protocol-message.js';

/** The outcome of parsing JSON text: the value, or why it is not JSON. */
export type JsonParse = { readonly ok: true; readonly value: ProtocolValue } | { readonly ok: false; readonly reason: string };

/** Parses JSON without throwing; JSON values are already plain protocol values. */
export function parseJson(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) as ProtocolValue };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** True for a JSON object (not an array, not null). */
export function isRecord(value: ProtocolValue | undefined): value is { readonly [key: string]: ProtocolValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/** Reads `record[key]` as a string, or undefined. */
export function stringField(record: ProtocolValue | undefined, key: string): string | undefined {
  const value = isRecord(record) ? record[key] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** Reads `record[key]` as a finite number, or undefined. */
export function numberField(record: ProtocolValue | undefined, key: string): number | undefined {
  const value = isRecord(record) ? record[key] : undefined;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A short one-line rendering of a value for summaries, cut at `maxChars`. */
export function preview(value: ProtocolValue | undefined, maxChars = 60): string {
  let text: string;
  if (value instanceof Uint8Array) text = `<${value.length} bytes>`;
  else if (value === undefined) text = '';
  // A replacer makes JSON.stringify several times slower; only values holding bytes need one.
  else if (hasBytes(value, 0)) text = JSON.stringify(value, (_key, inner: unknown) => (inner instanceof Uint8Array ? `<${inner.length} bytes>` : inner)) ?? '';
  else text = JSON.stringify(value) ?? '';
  return text.length > maxChars ? `${text.slice(0, maxChars - 1)}…` : text;
}

function hasBytes(value: ProtocolValue, depth: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (value instanceof Uint8Array || depth > 32) return true;
  if (Array.isArray(value)) {
    for (const item of value as readonly ProtocolValue[]) if (hasBytes(item, depth + 1)) return true;
    return false;
  }
  for (const key in value) if (hasBytes((value as { readonly [key: string]: ProtocolValue })[key] as ProtocolValue, depth + 1)) return true;
  return false;
}
