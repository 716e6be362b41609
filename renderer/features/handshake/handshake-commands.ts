import type { HandshakeRecordJson, HeaderPair } from '../../../shared/contract/records.js';
import type { ProxyOptions, SessionOptions } from '../../../shared/contract/session-options.js';
import { defaultSessionOptions } from '../../../shared/contract/session-options.js';

/** One argument for a POSIX shell: bare when it is plainly safe, else in single quotes. */
export function shellQuote(argument: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(argument)) return argument;
  return `'${argument.replace(/'/g, `'\\''`)}'`;
}

/** Arguments that belong together on one line: an option and its value, or the URL. */
type ArgumentGroup = readonly string[];

/** A command line, each argument quoted, one group per line joined with backslashes when there are several. */
function commandLine(groups: readonly ArgumentGroup[]): string {
  const lines = groups.filter((group) => group.length > 0).map((group) => group.map(shellQuote).join(' '));
  return lines.length <= 3 ? lines.join(' ') : lines.join(' \\\n  ');
}

/** Headers a WebSocket client writes itself (§4.1); tools that speak WebSocket add their own. */
const WEBSOCKET_MECHANICS = new Set(['host', 'upgrade', 'connection', 'sec-websocket-key', 'sec-websocket-version', 'sec-websocket-extensions', 'sec-websocket-protocol']);

function headerArguments(flag: string, headers: readonly HeaderPair[]): ArgumentGroup[] {
  return headers.map(([name, value]) => [flag, `${name}: ${value}`]);
}

function headerValue(headers: readonly HeaderPair[], name: string): string | undefined {
  return headers.find(([each]) => each.toLowerCase() === name)?.[1];
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
  const extra = headers.filter(([name]) => !WEBSOCKET_MECHANICS.has(name.toLowerCase()) && name.toLowerCase() !== 'origin');
  return commandLine([
    ['websocat'],
    protocols ? ['--protocol', protocols] : [],
    origin ? ['--origin', origin] : [],
    ...headerArguments('-H', extra),
    [requestUrl(sessionUrl, handshake).toString()],
  ]);
}

function proxyUrl(proxy: ProxyOptions): string | null {
  const host = proxy.kind !== 'none' && proxy.kind !== 'environment' && proxy.host.includes(':') ? `[${proxy.host}]` : 'host' in proxy ? proxy.host : '';
  const userInfo = (user: string | undefined, password?: string): string =>
    user === undefined ? '' : `${encodeURIComponent(user)}${password !== undefined ? `:${encodeURIComponent(password)}` : ''}@`;
  switch (proxy.kind) {
    case 'none':
    case 'environment':
      return null;
    case 'http-connect':
      return `http://${userInfo(proxy.username, proxy.password)}${host}:${proxy.port}`;
    case 'socks5':
      return `${proxy.remoteDns ? 'socks5h' : 'socks5'}://${userInfo(proxy.username, proxy.password)}${host}:${proxy.port}`;
    case 'socks4a':
    case 'socks4':
      return `${proxy.kind}://${userInfo(proxy.userId)}${host}:${proxy.port}`;
  }
}

const seconds = (ms: number): string => String(ms / 1000);

/** `frameline connect` options for everything in `options` that differs from the defaults. */
function connectOptionArguments(options: SessionOptions): ArgumentGroup[] {
  const defaults = defaultSessionOptions(options.url);
  const proxy = proxyUrl(options.proxy);
  const { tls, heartbeat, limits } = options;
  const connectTo = options.connectTo;
  return [
    ...headerArguments('-H', options.headers),
    ...options.subprotocols.map((protocol) => ['--subprotocol', protocol]),
    options.origin !== undefined ? ['--origin', options.origin] : [],
    options.deflate.enabled ? ['--deflate'] : [],
    options.httpVersion === '1.0' ? ['--http1.0'] : [],
    proxy ? ['--proxy', proxy] : options.proxy.kind === 'environment' ? ['--proxy-from-env'] : [],
    connectTo ? ['--connect-to', `${connectTo.host.includes(':') ? `[${connectTo.host}]` : connectTo.host}:${connectTo.port}`] : [],
    options.connectTimeoutMs !== defaults.connectTimeoutMs ? ['--connect-timeout', seconds(options.connectTimeoutMs)] : [],
    options.family === 4 ? ['-4'] : options.family === 6 ? ['-6'] : [],
    tls.insecure ? ['--insecure'] : [],
    tls.caFile ? ['--ca', tls.caFile] : [],
    tls.certFile ? ['--cert', tls.certFile] : [],
    tls.keyFile ? ['--key', tls.keyFile] : [],
    tls.serverName ? ['--sni', tls.serverName] : [],
    heartbeat.autoPingIntervalMs > 0 ? ['--auto-ping', seconds(heartbeat.autoPingIntervalMs)] : [],
    !heartbeat.autoPong ? ['--no-auto-pong'] : [],
    options.mode === 'strict' ? ['--strict'] : [],
    limits.payloadRetentionBytes !== defaults.limits.payloadRetentionBytes ? ['--max-retained', String(limits.payloadRetentionBytes)] : [],
    limits.maxInflatedBytesPerSecond !== defaults.limits.maxInflatedBytesPerSecond ? ['--max-inflated-per-second', String(limits.maxInflatedBytesPerSecond)] : [],
    limits.handshakeTimeoutMs !== defaults.limits.handshakeTimeoutMs ? ['--handshake-timeout', seconds(limits.handshakeTimeoutMs)] : [],
    // The CLI reads raw frames only unless told; the window detects a protocol by default.
    options.protocol !== 'none' ? ['--protocol', options.protocol] : [],
    options.protocol !== 'none' && !options.protocolDuties ? ['--no-protocol-duties'] : [],
  ];
}

/**
 * The same connection with `frameline connect`: from the settings it was opened with when known
 * (proxy, TLS, heartbeat…), else from the recorded request's application headers.
 */
export function framelineCommand(sessionUrl: string, handshake: HandshakeRecordJson | null, options: SessionOptions | null): string {
  if (options) return commandLine([['frameline', 'connect', options.url], ...connectOptionArguments(options)]);
  const headers = handshake?.request.headers ?? [];
  const protocols = headerValue(headers, 'sec-websocket-protocol');
  const origin = headerValue(headers, 'origin');
  const extra = headers.filter(([name]) => !WEBSOCKET_MECHANICS.has(name.toLowerCase()) && name.toLowerCase() !== 'origin');
  return commandLine([
    ['frameline', 'connect', handshake ? requestUrl(sessionUrl, handshake).toString() : sessionUrl],
    ...headerArguments('-H', extra),
    ...(protocols ? protocols.split(',').map((protocol) => ['--subprotocol', protocol.trim()]) : []),
    origin ? ['--origin', origin] : [],
    headerValue(headers, 'sec-websocket-extensions')?.includes('permessage-deflate') ? ['--deflate'] : [],
    handshake?.request.httpVersion === '1.0' ? ['--http1.0'] : [],
  ]);
}
