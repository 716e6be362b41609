import type { HandshakeRequestJson, HandshakeResponseJson, HeaderPair } from '../../../shared/contract/records.js';
import { asciiLower } from '../../../shared/protocol/header-text.js';
import { getHeaderList } from '../../../shared/protocol/header-list.js';
import { isHopByHopHeader } from '../../../shared/protocol/hop-by-hop.js';
import type { RequestHead } from '../../../shared/protocol/http-request-parser.js';
import { answerUpgrade, encodeAnswer, type UpgradeAnswer } from '../listen/upgrade-answer.js';

/** What the relay tells the client, as bytes and as the handshake record's response. */
export interface ClientAnswer {
  readonly bytes: Uint8Array;
  readonly response: HandshakeResponseJson;
  readonly isUpgrade: boolean;
}

// The relay writes these itself; the rest of the upstream's 101 (cookies, custom headers) goes to the client as it came.
const rewritten = ['sec-websocket-accept', 'sec-websocket-extensions', 'content-length'];

/**
 * The 101 the client gets once the server switched protocols: our own Accept for the client's key
 * (§4.2.2, the relay is the client's server), the upstream's other headers, Sec-WebSocket-Protocol
 * among them, and its permessage-deflate acceptance in the server's own words when both ends
 * agreed (so both run with the same parameters).
 */
export function upgradeAnswerFor(clientHead: RequestHead, upstreamHeaders: readonly HeaderPair[], deflateAcceptance: string | null): ClientAnswer {
  const base = answerUpgrade(clientHead, null);
  const connectionTokens = getHeaderList(upstreamHeaders, 'connection');
  const passed = upstreamHeaders.filter(([name]) => !isHopByHopHeader(name, connectionTokens) && !rewritten.includes(asciiLower(name)));
  const headers: HeaderPair[] = [...base.headers, ...passed, ...(deflateAcceptance !== null ? [['Sec-WebSocket-Extensions', deflateAcceptance] as HeaderPair] : [])];
  return encoded({ ...base, headers });
}

/** The client's own request was not a valid upgrade: the answer a conforming server gives (400, 426, 405). */
export function refusalFor(clientHead: RequestHead): ClientAnswer | null {
  const answer = answerUpgrade(clientHead, null);
  return answer.isUpgrade ? null : encoded(answer);
}

/** The server did not switch protocols: its answer goes to the client byte for byte. */
export function passedOnAnswer(response: HandshakeResponseJson): ClientAnswer {
  return { bytes: Buffer.from(response.raw, 'base64'), response, isUpgrade: false };
}

/** The server could not be reached or did not answer: 502 with the reason, for the client's developer to read. */
export function badGatewayAnswer(reason: string): ClientAnswer {
  const body = `Frameline relay: the server could not be reached: ${reason}\n`;
  return encoded({
    statusCode: 502,
    reason: 'Bad Gateway',
    headers: [['Content-Type', 'text/plain; charset=utf-8'], ['Content-Length', String(Buffer.byteLength(body))], ['Connection', 'close']],
    body,
    isUpgrade: false,
  });
}

/** A 400 for a request the relay cannot place, with the reason for the client's developer to read. */
export function badRequestBytes(reason: string): Uint8Array {
  const body = `Frameline relay: ${reason}\n`;
  return encodeAnswer({ statusCode: 400, reason: 'Bad Request', headers: [['Content-Type', 'text/plain; charset=utf-8'], ['Content-Length', String(Buffer.byteLength(body))], ['Connection', 'close']], body, isUpgrade: false });
}

/** The client's request as the handshake record keeps it. */
export function clientRequestJson(head: RequestHead): HandshakeRequestJson {
  return { method: head.method, target: head.target, httpVersion: head.httpVersion, headers: head.headers.map(([name, value]) => [name, value]), raw: Buffer.from(head.rawHead).toString('base64') };
}

function encoded(answer: Pick<UpgradeAnswer, 'statusCode' | 'reason' | 'headers' | 'body' | 'isUpgrade'>): ClientAnswer {
  const bytes = encodeAnswer(answer);
  return {
    bytes,
    isUpgrade: answer.isUpgrade,
    response: {
      httpVersion: '1.1',
      statusCode: answer.statusCode,
      reason: answer.reason,
      headers: answer.headers,
      ...(answer.body ? { body: Buffer.from(answer.body).toString('base64') } : {}),
      raw: bytes.toString('base64'),
    },
  };
}
