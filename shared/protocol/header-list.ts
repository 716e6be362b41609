import type { HeaderPair } from '../contract/records.js';
import { asciiLower } from './header-text.js';

/**
 * Lookups over an ordered header list. Headers stay an array of pairs (order, case and duplicates
 * are evidence); lookups scan it, so a name like `__proto__` is just another string.
 */

/** Every value of `name` (case-insensitive, RFC 9110 §5.1), in the order received. */
export function getHeaderValues(headers: readonly HeaderPair[], name: string): string[] {
  const lower = asciiLower(name);
  const values: string[] = [];
  for (const [headerName, value] of headers) if (asciiLower(headerName) === lower) values.push(value);
  return values;
}

/** The values of `name` joined with ", " (RFC 9110 §5.3), or null when absent. */
export function getHeaderValue(headers: readonly HeaderPair[], name: string): string | null {
  const values = getHeaderValues(headers, name);
  return values.length === 0 ? null : values.join(', ');
}

/** The comma-separated elements of every `name` header (RFC 9110 §5.6.1), trimmed, empty ones dropped. */
export function getHeaderList(headers: readonly HeaderPair[], name: string): string[] {
  const items: string[] = [];
  for (const value of getHeaderValues(headers, name)) {
    for (const part of value.split(',')) {
      const item = trimOws(part);
      if (item.length > 0) items.push(item);
    }
  }
  return items;
}

/** Strips optional whitespace (SP / HTAB, RFC 9110 §5.6.3) from both ends with an index scan. */
export function trimOws(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isOws(text.charCodeAt(start))) start++;
  while (end > start && isOws(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

function isOws(code: number): boolean {
  return code === 0x20 || code === 0x09;
}
