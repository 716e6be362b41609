import type { RequestHead } from '../protocol/http-request-parser.js';

/** Where a client's request asks the relay to take it. */
export type RelayTarget =
  /** `CONNECT host:port` (RFC 9110 §9.3.6): a tunnel; the WebSocket request follows inside it (in TLS for wss). */
  | { readonly kind: 'connect'; readonly host: string; readonly port: number }
  /** An absolute-form request (`GET http://host:port/path`, RFC 9112 §3.2.2): a proxy request for `ws://`. */
  | { readonly kind: 'absolute-form'; readonly url: string; readonly target: string }
  /** An origin-form request (`GET /path`): the client points at the relay itself. */
  | { readonly kind: 'origin-form'; readonly target: string }
  | { readonly kind: 'invalid'; readonly reason: 'bad-authority' | 'bad-target' };

/** Reads where a request is going, as an HTTP proxy would. */
export function relayTarget(head: RequestHead): RelayTarget {
  if (head.method === 'CONNECT') {
    const authority = parseAuthority(head.target);
    return authority === null ? { kind: 'invalid', reason: 'bad-authority' } : { kind: 'connect', ...authority };
  }
  if (head.target.startsWith('/')) return { kind: 'origin-form', target: head.target };
  const match = /^(https?):\/\/([^/?#]+)([^#]*)$/i.exec(head.target);
  if (!match) return { kind: 'invalid', reason: 'bad-target' };
  const authority = parseAuthority(match[2]!, match[1]!.toLowerCase() === 'https' ? 443 : 80);
  if (authority === null) return { kind: 'invalid', reason: 'bad-authority' };
  const target = match[3]!.startsWith('/') ? match[3]! : `/${match[3]!}`;
  const scheme = match[1]!.toLowerCase() === 'https' ? 'wss' : 'ws';
  return { kind: 'absolute-form', url: `${scheme}://${formatAuthority(authority.host, authority.port)}${target}`, target };
}

/** The upstream URL for a request inside a CONNECT tunnel: `wss` when the tunnel carried TLS. */
export function tunnelUrl(host: string, port: number, isTls: boolean, target: string): string {
  return `${isTls ? 'wss' : 'ws'}://${formatAuthority(host, port)}${target}`;
}

/**
 * The upstream URL for a client that points at the relay: the `--to` URL as given when it names
 * a path or query; without one, the client's own request target goes on to the upstream host.
 */
export function upstreamUrlFor(to: string, clientTarget: string): string {
  const match = /^(wss?:\/\/[^/?#]+)([/?][^#]*)?/i.exec(to);
  if (!match) return to;
  return match[2] !== undefined && match[2] !== '' ? to : `${match[1]}${clientTarget}`;
}

/**
 * Where a request that is not an upgrade goes when the client points at the relay: the client's
 * own target on the upstream host (a `--to` path names the WebSocket's endpoint, not the
 * client's polling or negotiate requests).
 */
export function passThroughUrlFor(to: string, clientTarget: string): string {
  const match = /^(wss?:\/\/[^/?#]+)/i.exec(to);
  return match ? `${match[1]}${clientTarget}` : to;
}

/** `host:port` with IPv6 in brackets; null when it is not one (RFC 9110 §7.2, §9.3.6: CONNECT needs the port). */
function parseAuthority(text: string, defaultPort?: number): { host: string; port: number } | null {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^\s:@/[\]]+)(?::(\d{1,5}))?$/.exec(text);
  if (!match) return null;
  const portText = match[2];
  if (portText === undefined && defaultPort === undefined) return null;
  const port = portText === undefined ? (defaultPort as number) : Number(portText);
  if (port < 1 || port > 65535) return null;
  return { host: match[1]!.replace(/^\[|\]$/g, ''), port };
}

function formatAuthority(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}
