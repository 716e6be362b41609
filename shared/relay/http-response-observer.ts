import { responseFraming } from '../protocol/http-body-reader.js';
import { describeResponseHeadError, ResponseHeadParser, type ResponseHead } from '../protocol/http-response-parser.js';
import { HttpBodyObserver, type ObservedBody } from './http-body-observer.js';

/** What was seen of one HTTP/1.1 response. */
export interface ObservedResponse {
  /** The final response's head; null until it is whole. */
  readonly head: ResponseHead | null;
  readonly body: ObservedBody | null;
  /** True once the head and the whole body went by. */
  readonly isComplete: boolean;
  /** Why the response could not be read (the bytes were forwarded all the same); null when it could. */
  readonly problem: string | null;
}

/**
 * Watches the server's side of one passed-through exchange as a bounded observer on the byte
 * stream: the head through the response parser (its head limits), then the body through
 * HttpBodyObserver (only its start kept). Interim 1xx responses (RFC 9110 §15.2, such as
 * `100 Continue`) are skipped for the final one. The bytes it is fed are copies: observing never
 * changes what is forwarded, and a response it cannot read is still forwarded whole.
 */
export class HttpResponseObserver {
  private parser = new ResponseHeadParser();
  private head: ResponseHead | null = null;
  private body: HttpBodyObserver | null = null;
  private problem: string | null = null;

  /** `requestMethod`: a response to HEAD has no body, whatever its fields say (RFC 9110 §9.3.2). */
  constructor(private readonly requestMethod: string, private readonly maxStartBytes: number) {}

  /** Feeds the next bytes the server sent. */
  push(chunk: Uint8Array): void {
    if (this.problem !== null || chunk.length === 0) return;
    if (this.body !== null) return void this.body.push(chunk);
    const step = this.parser.push(chunk);
    if (step.kind === 'need-more') return;
    if (step.kind === 'error') return void (this.problem = describeResponseHeadError(step.error));
    if (step.head.statusCode >= 100 && step.head.statusCode < 200 && step.head.statusCode !== 101) {
      this.parser = new ResponseHeadParser();
      return this.push(step.rest);
    }
    this.head = step.head;
    const framing = this.requestMethod.toUpperCase() === 'HEAD' ? { framing: 'none' as const, length: 0 } : responseFraming(step.head);
    this.body = new HttpBodyObserver(framing, this.maxStartBytes);
    this.body.push(step.rest);
  }

  /** The server's side ended. */
  end(): void {
    if (this.body !== null) return this.body.end();
    if (this.problem !== null) return;
    const step = this.parser.end();
    // A connection that closed before any byte of a response is no response, not an unreadable one.
    if (step.kind === 'error' && !(step.error.error === 'incomplete-head' && step.error.receivedBytes === 0)) this.problem = describeResponseHeadError(step.error);
  }

  /** True once the head and the whole body went by. */
  get isComplete(): boolean {
    return this.body?.isDone ?? false;
  }

  /** What was seen so far. */
  observed(): ObservedResponse {
    const body = this.body?.observed() ?? null;
    return { head: this.head, body, isComplete: this.isComplete, problem: this.problem ?? body?.problem ?? null };
  }
}
