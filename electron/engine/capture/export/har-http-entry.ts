import { httpBodyStartBytes, type HttpBodySeen, type HttpExchange } from '../../../../shared/contract/relay-http-exchange.js';
import { englishText } from '../../../../shared/i18n/english-text.js';
import { httpExchangeEndMessage } from '../../../../shared/relay/http-exchange-text.js';
import { HAR_EXTRAS_FIELD, harHeaders, harMimeType, harQueryString } from './har-log.js';
import type { RedactionRules } from './redaction-rules.js';
import { redactHeaders, redactPayload, redactRemovedValues, redactUrl } from './redact-values.js';

/** A body start as HAR text: UTF-8 as text, anything else as base64 (`encoding: "base64"`). */
interface BodyText {
  readonly text: string;
  readonly encoding?: 'base64';
}

/**
 * One relayed HTTP exchange as a HAR 1.2 entry. Only what was observed is written, and what was
 * not is said: bodies carry their real byte counts (`bodySize`, `content.size`) but only their
 * kept start as `text`, with a `comment` when it is shorter than the body; the whole duration is
 * all that was timed (under `wait`); an exchange without a response (the upstream failed, a side
 * closed first) has status 0 as Chrome writes it, and why in `_error` and `comment`.
 * `_frameline` keeps the exchange's id, the client's address, how it ended and the kept lengths.
 * The exchange was redacted when recorded; `rules` apply again (an export's extra header names,
 * its payload patterns, which also reach the body starts). Body starts also lose every value
 * `rules` holds as removed: the export notes those of all its exchanges first
 * (`noteRemovedValues`), since a value can be in one exchange's body before another's URL.
 */
export function harHttpEntry(exchange: HttpExchange, rules: RedactionRules): Record<string, unknown> {
  const url = redactUrl(exchange.url, rules);
  const requestHeaders = redactHeaders(exchange.requestHeaders, 'request-header', rules);
  const requestBody = keptBody(exchange.requestBody, rules);
  const response = exchange.response;
  const responseHeaders = response === null ? [] : redactHeaders(response.headers, 'response-header', rules);
  const responseBody = response === null ? null : keptBody(response.body, rules);
  const endText = englishText(httpExchangeEndMessage(exchange));
  const durationMs = exchange.durationMs ?? 0;
  return {
    startedDateTime: new Date(exchange.startedAtMs).toISOString(),
    time: durationMs,
    request: {
      method: exchange.method,
      url,
      httpVersion: `HTTP/${exchange.httpVersion}`,
      cookies: [],
      headers: harHeaders(requestHeaders),
      queryString: harQueryString(url),
      ...(exchange.requestBody.byteLength > 0 ? { postData: { mimeType: harMimeType(requestHeaders), ...bodyText(requestBody), ...bodyComment(exchange.requestBody) } } : {}),
      headersSize: -1,
      bodySize: exchange.requestBody.byteLength,
    },
    response: {
      status: response?.statusCode ?? 0,
      statusText: response?.reason ?? '',
      httpVersion: response === null ? '' : `HTTP/${response.httpVersion}`,
      cookies: [],
      headers: harHeaders(responseHeaders),
      content: {
        size: response?.body.byteLength ?? 0,
        mimeType: harMimeType(responseHeaders),
        ...(responseBody === null || response === null || response.body.byteLength === 0 ? {} : { ...bodyText(responseBody), ...bodyComment(response.body) }),
      },
      redirectURL: responseHeaders.find(([name]) => name.toLowerCase() === 'location')?.[1] ?? '',
      headersSize: -1,
      bodySize: response === null ? -1 : response.body.byteLength,
      ...(exchange.end.kind === 'upstream-failed' ? { _error: exchange.end.message } : {}),
    },
    cache: {},
    // Only the whole exchange was timed, from the request head to the end of the response.
    timings: { blocked: -1, dns: -1, connect: -1, send: 0, wait: durationMs, receive: 0, ssl: -1, comment: 'only the whole duration was measured; it is given as wait' },
    comment: entryComment(exchange, endText),
    [HAR_EXTRAS_FIELD]: {
      exchangeId: exchange.exchangeId,
      peer: exchange.peer,
      end: exchange.end,
      durationMs: exchange.durationMs,
      responseProblem: exchange.responseProblem,
      requestBody: bodyFacts(exchange.requestBody),
      responseBody: response === null ? null : bodyFacts(response.body),
    },
  };
}

/** Runs `rules` over an exchange's URL and heads only so they note what they remove (a first pass of an export). */
export function noteRemovedValues(exchange: HttpExchange, rules: RedactionRules): void {
  redactUrl(exchange.url, rules);
  redactHeaders(exchange.requestHeaders, 'request-header', rules);
  if (exchange.response !== null) redactHeaders(exchange.response.headers, 'response-header', rules);
}

function keptBody(body: HttpBodySeen, rules: RedactionRules): Uint8Array {
  const start = Buffer.from(body.start, 'base64');
  return redactPayload(redactRemovedValues(new Uint8Array(start.buffer, start.byteOffset, start.byteLength), rules).bytes, rules, 'http-body').bytes;
}

// A kept start cut inside a UTF-8 sequence is still text: up to three bytes of an unfinished
// character at the cut are left out of `text` (the byte counts say how much was kept).
function bodyText(bytes: Uint8Array): BodyText {
  for (let cut = 0; cut <= Math.min(3, bytes.byteLength); cut += 1) {
    const text = strictText(bytes.subarray(0, bytes.byteLength - cut));
    if (text !== null) return { text };
  }
  return { text: Buffer.from(bytes).toString('base64'), encoding: 'base64' };
}

const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function strictText(bytes: Uint8Array): string | null {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return null;
  }
}

function bodyComment(body: HttpBodySeen): { comment?: string } {
  const kept = Buffer.from(body.start, 'base64').byteLength;
  const parts = [
    ...(body.isTruncated ? [`only the first ${kept} of ${body.byteLength} bytes were kept`] : []),
    ...(body.isComplete ? [] : ['the body did not end as its framing said']),
  ];
  return parts.length === 0 ? {} : { comment: parts.join('; ') };
}

function bodyFacts(body: HttpBodySeen): Record<string, unknown> {
  return { byteLength: body.byteLength, keptBytes: Buffer.from(body.start, 'base64').byteLength, isTruncated: body.isTruncated, isComplete: body.isComplete };
}

function entryComment(exchange: HttpExchange, endText: string): string {
  const hint = exchange.end.kind === 'upstream-failed' && exchange.end.hint !== '' ? ` (${exchange.end.hint})` : '';
  const failed = exchange.end.kind === 'upstream-failed' ? '; the relay answered the client 502 Bad Gateway' : '';
  const problem = exchange.responseProblem === null ? '' : `; the response could not be read: ${exchange.responseProblem}`;
  return `Passed through a Frameline relay from ${exchange.peer}: ${endText}${hint}${failed}${problem}. Bodies: the first ${httpBodyStartBytes} bytes of each at most; content codings not undone.`;
}
