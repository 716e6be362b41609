import type { Duplex } from 'node:stream';
import type { NetEvent } from './net-event.js';
import type { TlsSummary } from '../../../shared/contract/capture.js';
import type { DialFailure } from './dial-failure.js';
import type { HeaderPair } from '../../../shared/contract/records.js';
import type { UnopenedSecret } from '../../../shared/contract/session-options.js';

/** An address to dial instead of the URL's host (Host and SNI keep the URL's host). */
export interface HostPort {
  readonly host: string;
  readonly port: number;
}

/** HTTP CONNECT proxy, optionally with Basic credentials. */
export interface HttpConnectProxy {
  readonly kind: 'http-connect';
  readonly host: string;
  readonly port: number;
  readonly username?: string;
  readonly password?: string;
}

/** SOCKS5 proxy; `remoteDns` lets the proxy resolve the target's name. */
export interface Socks5Proxy {
  readonly kind: 'socks5';
  readonly host: string;
  readonly port: number;
  readonly username?: string;
  readonly password?: string;
  readonly remoteDns: boolean;
}

/**
 * SOCKS4 (`socks4`: we resolve the target to an IPv4 address; what servers without the 4a
 * extension, such as Dante, accept) or SOCKS4a (`socks4a`: the proxy resolves the name).
 */
export interface Socks4aProxy {
  readonly kind: 'socks4a' | 'socks4';
  readonly host: string;
  readonly port: number;
  readonly userId?: string;
}

/** A proxy given explicitly, as opposed to one taken from the environment. */
export type ExplicitProxy = HttpConnectProxy | Socks5Proxy | Socks4aProxy;

/** Every proxy choice; `environment` reads HTTPS_PROXY / HTTP_PROXY / ALL_PROXY / NO_PROXY. */
export type DialProxy = { readonly kind: 'none' } | ExplicitProxy | { readonly kind: 'environment' };

/** TLS version names as Node's `tls` module spells them. */
export type TlsVersion = 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';

/** TLS settings for wss:// (ignored for ws://). */
export interface DialTlsOptions {
  readonly serverName?: string;
  /** Defaults to ['http/1.1']; an empty list sends no ALPN extension. */
  readonly alpn?: readonly string[];
  readonly minVersion?: TlsVersion;
  readonly maxVersion?: TlsVersion;
  readonly caFile?: string;
  readonly certFile?: string;
  readonly keyFile?: string;
  /** Skip certificate verification; the dial then emits a `warning` event. */
  readonly insecure?: boolean;
}

/** What to dial; structurally compatible with the session options of shared/contract. */
export interface DialOptions {
  readonly url: string;
  readonly connectTo?: HostPort;
  /** One budget for DNS, TCP, proxy and TLS together; 0 means no limit. */
  readonly connectTimeoutMs: number;
  readonly family?: 4 | 6;
  readonly proxy?: DialProxy;
  readonly tls?: DialTlsOptions;
  /** The headers the handshake will send; read only to check `unopenedSecrets`. */
  readonly headers?: readonly HeaderPair[];
  /** Secrets of the settings these options came from that this process could not open: dialing is refused while one is still empty. */
  readonly unopenedSecrets?: readonly UnopenedSecret[];
}

/** What the session lends the dialer: its clock, its event sink and (for tests) an environment. */
export interface DialHooks {
  nowMicros(): number;
  onEvent(event: NetEvent): void;
  /** Environment for `proxy: { kind: 'environment' }`; defaults to `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** A socket address as Node reports it. */
export interface SocketAddress {
  readonly address: string;
  readonly port: number;
}

/** A connected byte stream ready for the WebSocket handshake (plaintext over TLS when wss). */
export interface DialSuccess {
  readonly ok: true;
  /** Not yet flowing: bytes wait until the caller attaches a 'data' listener or reads. */
  readonly socket: Duplex;
  /** The TCP peer: the proxy when tunnelled, else the server. */
  readonly remote: SocketAddress;
  readonly local: SocketAddress;
  readonly tls?: TlsSummary;
}

/** A dial that failed, classified. */
export interface DialFailed {
  readonly ok: false;
  readonly failure: DialFailure;
}

/** The outcome of `dial`; network problems are values, never exceptions. */
export type DialResult = DialSuccess | DialFailed;
