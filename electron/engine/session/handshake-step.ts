import type { Duplex } from 'node:stream';
import type { HandshakeResponseJson, RelayLeg, UnreadableResponseJson } from '../../../shared/contract/records.js';
import type { SessionOptions } from '../../../shared/contract/session-options.js';
import { checkDetail, recordedText } from '../../../shared/i18n/event-text.js';
import { englishText } from '../../../shared/i18n/english-text.js';
import { isMessage, message, type Message } from '../../../shared/i18n/message.js';
import { checkHandshake } from '../../../shared/protocol/handshake-checks.js';
import { buildHandshakeRequest, toHandshakeRequestJson, type HandshakeRequest, type HandshakeRequestOptions } from '../../../shared/protocol/handshake-request.js';
import { getHeaderValue } from '../../../shared/protocol/header-list.js';
import type { ResponseBody } from '../../../shared/protocol/http-body-reader.js';
import { describeResponseHeadError, type ResponseHead } from '../../../shared/protocol/http-response-parser.js';
import { agreementParams, negotiateDeflate } from '../../../shared/protocol/permessage-deflate.js';
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
  /** Changes the request built from the options (the conformance battery sends broken ones on purpose). */
  readonly adjustRequest?: (request: HandshakeRequestOptions) => HandshakeRequestOptions;
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
  const defaults = requestOptions(options);
  const built = buildHandshakeRequest(context.adjustRequest ? context.adjustRequest(defaults) : defaults);
  if (!built.ok) {
    const problem = 'name' in built ? message('failure:handshake.cannotBuildNamed', { error: built.error, name: built.name }) : message('failure:handshake.cannotBuild', { error: built.error });
    return reject(context, problem, message('failure:handshake.hint.cannotBuild'));
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
      const problem = message('failure:handshake.unreadable', { peer: context.peer, reason: unreadable!.reason });
      // A status line that is not HTTP means the wrong port or TLS; a broken head after a good status line is a broken hop.
      const hint = message(outcome.error.error === 'bad-status-line' ? 'failure:handshake.hint.unreadable' : 'failure:handshake.hint.malformedHead');
      return reject(context, problem, hint);
    }
    const text = recordedText(
      message('failure:handshake.noResponse', { peer: context.peer, reason: outcome.message }),
      message(outcome.end === 'timeout' ? 'failure:handshake.hint.timeout' : 'failure:handshake.hint.closed'),
    );
    capture.appendEvent({ atMicros, name: 'error', stage: 'handshake', ...text, ...leg });
    const end = outcome.end === 'timeout' ? { by: 'client' as const, how: 'timeout' as const } : { by: 'path' as const, how: outcome.end };
    return { ok: false, closed: { ...end, message: text.message, i18n: { message: text.i18n.message } } };
  }

  const { head, body } = outcome;
  const checks = checkHandshake({ requestHeaders: request.headers, statusCode: head.statusCode, responseHeaders: head.headers });
  capture.appendEvent({ atMicros, name: 'response-received', statusCode: head.statusCode, reason: head.reason, httpVersion: head.httpVersion, ...leg });
  capture.appendHandshake({ atMicros, request: toHandshakeRequestJson(request), response: responseJson(head, body), checks, ...leg });

  if (head.statusCode !== 101) {
    const refused = describeHandshakeFailure({
      status: head.statusCode,
      reason: head.reason,
      responseHeaders: head.headers,
      requestHeaders: request.headers,
      target: request.target,
      bodyText: body ? Buffer.from(body.body).toString('latin1') : '',
      peer: context.peer,
    });
    const text = recordedText(refused.message, refused.hint);
    capture.appendEvent({ atMicros, name: 'error', stage: 'handshake', ...text, ...leg });
    return { ok: false, closed: { by: 'server', how: 'error', message: text.message, i18n: { message: text.i18n.message } } };
  }

  const failed = checks.filter((check) => !check.ok);
  if (failed.length > 0) {
    const problem = message('failure:handshake.checksFailed', { checks: failed.map((check) => message('failure:handshakeCheck.item', { id: check.id, detail: checkDetail(check) })) });
    if (options.mode === 'strict') {
      const text = recordedText(problem, message('failure:handshake.hint.strictChecks'));
      capture.appendEvent({ atMicros, name: 'error', stage: 'handshake', ...text, ...leg });
      return { ok: false, closed: { by: 'client', how: 'error', message: text.message, i18n: { message: text.i18n.message } } };
    }
    capture.appendEvent({ atMicros, name: 'warning', ...recordedText(problem, message('failure:handshake.hint.observeChecks')), ...leg });
  }

  const deflate = negotiatedDeflate(request, head);
  const subprotocol = getHeaderValue(head.headers, 'sec-websocket-protocol');
  capture.updateHeader({
    extensions: deflate ? [{ name: 'permessage-deflate', params: agreementParams(deflate) }] : [],
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
  const said = isMessage(outcome.message) ? englishText(outcome.message) : String(outcome.message);
  const reason = `${said}, ${outcome.partialHead.length} bytes into the response head`;
  return { error: 'incomplete-head', reason, raw: Buffer.from(outcome.partialHead).toString('base64'), rawTruncated: outcome.received > outcome.partialHead.length };
}

function reject(context: HandshakeContext, problem: Message, hint: Message): HandshakeRejected {
  const text = recordedText(problem, hint);
  context.capture.appendEvent({ atMicros: context.clock.nowMicros(), name: 'error', stage: 'handshake', ...text, ...(context.leg ? { leg: context.leg } : {}) });
  return { ok: false, closed: { by: 'client', how: 'error', message: text.message, i18n: { message: text.i18n.message } } };
}

function requestOptions(options: SessionOptions): HandshakeRequestOptions {
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

