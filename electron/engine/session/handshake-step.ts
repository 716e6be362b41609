import type { Duplex } from 'node:stream';
import type { HandshakeResponseJson, RelayLeg, UnreadableResponseJson } from '../../../shared/contract/records.js';
import type { SessionOptions } from '../../../shared/contract/session-options.js';
import { checkHandshake } from '../../../shared/protocol/handshake-checks.js';
import { buildHandshakeRequest, toHandshakeRequestJson, type HandshakeRequest } from '../../../shared/protocol/handshake-request.js';
import { getHeaderValue } from '../../../shared/protocol/header-list.js';
import type { ResponseBody } from '../../../shared/protocol/http-body-reader.js';
import { describeResponseHeadError, type ResponseHead } from '../../../shared/protocol/http-response-parser.js';
import { negotiateDeflate } from '../../../shared/protocol/permessage-deflate.js';
import type { DeflateAgreement } from '../../../shared/protocol/permessage-deflate.js';
import type { CaptureLog } from '../capture/capture-log.js';
import type { ClosedDetails } from '../../../shared/connection/closed-details.js';
import { exchangeHandshake, type HandshakeOutcome } from './handshake-exchange.js';
import { describeHandshakeFailure } from './handshake-failure.js';
import { randomHandshakeKey } from './masking-keys.js';
import type { SessionClock } from './session-clock.js';

/** A handshake that switched protocols: what the frame layer needs next. */
export interface HandshakeAccepted {
  readonly ok: true;
  /** Bytes that followed the 101 head in the same read: the first frames. */
  readonly rest: Uint8Array;
  readonly deflate: DeflateAgreement | null;
}

/** A handshake that did not: how the session ends. */
export interface HandshakeRejected {
  readonly ok: false;
  readonly closed: ClosedDetails;
}

/** Who the handshake talks to, for messages such as "HTTP 426 from 127.0.0.1:8080". */
export interface HandshakeContext {
  readonly socket: Duplex;
  readonly options: SessionOptions;
  readonly capture: CaptureLog;
  readonly clock: SessionClock;
  readonly peer: string;
  /** A relay's upstream handshake: its records carry the leg (records.ts RelayLeg). */
  readonly leg?: RelayLeg;
}

/**
 * The opening handshake (§4.1–§4.2.2): build and write the request, read the response, and record
 * both raw and parsed with their checks as one `handshake` record. Observe mode carries on past
 * failed checks (with a warning), as long as the server switched protocols; strict mode fails.
 */
export async function performHandshake(context: HandshakeContext): Promise<HandshakeAccepted | HandshakeRejected> {
  const { options, capture, clock } = context;
  const leg = context.leg ? { leg: context.leg } : {};
  const built = buildHandshakeRequest(requestOptions(options));
  if (!built.ok) {
    const message = `cannot build the handshake request: ${built.error}${'name' in built ? ` (${built.name})` : ''}`;
    return reject(context, 'the request would not be the one described; check the URL path and header names and values', message);
  }
  const request = built.request;
  const requestAtMicros = clock.nowMicros();
  capture.appendWireChunk('out', requestAtMicros, request.bytes.length);
  capture.appendEvent({ atMicros: requestAtMicros, name: 'handshake-sent', bytes: request.bytes.length, httpVersion: request.httpVersion, ...leg });

  const outcome = await exchangeHandshake(context.socket, request.bytes, {
    timeoutMs: options.limits.handshakeTimeoutMs,
    maxBodyBytes: 64 * 1024,
    onRead: (chunk) => capture.appendWireChunk('in', clock.nowMicros(), chunk.length),
  });
  const atMicros = clock.nowMicros();
  // The session was dropped while we waited and has already recorded how it ended.
  if (capture.isSealed) return { ok: false, closed: { by: 'client', how: 'fin' } };

  if (outcome.kind !== 'response') {
    const unreadable = unreadableResponse(outcome);
    capture.appendHandshake({ atMicros, request: toHandshakeRequestJson(request), response: null, ...(unreadable ? { unreadableResponse: unreadable } : {}), checks: [], ...leg });
    if (outcome.kind === 'bad-response') {
      const hint = outcome.error.error === 'bad-status-line'
        ? 'the peer does not speak HTTP/1.1 here: check the port and whether it expects TLS (wss://)'
        : 'the server or a proxy on the path sent a malformed HTTP response head; the bytes it sent are kept in the handshake record';
      return reject(context, hint, `unreadable handshake response from ${context.peer}: ${unreadable!.reason}`);
    }
    const message = `no handshake response from ${context.peer}: ${outcome.message}`;
    const hint = outcome.end === 'timeout'
      ? 'a hop accepted the connection but never answered: a load balancer speaking HTTP/1.0 to the backend hangs like this until its timeout (often 60 s)'
      : 'the peer closed the connection without answering: it may not be an HTTP server, or it expects TLS';
    capture.appendEvent({ atMicros, name: 'error', stage: 'handshake', message, hint, ...leg });
    const end = outcome.end === 'timeout' ? { by: 'client' as const, how: 'timeout' as const } : { by: 'path' as const, how: outcome.end };
    return { ok: false, closed: { ...end, message } };
  }

  const { head, body } = outcome;
  const checks = checkHandshake({ requestHeaders: request.headers, statusCode: head.statusCode, responseHeaders: head.headers });
  capture.appendEvent({ atMicros, name: 'response-received', statusCode: head.statusCode, reason: head.reason, httpVersion: head.httpVersion, ...leg });
  capture.appendHandshake({ atMicros, request: toHandshakeRequestJson(request), response: responseJson(head, body), checks, ...leg });

  if (head.statusCode !== 101) {
    const text = describeHandshakeFailure(head.statusCode, head.reason, head.headers, context.peer);
    capture.appendEvent({ atMicros, name: 'error', stage: 'handshake', message: text.message, hint: text.hint, ...leg });
    return { ok: false, closed: { by: 'server', how: 'error', message: text.message } };
  }

  const failed = checks.filter((check) => !check.ok);
  if (failed.length > 0) {
    const message = `handshake checks failed: ${failed.map((check) => `${check.id} (${check.detail})`).join('; ')}`;
    if (options.mode === 'strict') {
      capture.appendEvent({ atMicros, name: 'error', stage: 'handshake', message, hint: 'a conforming client must fail this connection (RFC 6455 §4.1)', ...leg });
      return { ok: false, closed: { by: 'client', how: 'error', message } };
    }
    capture.appendEvent({ atMicros, name: 'warning', message, hint: 'observe mode carries on; a browser would fail this connection', ...leg });
  }

  const deflate = negotiatedDeflate(request, head);
  const subprotocol = getHeaderValue(head.headers, 'sec-websocket-protocol');
  capture.updateHeader({
    extensions: deflate ? [{ name: 'permessage-deflate', params: deflateParams(deflate) }] : [],
    subprotocol,
  });
  return { ok: true, rest: outcome.rest, deflate };
}

