import type { HeaderPair } from '../contract/records.js';
import { decodeLatin1, isTokenChar } from './header-text.js';

/** The parsed response head (RFC 9112 §4 status line, §5 fields); strings are Latin-1 decoded bytes. */
export interface ResponseHead {
  /** `1.1` from `HTTP/1.1`. */
  readonly httpVersion: string;
  readonly statusCode: number;
  /** May be empty (RFC 9112 §4: reason-phrase is optional). */
  readonly reason: string;
  /** In order received, case preserved, duplicates kept. */
  readonly headers: HeaderPair[];
  /** The exact bytes of the head, up to and including the empty line. */
  readonly rawHead: Uint8Array;
}

/** Why the head could not be parsed; a value, never thrown (STYLE.md §4). */
export type ResponseHeadError =
  | { readonly error: 'head-too-large'; readonly limit: number }
  | { readonly error: 'too-many-headers'; readonly limit: number }
  | { readonly error: 'bad-status-line'; readonly line: string }
  | { readonly error: 'bad-header-line'; readonly line: string; readonly lineNumber: number }
  | { readonly error: 'incomplete-head'; readonly receivedBytes: number };

/** The parser's answer to each chunk. `rest` holds bytes after the head: frames may share the packet. */
export type ResponseHeadStep =
  | { readonly kind: 'need-more' }
  | { readonly kind: 'head'; readonly head: ResponseHead; readonly rest: Uint8Array }
  | { readonly kind: 'error'; readonly error: ResponseHeadError };

/** Limits that bound the memory and time a hostile server can cost. */
export interface ResponseHeadLimits {
  /** Default 16 KiB. */
  readonly maxHeadBytes?: number;
  /** Default 100. */
  readonly maxHeaderCount?: number;
}

const lineFeed = 0x0a;
const carriageReturn = 0x0d;

/**
 * Incremental parser for an HTTP/1.x response head. Each byte is looked at once while searching
 * for the empty line, and once more while splitting lines: linear time, no regexes over input.
 * After `head` or `error` it is finished; further pushes repeat that answer.
 */
export class ResponseHeadParser {
  private readonly maxHeadBytes: number;
  private readonly maxHeaderCount: number;
  private buffer = new Uint8Array(512);
  private length = 0;
  /** True while the current line has had a byte other than CR. */
  private lineHasContent = false;
  private lineCount = 0;
  private result: ResponseHeadStep | null = null;

  constructor(limits: ResponseHeadLimits = {}) {
    this.maxHeadBytes = limits.maxHeadBytes ?? 16 * 1024;
    this.maxHeaderCount = limits.maxHeaderCount ?? 100;
  }

