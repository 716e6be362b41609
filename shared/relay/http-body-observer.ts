import { maxChunkLineBytes, parseChunkSize, type BodyFraming, type BodyFramingChoice } from '../protocol/http-body-reader.js';

/** What was seen of one HTTP body: every byte counted, only the start kept. */
export interface ObservedBody {
  readonly framing: BodyFraming;
  /** Decoded body bytes seen (chunk framing not counted), however many. */
  readonly byteLength: number;
  /** The first decoded bytes, at most the observer's limit. */
  readonly start: Uint8Array;
  /** True when the body had more bytes than `start` keeps. */
  readonly isTruncated: boolean;
  /** True when the framing said the body ended (for `until-close`: the connection closed). */
  readonly isComplete: boolean;
  /** Why the framing could not be followed (a bad Content-Length or chunk line); the rest is counted as it came. */
  readonly problem: string | null;
}

type ChunkState = 'size' | 'data' | 'data-end' | 'trailer' | 'done';

/**
 * Watches one HTTP/1.1 body go by (RFC 9112 §6): Content-Length, chunked (§7.1) or until the
 * connection closes. It never holds more than `maxStartBytes` of the body and one chunk-size
 * line, whatever the body's size, and never changes a byte: it is fed copies of what is forwarded.
 */
export class HttpBodyObserver {
  private framing: BodyFraming;
  private remaining: number;
  private readonly start: Uint8Array;
  private startLength = 0;
  private byteLength = 0;
  private chunkState: ChunkState = 'size';
  private line = '';
  private isComplete: boolean;
  private problem: string | null = null;

  constructor(choice: BodyFramingChoice, private readonly maxStartBytes: number) {
    this.start = new Uint8Array(maxStartBytes);
    if ('error' in choice) {
      this.framing = 'until-close';
      this.remaining = 0;
      this.problem = choice.error === 'bad-content-length' ? `Content-Length is not one length: ${choice.value}` : 'the body framing cannot be read';
    } else {
      this.framing = choice.framing;
      this.remaining = choice.length;
    }
    this.isComplete = this.framing === 'none';
  }

  /** Feeds bytes; returns how many belonged to the body (the rest came after it ended). */
  push(chunk: Uint8Array): number {
    if (this.isComplete) return 0;
    switch (this.framing) {
      case 'content-length': {
        const taken = Math.min(this.remaining, chunk.length);
        this.take(chunk.subarray(0, taken));
        this.remaining -= taken;
        if (this.remaining === 0) this.isComplete = true;
        return taken;
      }
      case 'chunked':
        return this.pushChunked(chunk);
      default:
        this.take(chunk);
        return chunk.length;
    }
  }

  /** The connection closed: the natural end of an `until-close` body, a cut one otherwise. */
  end(): void {
    if (this.framing === 'until-close') this.isComplete = true;
  }

  /** True once the framing said the body ended. */
  get isDone(): boolean {
    return this.isComplete;
  }

  /** What was seen so far. */
  observed(): ObservedBody {
    return {
      framing: this.framing,
      byteLength: this.byteLength,
      start: this.start.slice(0, this.startLength),
      isTruncated: this.byteLength > this.startLength,
      isComplete: this.isComplete,
      problem: this.problem,
    };
  }

  private take(bytes: Uint8Array): void {
    const room = Math.min(this.maxStartBytes - this.startLength, bytes.length);
    if (room > 0) {
      this.start.set(bytes.subarray(0, room), this.startLength);
      this.startLength += room;
    }
    this.byteLength += bytes.length;
  }

  /** §7.1: chunk-size [chunk-ext] CRLF chunk-data CRLF … last-chunk trailer-section CRLF. */
  private pushChunked(chunk: Uint8Array): number {
    let i = 0;
    while (i < chunk.length && this.chunkState !== 'done') {
      if (this.chunkState === 'data') {
        const taken = Math.min(this.remaining, chunk.length - i);
        this.take(chunk.subarray(i, i + taken));
        this.remaining -= taken;
        i += taken;
        if (this.remaining === 0) this.chunkState = 'data-end';
        continue;
      }
      const byte = chunk[i++]!;
      if (byte !== 0x0a) {
        if (this.line.length >= maxChunkLineBytes) return this.broken(chunk, i, `a chunk line longer than ${maxChunkLineBytes} bytes`);
        if (byte !== 0x0d) this.line += String.fromCharCode(byte);
        continue;
      }
      const line = this.line;
      this.line = '';
      const problem = this.chunkLine(line);
      if (problem !== null) return this.broken(chunk, i, problem);
    }
    if (this.chunkState === 'done') this.isComplete = true;
    return i;
  }

  private chunkLine(line: string): string | null {
    switch (this.chunkState) {
      case 'data-end':
        if (line !== '') return 'no CRLF after a chunk\'s data';
        this.chunkState = 'size';
        return null;
      case 'size': {
        const size = parseChunkSize(line);
        if (size === null) return `"${line.slice(0, 40)}" is not a chunk size`;
        if (size === 0) this.chunkState = 'trailer';
        else {
          this.remaining = size;
          this.chunkState = 'data';
        }
        return null;
      }
      default:
        if (line === '') this.chunkState = 'done';
        return null;
    }
  }

  /** The chunked framing broke: from here on the bytes are counted as they came, until close. */
  private broken(chunk: Uint8Array, from: number, problem: string): number {
    this.problem = problem;
    this.framing = 'until-close';
    this.take(chunk.subarray(from));
    return chunk.length;
  }
}
