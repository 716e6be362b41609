import type { HeaderPair } from '../contract/records.js';
import { decodeLatin1, isTokenChar } from './header-text.js';

const lineFeed = 0x0a;
const carriageReturn = 0x0d;

/** Why a head could not be delimited; the parsers add their own start-line errors. */
export type HeadScanError =
  | { readonly error: 'head-too-large'; readonly limit: number }
  | { readonly error: 'too-many-headers'; readonly limit: number }
  | { readonly error: 'incomplete-head'; readonly receivedBytes: number };

/** The scanner's answer to each chunk. `rest` holds the bytes after the empty line. */
export type HeadScanStep =
  | { readonly kind: 'need-more' }
  | { readonly kind: 'complete'; readonly rawHead: Uint8Array; readonly rest: Uint8Array }
  | { readonly kind: 'error'; readonly error: HeadScanError };

/** Limits that bound the memory and time a hostile peer can cost. */
export interface HeadLimits {
  /** Default 16 KiB. */
  readonly maxHeadBytes?: number;
  /** Default 100. */
  readonly maxHeaderCount?: number;
}

/**
 * Finds the end of an HTTP/1.x head (the empty line) across chunks, for both the request and the
 * response parser. Each byte is looked at once, and the limits are checked as bytes arrive, so a
 * peer that never ends its head costs at most `maxHeadBytes`. After `complete` or `error` it is
 * finished; further pushes repeat that answer.
 */
export class HeadScanner {
  private readonly maxHeadBytes: number;
  private readonly maxHeaderCount: number;
  private buffer = new Uint8Array(512);
  private length = 0;
  /** True while the current line has had a byte other than CR. */
  private lineHasContent = false;
  private lineCount = 0;
  private result: HeadScanStep | null = null;

  constructor(limits: HeadLimits = {}) {
    this.maxHeadBytes = limits.maxHeadBytes ?? 16 * 1024;
    this.maxHeaderCount = limits.maxHeaderCount ?? 100;
  }

  /** Feeds bytes as they arrive. */
  push(chunk: Uint8Array): HeadScanStep {
    if (this.result !== null) return this.result;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (byte === lineFeed) {
        if (this.lineHasContent) {
          this.lineCount++;
          // The start line plus headers; folded lines count too, which only makes the limit stricter.
          if (this.lineCount > this.maxHeaderCount + 1) {
            this.keep(chunk, i + 1);
            return this.finish({ kind: 'error', error: { error: 'too-many-headers', limit: this.maxHeaderCount } });
          }
        } else if (this.lineCount > 0) {
          if (!this.append(chunk, 0, i + 1)) {
            this.keep(chunk, i);
            return this.headTooLarge();
          }
          return this.finish({ kind: 'complete', rawHead: this.buffer.slice(0, this.length), rest: chunk.slice(i + 1) });
        }
        this.lineHasContent = false;
      } else if (byte !== carriageReturn) {
        this.lineHasContent = true;
      }
      if (this.length + i + 1 > this.maxHeadBytes) {
        this.keep(chunk, i);
        return this.headTooLarge();
      }
    }
    this.append(chunk, 0, chunk.length);
    return { kind: 'need-more' };
  }

  /** The connection ended: a head that never completed is an error. */
  end(): HeadScanStep {
    return this.result ?? this.finish({ kind: 'error', error: { error: 'incomplete-head', receivedBytes: this.length } });
  }

  /**
   * The head's bytes as received so far, at most `maxHeadBytes`: the whole head once complete, and
   * what came before the problem after an error, so an unreadable head is kept, not lost.
   */
  received(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }

  /** Keeps the first `end` bytes of a chunk, as far as the head limit allows. */
  private keep(chunk: Uint8Array, end: number): void {
    this.append(chunk, 0, Math.min(end, this.maxHeadBytes - this.length));
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

  private headTooLarge(): HeadScanStep {
    return this.finish({ kind: 'error', error: { error: 'head-too-large', limit: this.maxHeadBytes } });
  }

  private finish(step: HeadScanStep): HeadScanStep {
    this.result = step;
    return step;
  }
}

/** Splits a head into lines without terminators; RFC 9112 §2.2: empty lines before the start line are ignored, a bare LF ends a line. */
export function splitHeadLines(head: Uint8Array): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i < head.length; i++) {
    if (head[i] !== lineFeed) continue;
    const end = i > start && head[i - 1] === carriageReturn ? i - 1 : i;
    if (end > start || lines.length > 0) lines.push(decodeLatin1(head, start, end));
    start = i + 1;
  }
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** RFC 9112 §5.1: field-name ":" OWS field-value OWS; no whitespace before the colon. */
export function parseHeaderLine(line: string): HeaderPair | null {
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

/** RFC 9110 §5.5: CR (a bare one, here), LF and NUL are never valid inside a value. */
export function hasForbiddenControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x00 || c === carriageReturn || c === lineFeed) return true;
  }
  return false;
}

/** An ASCII digit. */
export function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** Optional whitespace (RFC 9110 §5.6.3): SP or HTAB. */
export function isOws(code: number): boolean {
  return code === 0x20 || code === 0x09;
}