  /** Feeds bytes as they arrive. */
  push(chunk: Uint8Array): ResponseHeadStep {
    if (this.result !== null) return this.result;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (byte === lineFeed) {
        if (this.lineHasContent) {
          this.lineCount++;
          // Status line plus headers; obs-fold lines count too, which only makes the limit stricter.
          if (this.lineCount > this.maxHeaderCount + 1) return this.finish({ kind: 'error', error: { error: 'too-many-headers', limit: this.maxHeaderCount } });
        } else if (this.lineCount > 0) {
          if (!this.append(chunk, 0, i + 1)) return this.headTooLarge();
          return this.finish(this.parseHead(chunk.subarray(i + 1)));
        }
        this.lineHasContent = false;
      } else if (byte !== carriageReturn) {
        this.lineHasContent = true;
      }
      if (this.length + i + 1 > this.maxHeadBytes) return this.headTooLarge();
    }
    this.append(chunk, 0, chunk.length);
    return { kind: 'need-more' };
  }

  /** The connection ended: a head that never completed is an error. */
  end(): ResponseHeadStep {
    return this.result ?? this.finish({ kind: 'error', error: { error: 'incomplete-head', receivedBytes: this.length } });
  }

  private append(chunk: Uint8Array, start: number, end: number): boolean {
    const needed = this.length + end - start;
    if (needed > this.maxHeadBytes) return false;
    if (needed > this.buffer.length) {
      const grown = new Uint8Array(Math.min(this.maxHeadBytes, Math.max(needed, this.buffer.length * 2)));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    this.buffer.set(chunk.subarray(start, end), this.length);
    this.length = needed;
    return true;
  }

  private headTooLarge(): ResponseHeadStep {
    return this.finish({ kind: 'error', error: { error: 'head-too-large', limit: this.maxHeadBytes } });
  }

  private finish(step: ResponseHeadStep): ResponseHeadStep {
    this.result = step;
    return step;
  }

  private parseHead(rest: Uint8Array): ResponseHeadStep {
    const rawHead = this.buffer.slice(0, this.length);
    const lines = splitLines(rawHead);
    const statusLine = lines.shift() ?? '';
    const status = parseStatusLine(statusLine);
    if (status === null) return { kind: 'error', error: { error: 'bad-status-line', line: statusLine } };
    const headers: HeaderPair[] = [];
    for (let n = 0; n < lines.length; n++) {
      const line = lines[n]!;
      const first = line.charCodeAt(0);
      if ((first === 0x20 || first === 0x09) && headers.length > 0) {
        // RFC 9112 §5.2: a user agent replaces obs-fold with SP before interpreting the value.
        const last = headers[headers.length - 1]!;
        last[1] = joinFolded(last[1], line);
        continue;
      }
      const header = parseHeaderLine(line);
      if (header === null) return { kind: 'error', error: { error: 'bad-header-line', line, lineNumber: n + 2 } };
      headers.push(header);
    }
    return { kind: 'head', head: { ...status, headers, rawHead }, rest: rest.slice() };
  }
}

/** Splits the head into lines without terminators, dropping the final empty line and leading empty lines. */
function splitLines(head: Uint8Array): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i < head.length; i++) {
    if (head[i] !== lineFeed) continue;
    // RFC 9112 §2.2: a bare LF is accepted as a line terminator; a CR before it is dropped.
    const end = i > start && head[i - 1] === carriageReturn ? i - 1 : i;
    if (end > start || lines.length > 0) lines.push(decodeLatin1(head, start, end));
    start = i + 1;
  }
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** RFC 9112 §4: HTTP-version SP 3DIGIT SP [reason-phrase]; the last SP is tolerated when missing. */
function parseStatusLine(line: string): { httpVersion: string; statusCode: number; reason: string } | null {
  if (line.length < 12 || !line.startsWith('HTTP/')) return null;
  if (!isDigit(line.charCodeAt(5)) || line[6] !== '.' || !isDigit(line.charCodeAt(7)) || line[8] !== ' ') return null;
  for (let i = 9; i < 12; i++) if (!isDigit(line.charCodeAt(i))) return null;
  if (line.length > 12 && line[12] !== ' ') return null;
  const reason = line.slice(13);
  if (hasForbiddenControl(reason)) return null;
  return { httpVersion: line.slice(5, 8), statusCode: Number(line.slice(9, 12)), reason };
}

/** RFC 9112 §5.1: field-name ":" OWS field-value OWS; no whitespace before the colon. */
function parseHeaderLine(line: string): HeaderPair | null {
  let colon = 0;
  while (colon < line.length && isTokenChar(line.charCodeAt(colon))) colon++;
  if (colon === 0 || line[colon] !== ':') return null;
  let start = colon + 1;
  let end = line.length;
  while (start < end && isOws(line.charCodeAt(start))) start++;
  while (end > start && isOws(line.charCodeAt(end - 1))) end--;
  const value = line.slice(start, end);
  if (hasForbiddenControl(value)) return null;
  return [line.slice(0, colon), value];
}

function joinFolded(value: string, continuation: string): string {
  let start = 0;
  while (start < continuation.length && isOws(continuation.charCodeAt(start))) start++;
  let end = continuation.length;
  while (end > start && isOws(continuation.charCodeAt(end - 1))) end--;
  return start === end ? value : `${value} ${continuation.slice(start, end)}`;
}

/** RFC 9110 §5.5: CR (a bare one, here), LF and NUL are never valid inside a value. */
function hasForbiddenControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x00 || c === carriageReturn || c === lineFeed) return true;
  }
  return false;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isOws(code: number): boolean {
  return code === 0x20 || code === 0x09;
}
