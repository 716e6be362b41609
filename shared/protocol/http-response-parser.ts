import type { HeaderPair } from '../contract/records.js';
import { HeadScanner, hasForbiddenControl, isDigit, isOws, parseHeaderLine, splitHeadLines, type HeadLimits, type HeadScanError, type HeadScanStep } from './http-head.js';

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
  | HeadScanError
  | { readonly error: 'bad-status-line'; readonly line: string }
  | { readonly error: 'bad-header-line'; readonly line: string; readonly lineNumber: number };

/** The parser's answer to each chunk. `rest` holds bytes after the head: frames may share the packet. */
export type ResponseHeadStep =
  | { readonly kind: 'need-more' }
  | { readonly kind: 'head'; readonly head: ResponseHead; readonly rest: Uint8Array }
  | { readonly kind: 'error'; readonly error: ResponseHeadError };

/** Limits that bound the memory and time a hostile server can cost. */
export type ResponseHeadLimits = HeadLimits;

/**
 * Incremental parser for an HTTP/1.x response head: the scanner delimits the head (linear time,
 * bounded), then the status line and fields are split and checked. After `head` or `error` it is
 * finished; further pushes repeat that answer.
 */
export class ResponseHeadParser {
  private readonly scanner: HeadScanner;
  private result: ResponseHeadStep | null = null;

  constructor(limits: ResponseHeadLimits = {}) {
    this.scanner = new HeadScanner(limits);
  }

  /** Feeds bytes as they arrive. */
  push(chunk: Uint8Array): ResponseHeadStep {
    return this.result ?? this.settle(this.scanner.push(chunk));
  }

  /** The connection ended: a head that never completed is an error. */
  end(): ResponseHeadStep {
    return this.result ?? this.settle(this.scanner.end());
  }

  /** The head's bytes as received so far, at most the head limit (HeadScanner.received). */
  received(): Uint8Array {
    return this.scanner.received();
  }

  private settle(step: HeadScanStep): ResponseHeadStep {
    if (step.kind === 'need-more') return step;
    this.result = step.kind === 'error' ? step : parseResponseHead(step.rawHead, step.rest);
    return this.result;
  }
}

function parseResponseHead(rawHead: Uint8Array, rest: Uint8Array): ResponseHeadStep {
  const lines = splitHeadLines(rawHead);
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
  return { kind: 'head', head: { ...status, headers, rawHead }, rest };
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

function joinFolded(value: string, continuation: string): string {
  let start = 0;
  while (start < continuation.length && isOws(continuation.charCodeAt(start))) start++;
  let end = continuation.length;
  while (end > start && isOws(continuation.charCodeAt(end - 1))) end--;
  return start === end ? value : `${value} ${continuation.slice(start, end)}`;
}

/** Why a response head is unreadable, in words for the record, the CLI and the window. */
export function describeResponseHeadError(error: ResponseHeadError): string {
  switch (error.error) {
    case 'head-too-large':
      return `the response head is larger than ${error.limit} bytes`;
    case 'too-many-headers':
      return `the response has more than ${error.limit} header lines`;
    case 'incomplete-head':
      return `the connection ended ${error.receivedBytes} bytes into the response head`;
    case 'bad-status-line':
      return `the status line is not "HTTP/x.y NNN reason": ${quoted(error.line)}`;
    case 'bad-header-line':
      return `line ${error.lineNumber} is not a header field ("name: value"): ${quoted(error.line)}`;
  }
}

function quoted(line: string): string {
  return JSON.stringify(line.length > 80 ? `${line.slice(0, 80)}…` : line);
}
