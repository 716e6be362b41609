import type { HeaderPair } from '../../../shared/contract/records.js';
import { message, type Message } from '../../../shared/i18n/message.js';

/** Limits on a proxy's CONNECT response head, so a broken proxy cannot make us buffer forever. */
export interface ConnectResponseLimits {
  readonly maxHeadBytes: number;
  readonly maxHeaderCount: number;
}

/** 16 KiB and 100 header lines: far above what any proxy sends to CONNECT. */
export const defaultConnectResponseLimits: ConnectResponseLimits = { maxHeadBytes: 16 * 1024, maxHeaderCount: 100 };

/** A parsed CONNECT response head. */
export interface ConnectResponseHead {
  readonly statusLine: string;
  readonly httpVersion: string;
  readonly statusCode: number;
  readonly reason: string;
  readonly headers: HeaderPair[];
}

/** The parser's verdict on the bytes received so far. */
export type ConnectResponseParse =
  | { readonly state: 'incomplete' }
  | { readonly state: 'complete'; readonly head: ConnectResponseHead; readonly headLength: number }
  | { readonly state: 'invalid'; readonly reason: Message };

const statusLinePattern = /^HTTP\/(\d\.\d) (\d{3})(?: (.*))?$/;
const headerLinePattern = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*$/;

/**
 * Parses the head of the proxy's answer to CONNECT from all bytes received so far. `headLength`
 * says where the tunnel's own bytes begin. Lines end in CRLF; a bare LF is accepted as proxies in
 * the wild send it.
 */
export function parseConnectResponse(
  received: Uint8Array,
  limits: ConnectResponseLimits = defaultConnectResponseLimits,
): ConnectResponseParse {
  const end = findHeadEnd(received, limits.maxHeadBytes);
  if (end === -1) {
    return received.length > limits.maxHeadBytes
      ? { state: 'invalid', reason: message('failure:connect.headTooLong', { maxBytes: limits.maxHeadBytes }) }
      : { state: 'incomplete' };
  }
  const text = Buffer.from(received.buffer, received.byteOffset, end.headEnd).toString('latin1');
  const lines = text.split(/\r?\n/);
  const statusLine = lines[0] ?? '';
  const status = statusLinePattern.exec(statusLine);
  if (status === null) return { state: 'invalid', reason: message('failure:connect.notStatusLine', { line: JSON.stringify(statusLine.slice(0, 80)) }) };
  const headerLines = lines.slice(1).filter((line) => line !== '');
  if (headerLines.length > limits.maxHeaderCount) {
    return { state: 'invalid', reason: message('failure:connect.tooManyHeaders', { maxCount: limits.maxHeaderCount }) };
  }
  const headers: HeaderPair[] = [];
  for (const line of headerLines) {
    const header = headerLinePattern.exec(line);
    if (header === null) return { state: 'invalid', reason: message('failure:connect.badHeaderLine', { line: JSON.stringify(line.slice(0, 80)) }) };
    headers.push([header[1] ?? '', header[2] ?? '']);
  }
  return {
    state: 'complete',
    headLength: end.afterHead,
    head: {
      statusLine,
      httpVersion: status[1] ?? '',
      statusCode: Number(status[2]),
      reason: status[3] ?? '',
      headers,
    },
  };
}

/** The value of the first header named `name` (case-insensitive), if any. */
export function headerValue(headers: readonly HeaderPair[], name: string): string | undefined {
  const wanted = name.toLowerCase();
  return headers.find(([key]) => key.toLowerCase() === wanted)?.[1];
}

/** Finds the blank line ending the head, scanning no further than the limit. */
function findHeadEnd(bytes: Uint8Array, maxHeadBytes: number): { headEnd: number; afterHead: number } | -1 {
  const scanLimit = Math.min(bytes.length, maxHeadBytes);
  for (let index = 0; index < scanLimit; index += 1) {
    if (bytes[index] !== 0x0a) continue;
    const headEnd = index > 0 && bytes[index - 1] === 0x0d ? index - 1 : index;
    if (bytes[index + 1] === 0x0a) return { headEnd, afterHead: index + 2 };
    if (bytes[index + 1] === 0x0d && bytes[index + 2] === 0x0a) return { headEnd, afterHead: index + 3 };
  }
  return -1;
}
