import { isProtocolId } from '../../app-protocol/protocol-choice.js';
import type { ProxyOptions, SessionOptions } from '../../contract/session-options.js';

/** The command-line tools a connection can be copied for. */
export type CommandTool = 'websocat' | 'wscat' | 'frameline';

/** A command line, and the settings it could not express (said, never silently dropped). */
export interface ExportedCommand {
  readonly command: string;
  readonly notCarried: readonly string[];
}

/**
 * A connection as one POSIX shell command for `websocat`, `wscat` or `frameline connect`, with
 * every value quoted. Options are given filled in; the caller leaves secret variables as
 * `{{name}}` so a pasted command never carries a secret the user did not choose to paste.
 */
export function exportCommand(tool: CommandTool, options: SessionOptions): ExportedCommand {
  const notCarried: string[] = [];
  const words = tool === 'websocat' ? websocat(options, notCarried) : tool === 'wscat' ? wscat(options, notCarried) : frameline(options, notCarried);
  return { command: words.map(shellQuote).join(' '), notCarried };
}

function websocat(options: SessionOptions, notCarried: string[]): string[] {
  const words = ['websocat'];
  for (const [name, value] of options.headers) words.push('-H', `${name}: ${value}`);
  if (options.subprotocols.length > 0) words.push('--protocol', options.subprotocols.join(','));
  if (options.origin !== undefined) words.push('--origin', options.origin);
  if (options.tls.insecure) words.push('-k');
  if (options.heartbeat.autoPingIntervalMs > 0) words.push('--ping-interval', String(options.heartbeat.autoPingIntervalMs / 1000));
  if (options.proxy.kind === 'socks5' && options.proxy.username === undefined) words.push('--socks5', hostPort(options.proxy.host, options.proxy.port));
  else if (options.proxy.kind !== 'none') notCarried.push(`proxy (${options.proxy.kind})`);
  for (const [label, value] of [['CA file', options.tls.caFile], ['client certificate', options.tls.certFile]] as const) if (value !== undefined) notCarried.push(label);
  commonNotCarried(options, notCarried, { deflate: true });
  words.push(options.url);
  return words;
}

function wscat(options: SessionOptions, notCarried: string[]): string[] {
  const words = ['wscat', '-c', options.url];
  for (const [name, value] of options.headers) words.push('-H', `${name}: ${value}`);
  for (const subprotocol of options.subprotocols) words.push('-s', subprotocol);
  if (options.origin !== undefined) words.push('-o', options.origin);
  if (options.tls.insecure) words.push('-n');
  if (options.tls.caFile !== undefined) words.push('--ca', options.tls.caFile);
  if (options.tls.certFile !== undefined) words.push('--cert', options.tls.certFile);
  if (options.tls.keyFile !== undefined) words.push('--key', options.tls.keyFile);
  if (options.proxy.kind === 'http-connect') words.push('--proxy', proxyUrl(options.proxy));
  else if (options.proxy.kind !== 'none') notCarried.push(`proxy (${options.proxy.kind})`);
  if (options.heartbeat.autoPingIntervalMs > 0) notCarried.push('auto-ping');
  commonNotCarried(options, notCarried, { deflate: false });
  return words;
}

function frameline(options: SessionOptions, _notCarried: string[]): string[] {
  const words = ['frameline', 'connect', options.url];
  for (const [name, value] of options.headers) words.push('-H', `${name}: ${value}`);
  for (const subprotocol of options.subprotocols) words.push('--subprotocol', subprotocol);
  if (options.origin !== undefined) words.push('--origin', options.origin);
  if (options.deflate.enabled) words.push('--deflate');
  if (options.httpVersion === '1.0') words.push('--http1.0');
  if (options.proxy.kind === 'environment') words.push('--proxy-from-env');
  else if (options.proxy.kind !== 'none') words.push('--proxy', proxyUrl(options.proxy));
  if (options.connectTo) words.push('--connect-to', hostPort(options.connectTo.host, options.connectTo.port));
  if (options.family === 4) words.push('-4');
  if (options.family === 6) words.push('-6');
  if (options.tls.insecure) words.push('-k');
  if (options.tls.caFile !== undefined) words.push('--ca', options.tls.caFile);
  if (options.tls.certFile !== undefined) words.push('--cert', options.tls.certFile);
  if (options.tls.keyFile !== undefined) words.push('--key', options.tls.keyFile);
  if (options.tls.serverName !== undefined) words.push('--sni', options.tls.serverName);
  if (options.heartbeat.autoPingIntervalMs > 0) words.push('--auto-ping', String(options.heartbeat.autoPingIntervalMs / 1000));
  if (!options.heartbeat.autoPong) words.push('--no-auto-pong');
  if (options.mode === 'strict') words.push('--strict');
  // The CLI reads raw frames only unless told; the window detects by default.
  if (options.protocol !== 'none') words.push('--protocol', options.protocol);
  if (options.protocol !== 'none' && !options.protocolDuties) words.push('--no-protocol-duties');
  return words;
}

function commonNotCarried(options: SessionOptions, notCarried: string[], supports: { deflate: boolean }): void {
  if (options.deflate.enabled && !supports.deflate) notCarried.push('permessage-deflate');
  if (options.httpVersion === '1.0') notCarried.push('HTTP/1.0');
  if (options.connectTo) notCarried.push('connect-to');
  if (!options.heartbeat.autoPong) notCarried.push('auto-pong off');
  if (options.mode === 'strict') notCarried.push('strict mode');
  if (isProtocolId(options.protocol)) notCarried.push(`application protocol (${options.protocol}) and its keep-alive`);
}

function proxyUrl(proxy: Exclude<ProxyOptions, { kind: 'none' } | { kind: 'environment' }>): string {
  const scheme = proxy.kind === 'http-connect' ? 'http' : proxy.kind === 'socks5' ? (proxy.remoteDns ? 'socks5h' : 'socks5') : proxy.kind;
  const user = 'username' in proxy && proxy.username !== undefined ? proxy.username : 'userId' in proxy ? proxy.userId : undefined;
  const password = 'password' in proxy ? proxy.password : undefined;
  const credentials = user !== undefined ? `${encodeURIComponent(user)}${password !== undefined ? `:${encodeURIComponent(password)}` : ''}@` : '';
  return `${scheme}://${credentials}${hostPort(proxy.host, proxy.port)}`;
}

function hostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** POSIX shell quoting: bare when only safe characters, else single quotes (a quote inside as '\''). */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
