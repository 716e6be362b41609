import type { DetailedPeerCertificate, PeerCertificate, TLSSocket } from 'node:tls';
import type { CertificateSummary, TlsSummary } from '../../../shared/contract/capture.js';

/** Summarises an established TLS socket, including the peer chain, in the one TLS summary shape (shared/contract/capture.ts). */
export function summariseTls(socket: TLSSocket, servername: string | null): TlsSummary {
  const alpn = socket.alpnProtocol;
  const error = socket.authorizationError as Error | string | null | undefined;
  return {
    protocol: socket.getProtocol(),
    cipher: socket.getCipher().standardName,
    alpnProtocol: typeof alpn === 'string' ? alpn : null,
    servername,
    isAuthorized: socket.authorized,
    authorizationError: error === null || error === undefined ? null : String(error instanceof Error ? error.message : error),
    peerCertificates: summariseChain(socket.getPeerCertificate(true)),
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
    fingerprint256: certificate.fingerprint256,
    subjectAltName: splitSubjectAltName(certificate.subjectaltname).join(', ') || null,
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
