import type { HeaderPair } from '../contract/records.js';
import { decodeLatin1, isTokenChar } from './header-text.js';

/** The parsed request head (RFC 9112 §3 request line, §5 fields); strings are Latin-1 decoded bytes. */
export interface RequestHead {
  /** The request line exactly as received, without its line terminator. */
  readonly requestLine: string;
  readonly method: string;
  /** The request target as sent: origin form (`/chat?x=1`), absolute form, or `*`. */
  readonly target: string;
  /** `1.1` from `HTTP/1.1`. */
  readonly httpVersion: string;
  /** In order received, case preserved, duplicates kept. */
  readonly headers: HeaderPair[];
  /** The exact bytes of the head, up to and including the empty line. */
  readonly rawHead: Uint8Array;
}

/** Why the head could not be parsed; a value, never thrown (STYLE.md §4). */
export type RequestHeadError =
  | { readonly error: 'head-too-large'; readonly limit: number }
  | { readonly error: 'too-many-headers'; readonly limit: number }
  | { readonly error: 'bad-request-line'; readonly line: string }
  | { readonly error: 'bad-header-line'; readonly line: string; readonly lineNumber: number }
  | { readonly error: 'incomplete-head'; readonly receivedBytes: number };

/** The parser's answer to each chunk. `rest` holds bytes after the head: the first frames may share the packet. */
export type RequestHeadStep =
  | { readonly kind: 'need-more' }
  | { readonly kind: 'head'; readonly head: RequestHead; readonly rest: Uint8Array }
  | { readonly kind: 'error'; readonly error: RequestHeadError };

/** Limits that bound the memory and time a hostile client can cost. */
export interface RequestHeadLimits {
  /** Default 16 KiB. */
  readonly maxHeadBytes?: number;
  /** Default 100. */
  readonly maxHeaderCount?: number;
}

const lineFeed = 0x0a;
const carriageReturn = 0x0d;

/**
 * Incremental parser for an HTTP/1.x request head, the server-side twin of ResponseHeadParser.
 * Each byte is looked at once while searching for the empty line and once more while splitting
 * lines: linear time, no regexes over input. After `head` or `error` it is finished; further
 * pushes repeat that answer. Obsolete line folding is refused (RFC 9112 §5.2: a server must
 * reject it or replace it), so the headers are exactly the lines that arrived.
 */
export class RequestHeadParser {
  private readonly maxHeadBytes: number;
  private readonly maxHeaderCount: number;
  private buffer = new Uint8Array(512);
  private length = 0;
  /** True while the current line has had a byte other than CR. */
  private lineHasContent = false;
  private lineCount = 0;
  private result: RequestHeadStep | null = null;

  constructor(limits: RequestHeadLimits = {}) {
    this.maxHeadBytes = limits.maxHeadBytes ?? 16 * 1024;
    this.maxHeaderCount = limits.maxHeaderCount ?? 100;
  }

  /** Feeds bytes as they arrive. */
  push(chunk: Uint8Array): RequestHeadStep {
    if (this.result !== null) return this.result;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (byte === lineFeed) {
        if (this.lineHasContent) {
          this.lineCount++;
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
  end(): RequestHeadStep {
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

  private headTooLarge(): RequestHeadStep {
    return this.finish({ kind: 'error', error: { error: 'head-too-large', limit: this.maxHeadBytes } });
  }

  private finish(step: RequestHeadStep): RequestHeadStep {
    this.result = step;
    return step;
  }

  private parseHead(rest: Uint8Array): RequestHeadStep {
    const rawHead = this.buffer.slice(0, this.length);
    const lines = splitLines(rawHead);
    const requestLine = lines.shift() ?? '';
    const parsed = parseRequestLine(requestLine);
    if (parsed === null) return { kind: 'error', error: { error: 'bad-request-line', line: requestLine } };
    const headers: HeaderPair[] = [];
    for (let n = 0; n < lines.length; n++) {
      const line = lines[n]!;
      const header = parseHeaderLine(line);
      if (header === null) return { kind: 'error', error: { error: 'bad-header-line', line, lineNumber: n + 2 } };
      headers.push(header);
    }
    return { kind: 'head', head: { requestLine, ...parsed, headers, rawHead }, rest: rest.slice() };
  }
}

/** Splits the head into lines without terminators; RFC 9112 §2.2: empty lines before the request line are ignored. */
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

/** RFC 9112 §3: method SP request-target SP HTTP-version, single spaces, no whitespace in the target. */
function parseRequestLine(line: string): { method: string; target: string; httpVersion: string } | null {
  const firstSpace = line.indexOf(' ');
  if (firstSpace <= 0) return null;
  const secondSpace = line.indexOf(' ', firstSpace + 1);
  if (secondSpace <= firstSpace + 1 || line.indexOf(' ', secondSpace + 1) !== -1) return null;
  const method = line.slice(0, firstSpace);
  for (let i = 0; i < method.length; i++) if (!isTokenChar(method.charCodeAt(i))) return null;
  const target = line.slice(firstSpace + 1, secondSpace);
  for (let i = 0; i < target.length; i++) {
    const c = target.charCodeAt(i);
    if (c <= 0x20 || c === 0x7f) return null;
  }
  const version = line.slice(secondSpace + 1);
  if (version.length !== 8 || !version.startsWith('HTTP/') || !isDigit(version.charCodeAt(5)) || version[6] !== '.' || !isDigit(version.charCodeAt(7))) return null;
  return { method, target, httpVersion: version.slice(5) };
}

/** RFC 9112 §5.1: field-name ":" OWS field-value OWS; no whitespace before the colon, no folding. */
function parseHeaderLine(line: string): HeaderPair | null {
  let colon = 0;
  while (colon < line.length && isTokenChar(line.charCodeAt(colon))) colon++;
  if (colon === 0 || line[colon] !== ':') return null;
  let start = colon + 1;
  let end = line.length;
  while (start < end && isOws(line.charCodeAt(start))) start++;
  while (end > start && isOws(line.charCodeAt(end - 1))) end--;
  const value = line.slice(start, end);
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    // RFC 9110 §5.5: CR, LF and NUL are never valid inside a value.
    if (c === 0x00 || c === carriageReturn || c === lineFeed) return null;
  }
  return [line.slice(0, colon), value];
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isOws(code: number): boolean {
  return code === 0x20 || code === 0x09;
}
