import { STATUS_CODES } from 'node:http';
import type { HeaderPair } from '../../../shared/contract/records.js';
import { acceptDeflateOffer } from '../../../shared/protocol/deflate-acceptance.js';
import { formatExtension, parseExtensionHeader } from '../../../shared/protocol/extension-header.js';
import { computeAccept } from '../../../shared/protocol/handshake-checks.js';
import { getHeaderList, getHeaderValue, getHeaderValues } from '../../../shared/protocol/header-list.js';
import type { RequestHead } from '../../../shared/protocol/http-request-parser.js';
import type { DeflateAgreement } from '../../../shared/protocol/permessage-deflate.js';
import { selectSubprotocol } from '../../../shared/protocol/subprotocol-selection.js';

/** What a listener agrees to beyond the plain upgrade: subprotocols (its order is its preference) and permessage-deflate. */
export interface ListenAccepts {
  readonly subprotocols: readonly string[];
  readonly isDeflateAccepted: boolean;
}

/** A listener that accepts no subprotocol and no extension. */
export const acceptsNothing: ListenAccepts = { subprotocols: [], isDeflateAccepted: false };

/** What the listener answers to one request head. */
export interface UpgradeAnswer {
  readonly statusCode: number;
  readonly reason: string;
  readonly headers: HeaderPair[];
  readonly body: string;
  /** True when the answer is 101 and frames follow. */
  readonly isUpgrade: boolean;
  /** The subprotocol the 101 selected, if any. */
  readonly subprotocol: string | null;
  /** The permessage-deflate parameters the 101 agreed to, if any. */
  readonly deflate: DeflateAgreement | null;
}

/**
 * Decides the answer the way a conforming server does (§4.2.1, §4.2.2): 101 for a valid
 * upgrade, 426 for a GET that lost its Upgrade header (the answer a backend behind a misconfigured
 * proxy gives, like `ws`), 400 for a malformed upgrade. `respondStatus` overrides it to imitate a
 * broken backend. HTTP/1.0 upgrades are accepted, like `ws` does, so a downgrading hop can be seen
 * working rather than guessed at. A 101 selects a subprotocol and accepts permessage-deflate as
 * `accepts` allows (§4.2.2 step 5.4, RFC 7692 §5.1).
 */
export function answerUpgrade(head: RequestHead, respondStatus: number | null, accepts: ListenAccepts = acceptsNothing): UpgradeAnswer {
  if (respondStatus !== null) return plain(respondStatus, `Frameline listen mode answers ${respondStatus} to every request (--respond).\n`);
  const upgrade = getHeaderList(head.headers, 'upgrade').map((token) => token.toLowerCase());
  if (head.method !== 'GET') return plain(405, `A WebSocket handshake is a GET; got ${head.method}.\n`);
  if (!upgrade.includes('websocket')) {
    return { ...plain(426, 'This endpoint expects a WebSocket upgrade, but the request has no "Upgrade: websocket" header.\n'), headers: [['Upgrade', 'websocket'], ['Sec-WebSocket-Version', '13'], ...plainHeaders(0)] };
  }
  const connection = getHeaderList(head.headers, 'connection').map((token) => token.toLowerCase());
  const key = getHeaderValue(head.headers, 'sec-websocket-key');
  const version = getHeaderValue(head.headers, 'sec-websocket-version');
  if (!connection.includes('upgrade')) return plain(400, 'The Connection header does not contain "upgrade".\n');
  if (key === null || !/^[A-Za-z0-9+/]{22}==$/.test(key.trim())) return plain(400, 'Missing or invalid Sec-WebSocket-Key.\n');
  if (version?.trim() !== '13') return { ...plain(400, 'Unsupported Sec-WebSocket-Version; this server speaks 13.\n'), headers: [['Sec-WebSocket-Version', '13'], ...plainHeaders(0)] };
  const subprotocol = selectSubprotocol(getHeaderList(head.headers, 'sec-websocket-protocol'), accepts.subprotocols);
  const deflate = accepts.isDeflateAccepted ? acceptedDeflate(head.headers) : null;
  const headers: HeaderPair[] = [['Upgrade', 'websocket'], ['Connection', 'Upgrade'], ['Sec-WebSocket-Accept', computeAccept(key.trim())]];
  if (subprotocol !== null) headers.push(['Sec-WebSocket-Protocol', subprotocol]);
  if (deflate !== null) headers.push(['Sec-WebSocket-Extensions', deflate.header]);
  return { statusCode: 101, reason: 'Switching Protocols', headers, body: '', isUpgrade: true, subprotocol, deflate: deflate?.agreement ?? null };
}

/** The permessage-deflate answer to a request's offers; an offer list that does not parse is declined as a whole. */
function acceptedDeflate(headers: readonly HeaderPair[]): { header: string; agreement: DeflateAgreement } | null {
  const offers = parseExtensionHeader(getHeaderValues(headers, 'sec-websocket-extensions'));
  if (!offers.ok) return null;
  const accepted = acceptDeflateOffer(offers.extensions);
  return accepted ? { header: formatExtension(accepted.element), agreement: accepted.agreement } : null;
}

/** The bytes of an answer (the relay writes its own plain answers with it too). */
export function encodeAnswer(answer: Pick<UpgradeAnswer, 'statusCode' | 'reason' | 'headers' | 'body' | 'isUpgrade'>): Buffer {
  const body = Buffer.from(answer.body);
  const headers = answer.isUpgrade ? answer.headers : answer.headers.map(([name, value]): HeaderPair => (name === 'Content-Length' ? [name, String(body.length)] : [name, value]));
  const head = `HTTP/1.1 ${answer.statusCode} ${answer.reason}\r\n${headers.map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}

function plain(statusCode: number, body: string): UpgradeAnswer {
  return { statusCode, reason: STATUS_CODES[statusCode] ?? 'Status', headers: plainHeaders(body.length), body, isUpgrade: false, subprotocol: null, deflate: null };
}

function plainHeaders(length: number): HeaderPair[] {
  return [['Content-Type', 'text/plain; charset=utf-8'], ['Content-Length', String(length)], ['Connection', 'close']];
}
