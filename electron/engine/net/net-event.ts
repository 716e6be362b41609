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
  | SocksStepEvent
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
  /** SOCKS only: BND.ADDR and BND.PORT of the reply (RFC 1928 §6; SOCKS4's DSTIP and DSTPORT), as the proxy wrote them. */
  readonly boundAddress?: string;
  readonly boundPort?: number;
  readonly durationMicros: number;
};

/** The parts of a SOCKS exchange: RFC 1928 §3 method selection, RFC 1929 sub-negotiation, the request and its reply (§4, §6). */
export type SocksStepName = 'method' | 'auth' | 'request';

/** How a SOCKS step ended: answered yes, answered no, hung up, answered with bytes that are not SOCKS, no answer in time, a socket error. */
export type SocksStepOutcome = 'ok' | 'refused' | 'closed' | 'invalid' | 'no-answer' | 'error';

/** How the request names the target: the proxy resolves a name (socks5h, socks4a), we resolved it here (socks5, socks4), or it is an address. */
export type SocksResolution = 'remote' | 'local' | 'address';

/** What one SOCKS step sent and what came back, as far as it got: the facts its sentence and its event both carry. */
export type SocksStepFacts = {
  readonly step: SocksStepName;
  readonly outcome: SocksStepOutcome;
  /** method: the METHODs offered and the one chosen (0xFF: none acceptable). */
  readonly offeredMethods?: readonly number[];
  readonly chosenMethod?: number;
  /** auth: RFC 1929 STATUS (0x00 success). The user name and password are never recorded. */
  readonly authStatus?: number;
  /** request: the destination as sent, how it was resolved, REP (SOCKS4: CD) and the bound address. */
  readonly target?: string;
  readonly resolution?: SocksResolution;
  /** The name looked up here for the request (socks5 without remote DNS, socks4). */
  readonly resolvedName?: string;
  readonly reply?: number;
  readonly boundAddress?: string;
  readonly boundPort?: number;
  /** invalid: the bytes that came instead of an answer; error: the socket's error. */
  readonly detail?: string;
};

/**
 * One step of a SOCKS exchange, recorded when it ends (answered or not), so a capture and the
 * Doctor show which part of the negotiation passed and which failed. The sentence is in `i18n`.
 */
export type SocksStepEvent = SocksStepFacts & {
  readonly name: 'socks-step';
  readonly atMicros: number;
  readonly proxyKind: 'socks5' | 'socks4a' | 'socks4';
  /** From the first byte written to the last byte of the answer (or the failure). */
  readonly durationMicros: number;
  readonly message: string;
  readonly i18n: EventText;
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
