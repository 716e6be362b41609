import { message, type Message } from '../../../../shared/i18n/message.js';

/** A JSON path as keys and indexes, e.g. `['log', 'entries', 0, '_webSocketMessages']`. */
export type JsonPath = readonly (string | number)[];

/** A document split into a small skeleton and the element spans of its selected (large) arrays. */
export interface JsonArraySpans {
  /** The document with every selected array emptied to `[]`: small enough for JSON.parse. */
  readonly skeleton: string;
  /** The [start, end) byte offsets of each element of each selected array, by the array's path text. */
  readonly elements: ReadonlyMap<string, readonly number[]>;
  /** The document's byte offset for a byte offset in the skeleton (for error messages). */
  documentOffset(skeletonOffset: number): number;
}

/** Where the scan found the document broken or cut. */
export interface JsonScanProblem {
  readonly byteOffset: number;
  /** True when the document ends inside a value: the file is truncated. */
  readonly isTruncated: boolean;
  /** What is wrong there, in the reader's words. */
  readonly detail: Message;
}

type Container = { kind: 'object'; key: string | null; expectsKey: boolean } | { kind: 'array'; index: number };

const quote = 0x22;
const backslash = 0x5c;

/**
 * Scans JSON bytes once, tracking only strings, nesting and keys, and finds the arrays whose path
 * `isSelected` picks (a HAR's `_webSocketMessages`): their elements are left in place as byte
 * spans, to be parsed one at a time, and the rest of the document becomes a skeleton string for
 * JSON.parse. So a 300 MB HAR with 200,000 messages is never one string or one object tree, and
 * no step recurses per message. A leading UTF-8 byte order mark is skipped.
 */
export function scanJsonArrays(bytes: Uint8Array, isSelected: (path: JsonPath) => boolean): JsonArraySpans | JsonScanProblem {
  const stack: Container[] = [];
  const removed: [number, number][] = [];
  const elements = new Map<string, number[]>();
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let at = start;
  while (at < bytes.length) {
    const byte = bytes[at] as number;
    if (byte === quote) {
      const end = stringEnd(bytes, at);
      if (end < 0) return truncated(bytes.length);
      const top = stack.at(-1);
      if (top?.kind === 'object' && top.expectsKey) top.key = keyText(bytes, at, end);
      at = end;
      continue;
    }
    if (byte === 0x7b) stack.push({ kind: 'object', key: null, expectsKey: true });
    else if (byte === 0x5b) {
      const path = pathOf(stack);
      if (isSelected(path)) {
        const spans = selectedElements(bytes, at + 1);
        if ('detail' in spans) return spans;
        elements.set(pathText(path), spans.elements);
        removed.push([at + 1, spans.close]);
        at = spans.close + 1;
        continue;
      }
      stack.push({ kind: 'array', index: 0 });
    } else if (byte === 0x7d || byte === 0x5d) stack.pop();
    else if (byte === 0x3a) {
      const top = stack.at(-1);
      if (top?.kind === 'object') top.expectsKey = false;
    } else if (byte === 0x2c) {
      const top = stack.at(-1);
      if (top?.kind === 'object') top.expectsKey = true;
      else if (top?.kind === 'array') top.index += 1;
    }
    at += 1;
  }
  return { skeleton: skeletonOf(bytes, start, removed), elements, documentOffset: (offset) => documentOffset(removed, start, offset) };
}

// The elements of a selected array from just after its `[`: each element's span, and where its `]` is.
function selectedElements(bytes: Uint8Array, from: number): { elements: number[]; close: number } | JsonScanProblem {
  const elements: number[] = [];
  let at = skipSpace(bytes, from);
  if (bytes[at] === 0x5d) return { elements, close: at };
  for (;;) {
    const elementStart = at;
    let depth = 0;
    while (at < bytes.length) {
      const byte = bytes[at] as number;
      if (byte === quote) {
        at = stringEnd(bytes, at);
        if (at < 0) return truncated(bytes.length);
        continue;
      }
      if (byte === 0x7b || byte === 0x5b) depth += 1;
      else if (byte === 0x7d || byte === 0x5d) {
        if (depth === 0) break;
        depth -= 1;
      } else if (byte === 0x2c && depth === 0) break;
      at += 1;
    }
    if (at >= bytes.length) return truncated(bytes.length);
    const elementEnd = trimEnd(bytes, elementStart, at);
    if (elementEnd === elementStart) return { byteOffset: at, isTruncated: false, detail: message('capture:json.expectedValue') };
    elements.push(elementStart, elementEnd);
    if (bytes[at] === 0x5d) return { elements, close: at };
    at = skipSpace(bytes, at + 1);
    if (at >= bytes.length) return truncated(bytes.length);
    if (bytes[at] === 0x5d || bytes[at] === 0x2c) return { byteOffset: at, isTruncated: false, detail: message('capture:json.expectedValueAfterComma') };
  }
}

// The offset just past the closing quote of the string that starts at `at`, or -1 when the bytes end first.
function stringEnd(bytes: Uint8Array, at: number): number {
  for (let index = at + 1; index < bytes.length; index += 1) {
    const byte = bytes[index] as number;
    if (byte === backslash) index += 1;
    else if (byte === quote) return index + 1;
  }
  return -1;
}

function keyText(bytes: Uint8Array, start: number, end: number): string {
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('utf8');
  if (!raw.includes('\\')) return raw.slice(1, -1);
  try {
    return JSON.parse(raw) as string;
  } catch {
    return raw.slice(1, -1);
  }
}

function pathOf(stack: readonly Container[]): (string | number)[] {
  const path: (string | number)[] = [];
  for (const container of stack) {
    if (container.kind === 'array') path.push(container.index);
    else if (container.key !== null) path.push(container.key);
  }
  return path;
}

/** A path as text, the key `scanJsonArrays` files a selected array's elements under. */
export function pathText(path: JsonPath): string {
  return path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${part}`)).join('');
}

function skipSpace(bytes: Uint8Array, from: number): number {
  let at = from;
  while (at < bytes.length && (bytes[at] === 0x20 || bytes[at] === 0x0a || bytes[at] === 0x0d || bytes[at] === 0x09)) at += 1;
  return at;
}

function trimEnd(bytes: Uint8Array, start: number, end: number): number {
  let at = end;
  while (at > start && (bytes[at - 1] === 0x20 || bytes[at - 1] === 0x0a || bytes[at - 1] === 0x0d || bytes[at - 1] === 0x09)) at -= 1;
  return at;
}

function skeletonOf(bytes: Uint8Array, start: number, removed: readonly [number, number][]): string {
  const parts: string[] = [];
  let from = start;
  for (const [cut, resume] of removed) {
    parts.push(Buffer.from(bytes.buffer, bytes.byteOffset + from, cut - from).toString('utf8'));
    from = resume;
  }
  parts.push(Buffer.from(bytes.buffer, bytes.byteOffset + from, bytes.length - from).toString('utf8'));
  return parts.join('');
}

function documentOffset(removed: readonly [number, number][], start: number, skeletonOffset: number): number {
  let offset = skeletonOffset + start;
  for (const [cut, resume] of removed) {
    if (offset < cut) break;
    offset += resume - cut;
  }
  return offset;
}

function truncated(length: number): JsonScanProblem {
  return { byteOffset: length, isTruncated: true, detail: message('capture:json.endsEarly') };
}
