import type { DetailedPeerCertificate, PeerCertificate, TLSSocket } from 'node:tls';

/** One certificate of the peer's chain, leaf first. */
export type CertificateSummary = {
  readonly subject: string;
  readonly issuer: string;
  /** ISO 8601 when Node's date parses, else as Node reports it. */
  readonly validFrom: string;
  readonly validTo: string;
  readonly subjectAltName: string[];
  readonly fingerprint256: string;
  readonly serialNumber: string;
};

/** What the capture header and the `tls-established` event keep of a TLS connection. */
export type TlsSummary = {
  readonly protocol: string | null;
  readonly cipher: string;
  readonly alpn: string | null;
  readonly servername: string | null;
  readonly authorized: boolean;
  readonly authorizationError: string | null;
  readonly certificates: CertificateSummary[];
};

/** Summarises an established TLS socket, including the peer chain. */
export function summariseTls(socket: TLSSocket, servername: string | null): TlsSummary {
  const alpn = socket.alpnProtocol;
  const error = socket.authorizationError as Error | string | null | undefined;
  return {
    protocol: socket.getProtocol(),
    cipher: socket.getCipher().standardName,
    alpn: typeof alpn === 'string' ? alpn : null,
    servername,
    authorized: socket.authorized,
    authorizationError: error === null || error === undefined ? null : String(error instanceof Error ? error.message : error),
    certificates: summariseChain(socket.getPeerCertificate(true)),
  };
}

/** Walks a detailed peer certificate up its issuers, stopping at a self-issued root or a repeat. */
export function summariseChain(leaf: DetailedPeerCertificate | PeerCertificate): CertificateSummary[] {
  const chain: CertificateSummary[] = [];
  const seen = new Set<string>();
  let current: DetailedPeerCertificate | PeerCertificate | undefined = leaf;
  while (current !== undefined && typeof current.fingerprint256 === 'string' && !seen.has(current.fingerprint256)) {
    seen.add(current.fingerprint256);
    chain.push(summariseCertificate(current));
    current = 'issuerCertificate' in current ? current.issuerCertificate : undefined;
  }
  return chain;
}

/** The fields of one certificate a user reads to recognise it. */
export function summariseCertificate(certificate: PeerCertificate): CertificateSummary {
  return {
    subject: formatDistinguishedName(certificate.subject),
    issuer: formatDistinguishedName(certificate.issuer),
    validFrom: toIsoDate(certificate.valid_from),
    validTo: toIsoDate(certificate.valid_to),
    subjectAltName: splitSubjectAltName(certificate.subjectaltname),
    fingerprint256: certificate.fingerprint256,
    serialNumber: certificate.serialNumber,
  };
}

/** `{ CN: 'a', O: 'b' }` → `CN=a, O=b` (multi-valued attributes repeat the key). */
export function formatDistinguishedName(name: Readonly<Record<string, string | string[] | undefined>> | undefined): string {
  if (name === undefined || name === null) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(name)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined) parts.push(`${key}=${item}`);
    }
  }
  return parts.join(', ');
}

/** `DNS:a, IP Address:127.0.0.1` → `['DNS:a', 'IP Address:127.0.0.1']`. */
export function splitSubjectAltName(value: string | undefined): string[] {
  if (value === undefined || value === '') return [];
  return value.split(', ').map((entry) => entry.trim()).filter((entry) => entry !== '');
}

function toIsoDate(value: string): string {
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? value : parsed.toISOString();
}