/** What to keep of an answer that never became a readable head: its bytes and why, or nothing when no byte came. */
function unreadableResponse(outcome: Exclude<HandshakeOutcome, { kind: 'response' }>): UnreadableResponseJson | undefined {
  if (outcome.kind === 'bad-response') {
    return { error: outcome.error.error, reason: describeResponseHeadError(outcome.error), raw: Buffer.from(outcome.headBytes).toString('base64'), rawTruncated: outcome.received > outcome.headBytes.length };
  }
  if (outcome.partialHead.length === 0) return undefined;
  const reason = `${outcome.message}, ${outcome.partialHead.length} bytes into the response head`;
  return { error: 'incomplete-head', reason, raw: Buffer.from(outcome.partialHead).toString('base64'), rawTruncated: outcome.received > outcome.partialHead.length };
}

function reject(context: HandshakeContext, hint: string, message: string): HandshakeRejected {
  context.capture.appendEvent({ atMicros: context.clock.nowMicros(), name: 'error', stage: 'handshake', message, hint, ...(context.leg ? { leg: context.leg } : {}) });
  return { ok: false, closed: { by: 'client', how: 'error', message } };
}

function requestOptions(options: SessionOptions) {
  const url = new URL(options.url);
  return {
    host: url.host,
    target: `${url.pathname || '/'}${url.search}`,
    httpVersion: options.httpVersion,
    key: randomHandshakeKey(),
    ...(options.origin ? { origin: options.origin } : {}),
    subprotocols: options.subprotocols,
    ...(options.deflate.enabled
      ? {
          deflate: {
            ...(options.deflate.clientMaxWindowBits !== undefined ? { clientMaxWindowBits: options.deflate.clientMaxWindowBits } : { clientMaxWindowBits: true as const }),
            ...(options.deflate.serverMaxWindowBits !== undefined ? { serverMaxWindowBits: options.deflate.serverMaxWindowBits } : {}),
            ...(options.deflate.clientNoContextTakeover ? { clientNoContextTakeover: true } : {}),
            ...(options.deflate.serverNoContextTakeover ? { serverNoContextTakeover: true } : {}),
          },
        }
      : {}),
    headers: options.headers,
  };
}

function responseJson(head: ResponseHead, body: ResponseBody | undefined): HandshakeResponseJson {
  const raw = body ? Buffer.concat([head.rawHead, body.raw]) : Buffer.from(head.rawHead);
  return {
    httpVersion: head.httpVersion,
    statusCode: head.statusCode,
    reason: head.reason,
    headers: head.headers.map(([name, value]) => [name, value]),
    ...(body && body.body.length > 0 ? { body: Buffer.from(body.body).toString('base64') } : {}),
    raw: raw.toString('base64'),
  };
}

/** The agreement when the server accepted our offer; a malformed acceptance was already flagged by the checks. */
function negotiatedDeflate(request: HandshakeRequest, head: ResponseHead): DeflateAgreement | null {
  const result = negotiateDeflate(request.headers, head.headers);
  return result && result.ok ? result.agreement : null;
}

function deflateParams(agreement: DeflateAgreement): Record<string, string | true> {
  const params: Record<string, string | true> = {};
  if (agreement.serverNoContextTakeover) params.server_no_context_takeover = true;
  if (agreement.clientNoContextTakeover) params.client_no_context_takeover = true;
  if (agreement.serverMaxWindowBits !== null) params.server_max_window_bits = String(agreement.serverMaxWindowBits);
  if (agreement.clientMaxWindowBits !== null) params.client_max_window_bits = String(agreement.clientMaxWindowBits);
  return params;
}
