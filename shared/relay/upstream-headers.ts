import type { HeaderPair } from '../contract/records.js';
import { formatExtension, parseExtensionHeader } from '../protocol/extension-header.js';
import { asciiLower } from '../protocol/header-text.js';
import { getHeaderList, getHeaderValues } from '../protocol/header-list.js';
import { isHopByHopHeader } from '../protocol/hop-by-hop.js';
import { permessageDeflateName } from '../protocol/permessage-deflate.js';

/**
 * Headers of the client's request the relay does not pass on besides the hop-by-hop ones: the
 * relay writes its own Host (the upstream's), key and version (§4.1: it is a client of its own),
 * and its own Sec-WebSocket-Extensions (see `forwardableExtensionOffer`).
 */
const setByRelay = ['host', 'sec-websocket-key', 'sec-websocket-version', 'sec-websocket-extensions', 'content-length'];

/**
 * The headers the relay sends upstream, in the client's order: the client's own (Origin, cookies,
 * Sec-WebSocket-Protocol, anything custom) without hop-by-hop headers (RFC 9110 §7.6.1) and those
 * the relay sets itself; then the filtered extension offer; then the user's headers, each of
 * which replaces every client header of its name.
 */
export function upstreamHeaders(clientHeaders: readonly HeaderPair[], extensionOffer: string | null, userHeaders: readonly HeaderPair[]): HeaderPair[] {
  const connectionTokens = getHeaderList(clientHeaders, 'connection');
  const overridden = new Set(userHeaders.map(([name]) => asciiLower(name)));
  const headers: HeaderPair[] = [];
  for (const [name, value] of clientHeaders) {
    const lower = asciiLower(name);
    if (isHopByHopHeader(name, connectionTokens) || setByRelay.includes(lower) || overridden.has(lower)) continue;
    headers.push([name, value]);
  }
  if (extensionOffer !== null && !overridden.has('sec-websocket-extensions')) headers.push(['Sec-WebSocket-Extensions', extensionOffer]);
  for (const [name, value] of userHeaders) headers.push([name, value]);
  return headers;
}

/**
 * The client's permessage-deflate offers, the only extension whose frames the relay can decode
 * (RFC 7692), passed on unchanged otherwise; other extensions are left out, because frames using
 * them could not be read or forwarded safely. Whatever the server accepts, the relay accepts for
 * the client in the same words, so both ends run with the same parameters and compressed frames
 * stay forwardable as they are. Null when there is nothing to offer.
 */
export function forwardableExtensionOffer(clientHeaders: readonly HeaderPair[]): string | null {
  const parsed = parseExtensionHeader(getHeaderValues(clientHeaders, 'sec-websocket-extensions'));
  if (!parsed.ok) return null;
  const offers = parsed.extensions.filter((element) => element.name.toLowerCase() === permessageDeflateName);
  return offers.length === 0 ? null : offers.map(formatExtension).join(', ');
}
