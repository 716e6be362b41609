import type { Message } from '../i18n/message.js';
import type { Direction } from '../protocol/frame-record.js';
import type {
  HandshakeCheck,
  HandshakeRequestJson,
  HandshakeResponseJson,
  RecordJson,
  UnreadableResponseJson,
} from './records.js';

/** The `format` value of every `.frameline.json` file; a reader refuses anything else. */
export const CAPTURE_FORMAT_NAME = 'frameline-capture';

/** The format version this code writes and reads (docs/capture-format.md "Versioning"). */
export const CAPTURE_FORMAT_VERSION = 1;

/** The wall-clock moment that `atMicros: 0` corresponds to; all record times are monotonic offsets from it. */
export interface WallClockAnchor {
  /** ISO 8601 UTC time, e.g. `2025-03-01T12:00:00.000Z`, for people. */
  readonly iso: string;
  /** The same moment in microseconds since the Unix epoch, for arithmetic. */
  readonly epochMicros: number;
}

/** A host and a port, as dialled or as configured. */
export interface HostPort {
  readonly host: string;
  readonly port: number;
}

/** One proxy on the way to the target, in dial order. Credentials are never stored, only whether there were any. */
export interface ProxyHopSummary {
  readonly kind: 'http' | 'socks5' | 'socks4a' | 'socks4';
  readonly host: string;
  readonly port: number;
  readonly hasCredentials: boolean;
}

/** The TLS options the user chose; files (CA, client certificate) appear as booleans, never as paths. */
export interface TlsOptionsSummary {
  readonly servername: string | null;
  readonly alpn: string[];
  readonly minVersion: string | null;
  readonly maxVersion: string | null;
  readonly hasCustomCa: boolean;
  readonly hasClientCertificate: boolean;
  /** Certificate checks were switched off; the UI shows a warning badge. */
  readonly isInsecure: boolean;
}

/** How the session was configured, without secrets: enough to explain or repeat the connection. */
export interface SessionOptionsSummary {
  readonly proxies: ProxyHopSummary[];
  /** The dial address when it differs from the URL's host (connect-to override), else null. */
  readonly connectTo: HostPort | null;
  /** null for `ws://`. */
  readonly tls: TlsOptionsSummary | null;
}

/** One end of the TCP connection as the operating system reported it. */
export interface SocketAddress {
  readonly address: string;
  readonly port: number;
}

/** Both ends of the connection that carried the WebSocket (the proxy's address when tunnelled). */
export interface CaptureEndpoints {
  readonly local: SocketAddress;
  readonly remote: SocketAddress;
}

/** The parts of the peer certificate a user checks first. */
export interface CertificateSummary {
  /** `CN=a, O=b`. */
  readonly subject: string;
  readonly issuer: string;
  /** ISO 8601 when Node's date parses, else as the certificate says. */
  readonly validFrom: string;
  readonly validTo: string;
  readonly fingerprint256: string;
  /** `DNS:a.test, IP Address:127.0.0.1`, or null when the certificate names none. */
  readonly subjectAltName: string | null;
  /** Absent in captures written before the dialer and the header shared this shape. */
  readonly serialNumber?: string;
}

/**
 * What TLS negotiated, for `wss://`; the chain starts with the leaf. The one TLS summary: the
 * dialer returns it, the `tls-established` event carries it, the capture header keeps it. A type
 * alias rather than an interface so it fits an event record's plain-JSON details (an index signature).
 */
export type TlsSummary = {
  readonly protocol: string | null;
  readonly cipher: string | null;
  readonly alpnProtocol: string | null;
  readonly servername: string | null;
  readonly isAuthorized: boolean;
  readonly authorizationError: string | null;
  readonly peerCertificates: CertificateSummary[];
};

/** The Upgrade exchange as in the handshake record (records.ts), repeated in the header for quick reading. */
export interface CaptureHandshake {
  readonly request: HandshakeRequestJson;
  readonly response: HandshakeResponseJson | null;
  readonly unreadableResponse?: UnreadableResponseJson;
  readonly checks: HandshakeCheck[];
}

/** An extension the server accepted, e.g. permessage-deflate; a parameter without a value is `true`. */
export interface NegotiatedExtension {
  readonly name: string;
  readonly params: Record<string, string | true>;
}

