import type { HttpBodySeen, HttpExchange, HttpExchangeEnd } from '../../../shared/contract/relay-http-exchange.js';
import { httpBodyStartBytes } from '../../../shared/contract/relay-http-exchange.js';
import { framingFromFields } from '../../../shared/protocol/http-body-reader.js';
import type { RequestHead } from '../../../shared/protocol/http-request-parser.js';
import { HttpBodyObserver, type ObservedBody } from '../../../shared/relay/http-body-observer.js';
import { HttpResponseObserver } from '../../../shared/relay/http-response-observer.js';
import { defaultRedaction, RedactionRules } from '../capture/export/redaction-rules.js';
import { noteBodyCredentials, redactHeaders, redactUrl } from '../capture/export/redact-values.js';
import type { DialFailure } from '../net/dial-failure.js';
import type { PassThroughWatch } from './pass-through.js';

/** Which side of a passed-through exchange went away first. */
type FirstEnd = 'client' | 'server' | null;

/**
 * Records one passed-through HTTP exchange as the relay carries it (pass-through.ts feeds it
 * copies of what goes each way): the client's head as it came, the request body and the response
 * through bounded observers (shared/relay), the timing and how it ended. What it hands out is
 * redacted as exports redact (the same rules: secret headers, credential query values, userinfo).
 */
export class HttpExchangeRecorder implements PassThroughWatch {
  private readonly requestBody: HttpBodyObserver;
  private readonly response: HttpResponseObserver;
  private readonly startedAtMs = Date.now();
  private readonly startedAt = performance.now();
  private completedAt: number | null = null;
  private endedAt: number | null = null;
  private firstEnd: FirstEnd = null;
  private failure: DialFailure | null = null;
  private readonly rules = new RedactionRules(defaultRedaction);

  constructor(
    private readonly exchangeId: number,
    private readonly peer: string,
    private readonly head: RequestHead,
    private readonly url: string,
    rest: Uint8Array,
  ) {
    // RFC 9112 §6.3 item 7: a request without Content-Length or Transfer-Encoding has no body.
    this.requestBody = new HttpBodyObserver(framingFromFields(head.headers, 'none'), httpBodyStartBytes);
    this.requestBody.push(rest);
    this.response = new HttpResponseObserver(head.method, httpBodyStartBytes);
  }

  dialFailed(failure: DialFailure): void {
    this.failure = failure;
    this.ended('server');
  }

  clientData(chunk: Uint8Array): void {
    this.requestBody.push(chunk);
  }

  serverData(chunk: Uint8Array): void {
    this.response.push(chunk);
    if (this.completedAt === null && this.response.isComplete) this.completedAt = performance.now();
  }

  clientEnded(): void {
    this.requestBody.end();
    this.ended('client');
  }

  serverEnded(): void {
    this.response.end();
    if (this.completedAt === null && this.response.isComplete) this.completedAt = performance.now();
    this.ended('server');
  }

  /** The exchange as it stands; `isFinished`: both sides are done, so `end` says how it ended. */
  exchange(isFinished: boolean): HttpExchange {
    const observed = this.response.observed();
    const head = observed.head;
    const until = this.completedAt ?? this.endedAt;
    const requestBody = this.requestBody.observed();
    // Credentials a body hands out go with the values its URL and heads lost (`removedValues`).
    noteBodyCredentials(requestBody.start, this.rules);
    if (observed.body) noteBodyCredentials(observed.body.start, this.rules);
    return {
      exchangeId: this.exchangeId,
      peer: this.peer,
      method: this.head.method,
      url: redactUrl(this.url, this.rules),
      httpVersion: this.head.httpVersion,
      requestHeaders: redactHeaders(this.head.headers, 'request-header', this.rules),
      requestBody: bodySeen(requestBody),
      response: head === null ? null : {
        httpVersion: head.httpVersion,
        statusCode: head.statusCode,
        reason: head.reason,
        headers: redactHeaders(head.headers, 'response-header', this.rules),
        body: bodySeen(observed.body!),
      },
      responseProblem: observed.problem,
      startedAtMs: this.startedAtMs,
      durationMs: isFinished && until !== null ? Math.max(0, until - this.startedAt) : null,
      end: isFinished ? this.end() : { kind: 'open' },
    };
  }

  /** The values `exchange` took out of the URL and heads, for the relay to blank them in body starts (never sent anywhere). */
  removedValues(): readonly string[] {
    return this.rules.removedValues();
  }

  private end(): HttpExchangeEnd {
    if (this.failure !== null) {
      const { stage, message, hint, i18n } = this.failure;
      return { kind: 'upstream-failed', stage, message, hint, i18n: { message: i18n.message, hint: i18n.hint } };
    }
    if (this.response.isComplete) return { kind: 'completed' };
    return { kind: this.firstEnd === 'server' ? 'server-closed' : 'client-closed' };
  }

  private ended(side: 'client' | 'server'): void {
    if (this.firstEnd !== null) return;
    this.firstEnd = side;
    this.endedAt = performance.now();
  }
}

// Node's base64 gives one flat string; shared's encoder builds it by appending, a tree of about
// 1,400 string pieces for 4 KiB that the kept exchange would hold for as long as it is kept
// (measured: about 140 KB instead of 11 KB for the two bodies; docs/performance.md).
function bodySeen(body: ObservedBody): HttpBodySeen {
  const start = Buffer.from(body.start.buffer, body.start.byteOffset, body.start.byteLength).toString('base64');
  return { byteLength: body.byteLength, start, isTruncated: body.isTruncated, isComplete: body.isComplete };
}
