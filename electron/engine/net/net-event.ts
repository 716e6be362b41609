import type { EventText } from '../../../shared/contract/records.js';
import type { TlsSummary } from '../../../shared/contract/capture.js';

/** Which hop a DNS lookup or TCP connection was for. */
export type NetPeer = 'server' | 'proxy';

/**
 * The connection events the dialer emits, shaped as EventRecordJson without `kind` and `seq`
 * (the session adds those): a name, the time on the session's clock, and plain JSON details.
 */
export type NetEvent =
  | DnsEvent
  | TcpConnectedEvent
  | ProxyTunnelEstablishedEvent
  | TlsEstablishedEvent
  | NetWarningEvent
  | NetNoteEvent;

/** A name resolved locally (not emitted for IP literals or when the proxy resolves). */
export type DnsEvent = {
  readonly name: 'dns';
  readonly atMicros: number;
  readonly peer: NetPeer;
  readonly host: string;
  readonly addresses: string[];
  readonly durationMicros: number;
};

/** TCP is up, to the proxy or to the server. */
export type TcpConnectedEvent = {
  readonly name: 'tcp-connected';
  readonly atMicros: number;
  readonly peer: NetPeer;
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly localAddress: string;
  readonly localPort: number;
  readonly durationMicros: number;
};

/** The proxy agreed to carry bytes to the target. */
export type ProxyTunnelEstablishedEvent = {
  readonly name: 'proxy-tunnel-established';
  readonly atMicros: number;
  /** Not `kind`: that name belongs to the record (`kind: 'event'`). */
  readonly proxyKind: 'http-connect' | 'socks5' | 'socks4a' | 'socks4';
  readonly proxyAddress: string;
  readonly proxyPort: number;
  /** host:port as asked of the proxy (IPv6 in brackets). */
  readonly target: string;
  /** The CONNECT response status line, or the SOCKS reply in words. */
  readonly statusLine: string;
  readonly durationMicros: number;
};

/** TLS is up; the summary includes the peer's certificate chain. */
export type TlsEstablishedEvent = TlsSummary & {
  readonly name: 'tls-established';
  readonly atMicros: number;
  readonly durationMicros: number;
};

/** Something the user should see as a badge, e.g. "certificate not verified". */
export type NetWarningEvent = {
  readonly name: 'warning';
  readonly atMicros: number;
  readonly message: string;
  readonly hint?: string;
  readonly i18n?: EventText;
};

/** A plain remark for the timeline, e.g. which environment variable chose the proxy. */
export type NetNoteEvent = {
  readonly name: 'note';
  readonly atMicros: number;
  readonly message: string;
  readonly i18n?: EventText;
};
