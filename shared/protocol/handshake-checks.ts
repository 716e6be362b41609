import type { HandshakeCheck, HeaderPair } from '../contract/records.js';
import { englishText } from '../i18n/english-text.js';
import { message, verbatim, type Message } from '../i18n/message.js';
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

/** A check's detail is kept in English (captures, `--json`) and as a message, so each reader gets it in their language. */
function check(id: HandshakeCheckId, ok: boolean, detail: Message): HandshakeCheck {
  return { id, ok, detail: englishText(detail), i18n: detail };
}

/** §4.1 client item 1: anything but 101 means the upgrade did not happen. */
function checkStatus({ statusCode }: HandshakeCheckInput): HandshakeCheck {
  return check('status-101', statusCode === 101, statusCode === 101 ? verbatim('101 Switching Protocols') : message('failure:handshakeCheck.statusOther', { statusCode }));
}

/** §4.1 client item 2: Upgrade must be "websocket", ASCII case-insensitive. */
function checkUpgrade({ responseHeaders }: HandshakeCheckInput): HandshakeCheck {
  const value = getHeaderValue(responseHeaders, 'upgrade');
  if (value === null) return check('upgrade', false, message('failure:handshakeCheck.upgradeMissing'));
  const ok = asciiLower(value.trim()) === 'websocket';
  return check('upgrade', ok, ok ? verbatim(`Upgrade: ${value}`) : message('failure:handshakeCheck.upgradeWrong', { value }));
}

/** §4.1 client item 3: Connection must contain the token "upgrade", ASCII case-insensitive. */
function checkConnection({ responseHeaders }: HandshakeCheckInput): HandshakeCheck {
  const tokens = getHeaderList(responseHeaders, 'connection');
  if (tokens.length === 0) return check('connection', false, message('failure:handshakeCheck.connectionMissing'));
  const ok = tokens.some((token) => asciiLower(token) === 'upgrade');
  return check('connection', ok, ok ? verbatim(`Connection: ${tokens.join(', ')}`) : message('failure:handshakeCheck.connectionNoToken', { value: tokens.join(', ') }));
}

/** §4.1 client item 4: Sec-WebSocket-Accept = base64(SHA-1(key + GUID)) (§4.2.2 item 5.4). */
function checkAccept({ requestHeaders, responseHeaders }: HandshakeCheckInput, hash: Sha1Function): HandshakeCheck {
  const key = getHeaderValues(requestHeaders, 'sec-websocket-key').at(-1);
  const accepts = getHeaderValues(responseHeaders, 'sec-websocket-accept');
  if (key === undefined) return check('accept', false, message('failure:handshakeCheck.acceptNoKey'));
  const expected = computeAccept(key.trim(), hash);
  if (accepts.length === 0) return check('accept', false, message('failure:handshakeCheck.acceptMissing', { expected }));
  if (accepts.length > 1) return check('accept', false, message('failure:handshakeCheck.acceptRepeated', { times: accepts.length, expected }));
  const ok = accepts[0] === expected;
  return check('accept', ok, ok ? message('failure:handshakeCheck.acceptMatches', { expected }) : message('failure:handshakeCheck.acceptWrong', { expected, actual: accepts[0] ?? '' }));
}

/** §4.1 client item 5 and §9.1: every accepted extension, and each of its parameters, was offered (RFC 7692 §7 for permessage-deflate). */
function checkExtensions({ requestHeaders, responseHeaders }: HandshakeCheckInput): HandshakeCheck {
  const responseValues = getHeaderValues(responseHeaders, 'sec-websocket-extensions');
  if (responseValues.length === 0) return check('extensions-offered', true, message('failure:handshakeCheck.noExtension'));
  const accepted = parseExtensionHeader(responseValues);
  if (!accepted.ok) return check('extensions-offered', false, message('failure:handshakeCheck.extensionsUnparseable', { problem: accepted.message }));
  const offered = parseExtensionHeader(getHeaderValues(requestHeaders, 'sec-websocket-extensions'));
  const offers = offered.ok ? offered.extensions : [];
  for (const element of accepted.extensions) {
    const problem = asciiLower(element.name) === permessageDeflateName ? null : otherExtensionProblem(element, offers);
    if (problem !== null) return check('extensions-offered', false, problem);
  }
  const deflate = negotiateDeflate(requestHeaders, responseHeaders);
  if (deflate !== null && !deflate.ok) return check('extensions-offered', false, deflate.message);
  return check('extensions-offered', true, message('failure:handshakeCheck.extensionsAccepted', { values: responseValues.join(', ') }));
}

function otherExtensionProblem(element: ExtensionElement, offers: readonly ExtensionElement[]): Message | null {
  const sameName = offers.filter((offer) => asciiLower(offer.name) === asciiLower(element.name));
  if (sameName.length === 0) return message('failure:handshakeCheck.extensionNotOffered', { name: element.name });
  const offeredParams = new Set(sameName.flatMap((offer) => offer.params.map((param) => asciiLower(param.name))));
  const extra = element.params.find((param) => !offeredParams.has(asciiLower(param.name)));
  return extra === undefined ? null : message('failure:handshakeCheck.extensionParamAdded', { param: extra.name, name: element.name });
}

/** §4.1 client item 6: a selected subprotocol must be one the client offered; absence means none selected. */
function checkSubprotocol({ requestHeaders, responseHeaders }: HandshakeCheckInput): HandshakeCheck {
  const selected = getHeaderList(responseHeaders, 'sec-websocket-protocol');
  const offered = getHeaderList(requestHeaders, 'sec-websocket-protocol');
  if (selected.length === 0) return check('subprotocol-offered', true, offered.length === 0 ? message('failure:handshakeCheck.subprotocolNone') : message('failure:handshakeCheck.subprotocolNotSelected'));
  if (selected.length > 1) return check('subprotocol-offered', false, message('failure:handshakeCheck.subprotocolSeveral', { selected: selected.join(', ') }));
  const ok = offered.includes(selected[0]!);
  return check('subprotocol-offered', ok, ok ? message('failure:handshakeCheck.subprotocolSelected', { name: selected[0]! }) : unofferedSubprotocol(selected[0]!, offered));
}

function unofferedSubprotocol(name: string, offered: readonly string[]): Message {
  if (offered.length === 0) return message('failure:handshakeCheck.subprotocolNoneOffered', { name });
  return message('failure:handshakeCheck.subprotocolNotOffered', { name, offered: offered.join(', ') });
}
