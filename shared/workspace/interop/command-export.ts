import { isProtocolId } from '../../app-protocol/protocol-choice.js';
import type { SessionOptions } from '../../contract/session-options.js';
import { framelineConnectArguments, hostPort, proxyUrl } from './frameline-connect-arguments.js';
import { shellQuote } from './shell-quote.js';

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
  const words = tool === 'websocat' ? websocat(options, notCarried) : tool === 'wscat' ? wscat(options, notCarried) : framelineConnectArguments(options).flat();
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

function commonNotCarried(options: SessionOptions, notCarried: string[], supports: { deflate: boolean }): void {
  if (options.deflate.enabled && !supports.deflate) notCarried.push('permessage-deflate');
  if (options.httpVersion === '1.0') notCarried.push('HTTP/1.0');
  if (options.connectTo) notCarried.push('connect-to');
  if (!options.heartbeat.autoPong) notCarried.push('auto-pong off');
  if (options.mode === 'strict') notCarried.push('strict mode');
  if (isProtocolId(options.protocol)) notCarried.push(`application protocol (${options.protocol}) and its keep-alive`);
}
