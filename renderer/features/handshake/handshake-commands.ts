import type { HandshakeRecordJson, HeaderPair } from '../../../shared/contract/records.js';
import type { SessionOptions } from '../../../shared/contract/session-options.js';
import {
  applicationHeaders,
  framelineConnectArguments,
  framelineConnectArgumentsFromRequest,
  headerValue,
  type ArgumentGroup,
} from '../../../shared/workspace/interop/frameline-connect-arguments.js';
import { shellQuote } from '../../../shared/workspace/interop/shell-quote.js';

/** A command line, each argument quoted, one group per line joined with backslashes when there are several. */
function commandLine(groups: readonly ArgumentGroup[]): string {
  const lines = groups.filter((group) => group.length > 0).map((group) => group.map(shellQuote).join(' '));
  return lines.length <= 3 ? lines.join(' ') : lines.join(' \\\n  ');
}

function headerArguments(flag: string, headers: readonly HeaderPair[]): ArgumentGroup[] {
  return headers.map(([name, value]) => [flag, `${name}: ${value}`]);
}

/** The URL of the handshake's request, from the session URL (scheme and authority) and the request target. */
function requestUrl(sessionUrl: string, handshake: HandshakeRecordJson): URL {
  const url = new URL(sessionUrl);
  if (handshake.request.target.startsWith('/')) {
    const target = new URL(handshake.request.target, url);
    url.pathname = target.pathname;
    url.search = target.search;
  }
  return url;
}

/**
 * The same upgrade request with curl: the recorded headers in their order and case (Host, Upgrade,
 * Key and all), over HTTP/1.x, printing the response head and then the raw frames.
 */
export function curlCommand(sessionUrl: string, handshake: HandshakeRecordJson): string {
  const url = requestUrl(sessionUrl, handshake);
  url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
  const version = handshake.request.httpVersion === '1.0' ? '--http1.0' : '--http1.1';
  return commandLine([['curl', '--include', '--no-buffer', version], ...headerArguments('-H', handshake.request.headers), [url.toString()]]);
}

/** The same connection with websocat: its own upgrade headers, plus the recorded application headers, subprotocols and Origin. */
export function websocatCommand(sessionUrl: string, handshake: HandshakeRecordJson): string {
  const headers = handshake.request.headers;
  const protocols = headerValue(headers, 'sec-websocket-protocol');
  const origin = headerValue(headers, 'origin');
  return commandLine([
    ['websocat'],
    protocols ? ['--protocol', protocols] : [],
    origin ? ['--origin', origin] : [],
    ...headerArguments('-H', applicationHeaders(headers)),
    [requestUrl(sessionUrl, handshake).toString()],
  ]);
}

/**
 * The same connection with `frameline connect` (shared/workspace/interop builds it): from the
 * settings it was opened with when known (proxy, TLS, heartbeat…), else from the recorded request.
 */
export function framelineCommand(sessionUrl: string, handshake: HandshakeRecordJson | null, options: SessionOptions | null): string {
  if (options) return commandLine(framelineConnectArguments(options));
  if (!handshake) return commandLine([['frameline', 'connect', sessionUrl]]);
  return commandLine(framelineConnectArgumentsFromRequest(requestUrl(sessionUrl, handshake).toString(), handshake.request.headers, handshake.request.httpVersion));
}
