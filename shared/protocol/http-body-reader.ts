import { getHeaderList, getHeaderValues } from './header-list.js';
import type { HeaderPair } from '../contract/records.js';
import type { ResponseHead } from './http-response-parser.js';

/** How the body's end is known (RFC 9112 §6.3). */
export type BodyFraming = 'none' | 'content-length' | 'chunked' | 'until-close';

/** The collected body of a non-101 response. */
export interface ResponseBody {
  readonly framing: BodyFraming;
  /** The decoded body, at most `maxBodyBytes`. */
  readonly body: Uint8Array;
  /** True when the body had more bytes than the limit, or the connection ended early. */
  readonly truncated: boolean;
  /** The bytes consumed as received (chunk framing included), for the capture's raw view. */
  readonly raw: Uint8Array;
}

/** Why the body framing cannot be trusted. */
export type ResponseBodyError =
  | { readonly error: 'bad-content-length'; readonly value: string }
  | { readonly error: 'bad-chunked-encoding'; readonly offset: number };

/** The reader's answer to each chunk. */
export type ResponseBodyStep =
  | { readonly kind: 'need-more' }
  | { readonly kind: 'body'; readonly body: ResponseBody; readonly rest: Uint8Array }
  | { readonly kind: 'error'; readonly error: ResponseBodyError };

/** Bounds on what a body can cost. */
export interface ResponseBodyLimits {
  /** Decoded bytes kept; default 64 KiB. Reading stops once the limit is passed. */
  readonly maxBodyBytes?: number;
}

type ChunkState = 'size' | 'data' | 'data-end' | 'trailer';

/** Longest chunk-size line accepted (chunk extensions included), so a hostile peer cannot grow one forever. */
export const maxChunkLineBytes = 4096;

/**
 * Collects the body that follows a non-101 head: Content-Length, chunked (RFC 9112 §7.1) or until
 * the connection closes. Feed it `rest` from the head parser first, then later chunks.
 */
export class ResponseBodyReader {
  readonly framing: BodyFraming;
  private readonly maxBodyBytes: number;
  private readonly body: number[] = [];
  private readonly raw: number[] = [];
  private remaining = 0;
  private chunkState: ChunkState = 'size';
  private line = '';
  private result: ResponseBodyStep | null = null;

  constructor(head: ResponseHead, limits: ResponseBodyLimits = {}) {
    this.maxBodyBytes = limits.maxBodyBytes ?? 64 * 1024;
    const framing = responseFraming(head);
    if ('error' in framing) {
      this.framing = 'none';
      this.result = { kind: 'error', error: framing };
    } else {
      this.framing = framing.framing;
      this.remaining = framing.length;
    }
  }

  /** Feeds bytes; returns `body` once the body ended or passed the limit. */
  push(chunk: Uint8Array): ResponseBodyStep {
    if (this.result !== null) return this.result;
    if (this.framing === 'none') return this.done(false, chunk);
    for (let i = 0; i < chunk.length; i++) {
      const step = this.framing === 'chunked' ? this.chunkedByte(chunk[i]!) : this.plainByte(chunk[i]!);
      if (step === 'end') return this.done(false, chunk.subarray(i + 1));
      if (step === 'error') return this.fail({ error: 'bad-chunked-encoding', offset: this.raw.length - 1 });
      // Raw bytes are bounded too: tiny chunks with long extensions must not grow without end.
      if (this.raw.length > this.maxBodyBytes * 4 + maxChunkLineBytes) return this.done(true, chunk.subarray(i + 1));
      if (this.body.length > this.maxBodyBytes) {
        this.body.length = this.maxBodyBytes;
        return this.done(true, chunk.subarray(i + 1));
      }
    }
    return this.framing === 'content-length' && this.remaining === 0 ? this.done(false, new Uint8Array(0)) : { kind: 'need-more' };
  }

  /** The connection closed: the natural end for `until-close`, a truncation for the others. */
  end(): ResponseBodyStep {
    return this.result ?? this.done(this.framing !== 'until-close', new Uint8Array(0));
  }

