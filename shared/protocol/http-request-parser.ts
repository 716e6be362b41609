import type { HeaderPair } from '../contract/records.js';
import { isTokenChar } from './header-text.js';
import { HeadScanner, isDigit, parseHeaderLine, splitHeadLines, type HeadLimits, type HeadScanError, type HeadScanStep } from './http-head.js';

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
  | HeadScanError
  | { readonly error: 'bad-request-line'; readonly line: string }
  | { readonly error: 'bad-header-line'; readonly line: string; readonly lineNumber: number };

/** The parser's answer to each chunk. `rest` holds bytes after the head: the first frames may share the packet. */
export type RequestHeadStep =
  | { readonly kind: 'need-more' }
  | { readonly kind: 'head'; readonly head: RequestHead; readonly rest: Uint8Array }
  | { readonly kind: 'error'; readonly error: RequestHeadError };

/** Limits that bound the memory and time a hostile client can cost. */
export type RequestHeadLimits = HeadLimits;

/**
 * Incremental parser for an HTTP/1.x request head, the server-side twin of ResponseHeadParser,
 * sharing its scanner. Obsolete line folding is refused (RFC 9112 §5.2: a server must reject it
 * or replace it), so the headers are exactly the lines that arrived.
 */
export class RequestHeadParser {
  private readonly scanner: HeadScanner;
  private result: RequestHeadStep | null = null;

  constructor(limits: RequestHeadLimits = {}) {
    this.scanner = new HeadScanner(limits);
  }

  /** Feeds bytes as they arrive. */
  push(chunk: Uint8Array): RequestHeadStep {
    return this.result ?? this.settle(this.scanner.push(chunk));
  }

  /** The connection ended: a head that never completed is an error. */
  end(): RequestHeadStep {
    return this.result ?? this.settle(this.scanner.end());
  }

  private settle(step: HeadScanStep): RequestHeadStep {
    if (step.kind === 'need-more') return step;
    this.result = step.kind === 'error' ? step : parseRequestHead(step.rawHead, step.rest);
    return this.result;
  }
}

function parseRequestHead(rawHead: Uint8Array, rest: Uint8Array): RequestHeadStep {
  const lines = splitHeadLines(rawHead);
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
  return { kind: 'head', head: { requestLine, ...parsed, headers, rawHead }, rest };
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
