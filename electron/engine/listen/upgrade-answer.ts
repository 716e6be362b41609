import { STATUS_CODES } from 'node:http';
import type { HeaderPair } from '../../../shared/contract/records.js';
import { computeAccept } from '../../../shared/protocol/handshake-checks.js';
import { getHeaderList, getHeaderValue } from '../../../shared/protocol/header-list.js';
import type { RequestHead } from '../../../shared/protocol/http-request-parser.js';

/** What the listener answers to one request head. */
export interface UpgradeAnswer {
  readonly statusCode: number;
  readonly reason: string;
  readonly headers: HeaderPair[];
  readonly body: string;
  /** True when the answer is 101 and frames follow. */
  readonly isUpgrade: boolean;
}

/**
 * Decides the answer the way a conforming server does (§4.2.1, §4.2.2): 101 for a valid
 * upgrade, 426 for a GET that lost its Upgrade header (the answer a backend behind a misconfigured
 * proxy gives, like `ws`), 400 for a malformed upgrade. `respondStatus` overrides it to imitate a
 * broken backend. HTTP/1.0 upgrades are accepted, like `ws` does, so a downgrading hop can be seen
 * working rather than guessed at.
 */
export function answerUpgrade(head: RequestHead, respondStatus: number | null): UpgradeAnswer {
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
  return {
    statusCode: 101,
    reason: 'Switching Protocols',
    headers: [['Upgrade', 'websocket'], ['Connection', 'Upgrade'], ['Sec-WebSocket-Accept', computeAccept(key.trim())]],
    body: '',
    isUpgrade: true,
  };
}

/** The bytes of an answer. */
export function encodeAnswer(answer: UpgradeAnswer): Buffer {
  const body = Buffer.from(answer.body);
  const headers = answer.isUpgrade ? answer.headers : answer.headers.map(([name, value]): HeaderPair => (name === 'Content-Length' ? [name, String(body.length)] : [name, value]));
  const head = `HTTP/1.1 ${answer.statusCode} ${answer.reason}\r\n${headers.map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}

function plain(statusCode: number, body: string): UpgradeAnswer {
  return { statusCode, reason: STATUS_CODES[statusCode] ?? 'Status', headers: plainHeaders(body.length), body, isUpgrade: false };
}

function plainHeaders(length: number): HeaderPair[] {
  return [['Content-Type', 'text/plain; charset=utf-8'], ['Content-Length', String(length)], ['Connection', 'close']];
}