  private plainByte(byte: number): 'more' | 'end' {
    this.raw.push(byte);
    this.body.push(byte);
    if (this.framing === 'content-length') {
      this.remaining--;
      if (this.remaining === 0) return 'end';
    }
    return 'more';
  }

  /** RFC 9112 §7.1: chunk-size [chunk-ext] CRLF chunk-data CRLF … last-chunk trailer-section CRLF. */
  private chunkedByte(byte: number): 'more' | 'end' | 'error' {
    this.raw.push(byte);
    if (this.chunkState === 'data') {
      this.body.push(byte);
      if (--this.remaining === 0) this.chunkState = 'data-end';
      return 'more';
    }
    if (byte !== 0x0a) {
      if (this.line.length >= maxChunkLineBytes) return 'error';
      if (byte !== 0x0d) this.line += String.fromCharCode(byte);
      return 'more';
    }
    const line = this.line;
    this.line = '';
    switch (this.chunkState) {
      case 'data-end':
        if (line !== '') return 'error';
        this.chunkState = 'size';
        return 'more';
      case 'size': {
        const size = parseChunkSize(line);
        if (size === null) return 'error';
        if (size === 0) this.chunkState = 'trailer';
        else { this.remaining = size; this.chunkState = 'data'; }
        return 'more';
      }
      case 'trailer':
        return line === '' ? 'end' : 'more';
      default:
        return 'error';
    }
  }

  private done(truncated: boolean, rest: Uint8Array): ResponseBodyStep {
    this.result = { kind: 'body', body: { framing: this.framing, body: Uint8Array.from(this.body), truncated, raw: Uint8Array.from(this.raw) }, rest: rest.slice() };
    return this.result;
  }

  private fail(error: ResponseBodyError): ResponseBodyStep {
    this.result = { kind: 'error', error };
    return this.result;
  }
}

/** RFC 9112 §6.3: no body for 1xx/204/304; otherwise as the fields say, until close when they say nothing. */
export function responseFraming(head: ResponseHead): BodyFramingChoice {
  const code = head.statusCode;
  if ((code >= 100 && code < 200) || code === 204 || code === 304) return { framing: 'none', length: 0 };
  return framingFromFields(head.headers, 'until-close');
}

/** A body's framing and, for `content-length`, its length; or why the fields cannot be trusted. */
export type BodyFramingChoice = { readonly framing: BodyFraming; readonly length: number } | ResponseBodyError;

/**
 * RFC 9112 §6.3 from the fields alone: chunked wins over Content-Length; else the length; else
 * `unframed` (a response reads until close, a request has no body, §6.3 item 7).
 */
export function framingFromFields(headers: readonly HeaderPair[], unframed: 'until-close' | 'none'): BodyFramingChoice {
  const codings = getHeaderList(headers, 'transfer-encoding');
  if (codings.length > 0) {
    const last = codings[codings.length - 1]!.toLowerCase();
    return { framing: last === 'chunked' ? 'chunked' : 'until-close', length: 0 };
  }
  const lengths = getHeaderList(headers, 'content-length');
  if (lengths.length === 0) return { framing: unframed, length: 0 };
  // §6.3 item 5: repeated identical values are one length; differing ones are an error.
  const first = lengths[0]!;
  if (!/^[0-9]{1,15}$/.test(first) || lengths.some((value) => value !== first)) {
    return { error: 'bad-content-length', value: getHeaderValues(headers, 'content-length').join(', ') };
  }
  const length = Number(first);
  return { framing: length === 0 ? 'none' : 'content-length', length };
}

/** RFC 9112 §7.1: 1*HEXDIG, then optional chunk extensions after `;` (ignored); null when it is not one. */
export function parseChunkSize(line: string): number | null {
  let end = 0;
  while (end < line.length && /[0-9a-fA-F]/.test(line[end]!)) end++;
  if (end === 0 || end > 12) return null;
  const after = line.slice(end).trimStart();
  if (after !== '' && !after.startsWith(';')) return null;
  return parseInt(line.slice(0, end), 16);
}
