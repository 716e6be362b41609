import { isIP } from 'node:net';
import type { HostPort } from './dial-options.js';

/** The URL's host and port (what Host and SNI name) and the address actually dialled. */
export interface DialTarget {
  readonly isSecure: boolean;
  /** The URL's host without IPv6 brackets. */
  readonly urlHost: string;
  readonly urlPort: number;
  /** What to reach: the connect-to override, else the URL's host and port. */
  readonly dialHost: string;
  readonly dialPort: number;
}

/**
 * Reads a ws:// or wss:// URL and the optional connect-to override. Throws a TypeError for a URL
 * that is not ws/wss: that is a caller's mistake, validated upstream, not a network failure.
 */
export function parseDialTarget(url: string, connectTo?: HostPort): DialTarget {
  const parsed = new URL(url);
  const scheme = parsed.protocol.toLowerCase();
  if (scheme !== 'ws:' && scheme !== 'wss:') {
    throw new TypeError(`dial needs a ws:// or wss:// URL, got ${parsed.protocol}`);
  }
  const isSecure = scheme === 'wss:';
  const urlHost = stripBrackets(parsed.hostname);
  const urlPort = parsed.port === '' ? (isSecure ? 443 : 80) : Number(parsed.port);
  return {
    isSecure,
    urlHost,
    urlPort,
    dialHost: connectTo === undefined ? urlHost : stripBrackets(connectTo.host),
    dialPort: connectTo === undefined ? urlPort : connectTo.port,
  };
}

/** `host:port`, with IPv6 literals in brackets as URLs and CONNECT request targets need. */
export function formatHostPort(host: string, port: number): string {
  return isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
}

/** `[::1]` → `::1`; other hosts unchanged. */
export function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}
