import type { HeaderPair } from '../../contract/records.js';
import { defaultSessionOptions, type ProxyOptions, type SessionOptions } from '../../contract/session-options.js';

/**
 * The one home of a `frameline connect` command line, for the workspace's "copy as command" and
 * the handshake pane's copy. Arguments come in groups that belong together (an option and its
 * value), so a caller can print one group per line or all on one.
 */
export type ArgumentGroup = readonly string[];

/** Headers a WebSocket client writes itself (§4.1); a tool that speaks WebSocket adds its own. */
const WEBSOCKET_MECHANICS = new Set(['host', 'upgrade', 'connection', 'sec-websocket-key', 'sec-websocket-version', 'sec-websocket-extensions', 'sec-websocket-protocol']);

/** The headers of a recorded request that are the application's, not the WebSocket upgrade's own or Origin. */
export function applicationHeaders(headers: readonly HeaderPair[]): HeaderPair[] {
  return headers.filter(([name]) => !WEBSOCKET_MECHANICS.has(name.toLowerCase()) && name.toLowerCase() !== 'origin');
}

/** The first value of a header, by name in any case. */
export function headerValue(headers: readonly HeaderPair[], name: string): string | undefined {
  const wanted = name.toLowerCase();
  return headers.find(([each]) => each.toLowerCase() === wanted)?.[1];
}

/** `host:port`, with an IPv6 host in brackets. */
export function hostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** A proxy as the URL the CLIs take (`http://`, `socks5h://`, `socks4a://`), credentials percent-encoded. */
export function proxyUrl(proxy: Exclude<ProxyOptions, { kind: 'none' } | { kind: 'environment' }>): string {
  const scheme = proxy.kind === 'http-connect' ? 'http' : proxy.kind === 'socks5' ? (proxy.remoteDns ? 'socks5h' : 'socks5') : proxy.kind;
  const user = 'username' in proxy && proxy.username !== undefined ? proxy.username : 'userId' in proxy ? proxy.userId : undefined;
  const password = 'password' in proxy ? proxy.password : undefined;
  const credentials = user !== undefined ? `${encodeURIComponent(user)}${password !== undefined ? `:${encodeURIComponent(password)}` : ''}@` : '';
  return `${scheme}://${credentials}${hostPort(proxy.host, proxy.port)}`;
}

const seconds = (ms: number): string => String(ms / 1000);

/** `frameline connect` for a connection's settings: every one that differs from the defaults, so the CLI opens the same connection. */
export function framelineConnectArguments(options: SessionOptions): ArgumentGroup[] {
  const defaults = defaultSessionOptions(options.url);
  const { tls, heartbeat, limits, proxy, connectTo } = options;
  const groups: ArgumentGroup[] = [
    ['frameline', 'connect', options.url],
    ...options.headers.map(([name, value]) => ['-H', `${name}: ${value}`]),
    ...options.subprotocols.map((protocol) => ['--subprotocol', protocol]),
    options.origin !== undefined ? ['--origin', options.origin] : [],
    options.deflate.enabled ? ['--deflate'] : [],
    options.httpVersion === '1.0' ? ['--http1.0'] : [],
    proxy.kind === 'environment' ? ['--proxy-from-env'] : proxy.kind !== 'none' ? ['--proxy', proxyUrl(proxy)] : [],
    connectTo ? ['--connect-to', hostPort(connectTo.host, connectTo.port)] : [],
    options.connectTimeoutMs !== defaults.connectTimeoutMs ? ['--connect-timeout', seconds(options.connectTimeoutMs)] : [],
    options.family === 4 ? ['-4'] : options.family === 6 ? ['-6'] : [],
    tls.insecure ? ['-k'] : [],
    tls.caFile !== undefined ? ['--ca', tls.caFile] : [],
    tls.certFile !== undefined ? ['--cert', tls.certFile] : [],
    tls.keyFile !== undefined ? ['--key', tls.keyFile] : [],
    tls.serverName !== undefined ? ['--sni', tls.serverName] : [],
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
  return groups.filter((group) => group.length > 0);
}

/** `frameline connect` for a recorded request whose settings are not known (an imported capture): its URL, application headers, subprotocols, Origin, deflate offer and HTTP version. */
export function framelineConnectArgumentsFromRequest(url: string, headers: readonly HeaderPair[], httpVersion: string): ArgumentGroup[] {
  const protocols = headerValue(headers, 'sec-websocket-protocol');
  const origin = headerValue(headers, 'origin');
  const groups: ArgumentGroup[] = [
    ['frameline', 'connect', url],
    ...applicationHeaders(headers).map(([name, value]) => ['-H', `${name}: ${value}`]),
    ...(protocols ? protocols.split(',').map((protocol) => ['--subprotocol', protocol.trim()]) : []),
    origin ? ['--origin', origin] : [],
    headerValue(headers, 'sec-websocket-extensions')?.includes('permessage-deflate') ? ['--deflate'] : [],
    httpVersion === '1.0' ? ['--http1.0'] : [],
  ];
  return groups.filter((group) => group.length > 0);
}
