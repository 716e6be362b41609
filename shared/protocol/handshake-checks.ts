import type { HandshakeCheck, HeaderPair } from '../contract/records.js';
import { encodeBase64 } from './base64.js';
import { parseExtensionHeader, type ExtensionElement } from './extension-header.js';
import { getHeaderList, getHeaderValue, getHeaderValues } from './header-list.js';
import { asciiLower } from './header-text.js';
import { encodeUtf8 } from './utf8-text.js';
import { negotiateDeflate, permessageDeflateName } from './permessage-deflate.js';
import { sha1, type Sha1Function } from './sha1.js';

/** §1.3: the GUID appended to the key before hashing. */
export const websocketGuid = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** The stable ids of the handshake checks, in the order they are reported. */
export type HandshakeCheckId = 'status-101' | 'upgrade' | 'connection' | 'accept' | 'extensions-offered' | 'subprotocol-offered';

/** What the checks look at: the request as sent and the response head as received. */
export interface HandshakeCheckInput {
  readonly requestHeaders: readonly HeaderPair[];
  readonly statusCode: number;
  readonly responseHeaders: readonly HeaderPair[];
}

/** Computes Sec-WebSocket-Accept for a key (§4.2.2 item 5.4); `hash` defaults to the pure SHA-1. */
export function computeAccept(key: string, hash: Sha1Function = sha1): string {
  return encodeBase64(hash(encodeUtf8(key + websocketGuid)));
}

/** Runs every client-side validation of §4.1 (and RFC 7692 §7 for extensions) as named, non-fatal checks. */
export function checkHandshake(input: HandshakeCheckInput, hash: Sha1Function = sha1): HandshakeCheck[] {
  return [
    checkStatus(input),
    checkUpgrade(input),
    checkConnection(input),
    checkAccept(input, hash),
    checkExtensions(input),
    checkSubprotocol(input),
  ];
}

function check(id: HandshakeCheckId, ok: boolean, detail: string): HandshakeCheck {
  return { id, ok, detail };
}

/** §4.1 client item 1: anything but 101 means the upgrade did not happen. */
function checkStatus({ statusCode }: HandshakeCheckInput): HandshakeCheck {
  return check('status-101', statusCode === 101, statusCode === 101 ? '101 Switching Protocols' : `expected 101, got ${statusCode}`);
}

/** §4.1 client item 2: Upgrade must be "websocket", ASCII case-insensitive. */
function checkUpgrade({ responseHeaders }: HandshakeCheckInput): HandshakeCheck {
  const value = getHeaderValue(responseHeaders, 'upgrade');
  if (value === null) return check('upgrade', false, 'no Upgrade header in the response (a proxy may have dropped it: it is hop-by-hop)');
  const ok = asciiLower(value.trim()) === 'websocket';
  return check('upgrade', ok, ok ? `Upgrade: ${value}` : `expected Upgrade: websocket, got "${value}"`);
}

/** §4.1 client item 3: Connection must contain the token "upgrade", ASCII case-insensitive. */
function checkConnection({ responseHeaders }: HandshakeCheckInput): HandshakeCheck {
  const tokens = getHeaderList(responseHeaders, 'connection');
  if (tokens.length === 0) return check('connection', false, 'no Connection header in the response (a proxy may have dropped it: it is hop-by-hop)');
  const ok = tokens.some((token) => asciiLower(token) === 'upgrade');
  return check('connection', ok, ok ? `Connection: ${tokens.join(', ')}` : `Connection has no "upgrade" token: "${tokens.join(', ')}"`);
}

/** §4.1 client item 4: Sec-WebSocket-Accept = base64(SHA-1(key + GUID)) (§4.2.2 item 5.4). */
function checkAccept({ requestHeaders, responseHeaders }: HandshakeCheckInput, hash: Sha1Function): HandshakeCheck {
  const key = getHeaderValues(requestHeaders, 'sec-websocket-key').at(-1);
  const accepts = getHeaderValues(responseHeaders, 'sec-websocket-accept');
  if (key === undefined) return check('accept', false, 'the request sent no Sec-WebSocket-Key, so no accept value can match');
  const expected = computeAccept(key.trim(), hash);
  if (accepts.length === 0) return check('accept', false, `no Sec-WebSocket-Accept in the response; expected ${expected}`);
  if (accepts.length > 1) return check('accept', false, `Sec-WebSocket-Accept appears ${accepts.length} times; expected one: ${expected}`);
  const ok = accepts[0] === expected;
  return check('accept', ok, ok ? `matches the key (${expected})` : `expected ${expected}, got ${accepts[0]}`);
}

/** §4.1 client item 5 and §9.1: every accepted extension, and each of its parameters, was offered (RFC 7692 §7 for permessage-deflate). */
function checkExtensions({ requestHeaders, responseHeaders }: HandshakeCheckInput): HandshakeCheck {
  const responseValues = getHeaderValues(responseHeaders, 'sec-websocket-extensions');
  if (responseValues.length === 0) return check('extensions-offered', true, 'no extension accepted');
  const accepted = parseExtensionHeader(responseValues);
  if (!accepted.ok) return check('extensions-offered', false, `unparseable Sec-WebSocket-Extensions: ${accepted.message}`);
  const offered = parseExtensionHeader(getHeaderValues(requestHeaders, 'sec-websocket-extensions'));
  const offers = offered.ok ? offered.extensions : [];
  for (const element of accepted.extensions) {
    const problem = asciiLower(element.name) === permessageDeflateName ? null : otherExtensionProblem(element, offers);
    if (problem !== null) return check('extensions-offered', false, problem);
  }
  const deflate = negotiateDeflate(requestHeaders, responseHeaders);
  if (deflate !== null && !deflate.ok) return check('extensions-offered', false, deflate.message);
  return check('extensions-offered', true, `accepted: ${responseValues.join(', ')}`);
}

function otherExtensionProblem(element: ExtensionElement, offers: readonly ExtensionElement[]): string | null {
  const sameName = offers.filter((offer) => asciiLower(offer.name) === asciiLower(element.name));
  if (sameName.length === 0) return `the server accepted ${element.name}, which was not offered`;
  const offeredParams = new Set(sameName.flatMap((offer) => offer.params.map((param) => asciiLower(param.name))));
  const extra = element.params.find((param) => !offeredParams.has(asciiLower(param.name)));
  return extra === undefined ? null : `the server added parameter ${extra.name} to ${element.name}, which was not offered`;
}

/** §4.1 client item 6: a selected subprotocol must be one the client offered; absence means none selected. */
function checkSubprotocol({ requestHeaders, responseHeaders }: HandshakeCheckInput): HandshakeCheck {
  const selected = getHeaderList(responseHeaders, 'sec-websocket-protocol');
  const offered = getHeaderList(requestHeaders, 'sec-websocket-protocol');
  if (selected.length === 0) return check('subprotocol-offered', true, offered.length === 0 ? 'none offered, none selected' : 'the server selected no subprotocol');
  if (selected.length > 1) return check('subprotocol-offered', false, `the server selected several subprotocols: ${selected.join(', ')} (§4.2.2: one)`);
  const ok = offered.includes(selected[0]!);
  return check('subprotocol-offered', ok, ok ? `selected ${selected[0]}` : `the server selected ${selected[0]}, offered: ${offered.length === 0 ? 'none' : offered.join(', ')}`);
}