/** Where a redacted secret was. New locations may be added within a format version. */
export type RedactionLocation =
  | 'request-header'
  | 'response-header'
  | 'query-parameter'
  /** A `name=value` pair of the URL's fragment whose name is a credential's (`#access_token=…`). */
  | 'url-fragment'
  | 'url-userinfo'
  | 'event-detail'
  /** A frame's payload matched a payload pattern; the name is `payload-pattern-N`. */
  | 'frame-payload'
  /**
   * A relay HTTP exchange's kept body start (their HAR export) matched a payload pattern (the name
   * is `payload-pattern-N`) or held a value redacted from a URL or head (`removed-value`).
   */
  | 'http-body';

/** One secret removed before export: its name and where it was, never its value. */
export interface Redaction {
  readonly location: RedactionLocation;
  readonly name: string;
}

/** How a client reached a relay: at the relay's own address, or through it as an HTTP proxy. */
export type RelayReachedBy = 'url' | 'proxy-connect' | 'proxy-absolute-form';

/**
 * What a relay capture adds to its header. The rest of the header (`targetUrl`, `endpoints`,
 * `tls`, `extensions`) describes the relay→server connection; this describes the client's side.
 */
export interface RelayCaptureInfo {
  /** `frame-exact` forwards every frame with its bits; `message` reassembles and re-frames. */
  readonly mode: 'frame-exact' | 'message';
  readonly reachedBy: RelayReachedBy;
  /** The client's connection: `local` is the relay's address, `remote` the client's. */
  readonly clientEndpoints: CaptureEndpoints;
  /** Set when the client's connection was TLS, terminated by the relay with a certificate from its local CA. */
  readonly clientTlsServername: string | null;
}

/** Everything in a capture except the records and wire chunks; the first line of a `.frameline.json` file. */
export interface CaptureHeader {
  readonly format: typeof CAPTURE_FORMAT_NAME;
  readonly version: typeof CAPTURE_FORMAT_VERSION;
  readonly created: WallClockAnchor;
  readonly targetUrl: string;
  readonly options: SessionOptionsSummary;
  /** null until the TCP connection is up (or when it never came up). */
  readonly endpoints: CaptureEndpoints | null;
  readonly tls: TlsSummary | null;
  /** The first handshake of the session, null until one was recorded. */
  readonly handshake: CaptureHandshake | null;
  readonly extensions: NegotiatedExtension[];
  readonly subprotocol: string | null;
  /** Empty when nothing was redacted. */
  readonly redactions: Redaction[];
  /** Present in relay captures only (records then carry `leg` and `link`). */
  readonly relay?: RelayCaptureInfo;
  /** The application protocol the session was read as (issue 13); an import decodes the records with it again. Absent: detect. */
  readonly appProtocol?: CaptureAppProtocol;
}

/** Which application protocol a capture's messages are read as: the user's choice and, once known, the protocol and why. */
export interface CaptureAppProtocol {
  /** `auto`, `none` or a protocol id (shared/app-protocol/protocol-choice.ts); unknown values are read as `auto`. */
  readonly choice: string;
  /** The protocol in use (chosen or detected), or null while none is. */
  readonly id: string | null;
  readonly reason: string | null;
}

/** The header fields a session sets; `format` and `version` are filled in by the log. */
export type CaptureHeaderFields = Omit<CaptureHeader, 'format' | 'version'>;

/**
 * One raw socket read or write, as `[atMicros, direction, byteLength]`: the chunk boundaries a
 * pcapng export turns into one packet each.
 */
export type WireChunkJson = [atMicros: number, direction: Direction, byteLength: number];

/** A whole `.frameline.json` document. */
export interface CaptureFile extends CaptureHeader {
  readonly records: RecordJson[];
  readonly wire: WireChunkJson[];
}

/** Why a file could not be imported: one problem, located by field path or byte offset. */
export interface CaptureFileProblem {
  /** The file as the user named it. */
  readonly file: string;
  /** One sentence naming the file and the field or offset, ready to show. */
  readonly message: string;
  /** e.g. `records[17].opcode`, when a field is wrong. */
  readonly fieldPath?: string;
  /** Where broken or truncated JSON starts, in bytes from the start of the file. */
  readonly byteOffset?: number;
  /** The sentence as a message, for readers in another language (problems worded before messages existed carry none). */
  readonly i18n?: Message;
}
