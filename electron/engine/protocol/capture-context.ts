import type { ProtocolSessionContext } from '../../../shared/app-protocol/app-protocol.js';
import type { CaptureHeader } from '../../../shared/contract/capture.js';
import { getHeaderList } from '../../../shared/protocol/header-list.js';

/**
 * What protocol detection reads, from a capture header: the URL with the request target as it went
 * out (a listened connection's header names only the listener's address), the subprotocols the
 * request offered and the one the server accepted. The same for a live session after its
 * handshake, a listened connection and an imported file.
 */
export function contextFromCapture(header: CaptureHeader): ProtocolSessionContext {
  const request = header.handshake?.request;
  const origin = /^(wss?:\/\/[^/?#]*)/i.exec(header.targetUrl)?.[1];
  const url = request !== undefined && origin !== undefined && request.target.startsWith('/') ? `${origin}${request.target}` : header.targetUrl;
  const offeredSubprotocols = request === undefined ? [] : getHeaderList(request.headers, 'sec-websocket-protocol');
  return { url, offeredSubprotocols, ...(header.subprotocol !== null ? { acceptedSubprotocol: header.subprotocol } : {}) };
}
