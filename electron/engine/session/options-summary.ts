import type { ProxyHopSummary, SessionOptionsSummary, TlsSummary } from '../../../shared/contract/capture.js';
import type { TlsSummary as DialTlsSummary } from '../net/tls-summary.js';
import type { SessionOptions } from '../../../shared/contract/session-options.js';

/**
 * What a capture says about how a session was set up: hops, override and TLS switches, never a
 * password (DESIGN.md "Files users keep": secrets stay out of files people attach to bug reports).
 */
export function summariseOptions(options: SessionOptions): SessionOptionsSummary {
  const isSecure = options.url.toLowerCase().startsWith('wss:');
  return {
    proxies: proxyHops(options),
    connectTo: options.connectTo ?? null,
    tls: isSecure
      ? {
          servername: options.tls.serverName ?? null,
          alpn: ['http/1.1'],
          minVersion: options.tls.minVersion ?? null,
          maxVersion: options.tls.maxVersion ?? null,
          hasCustomCa: options.tls.caFile !== undefined,
          hasClientCertificate: options.tls.certFile !== undefined,
          isInsecure: options.tls.insecure,
        }
      : null,
  };
}

function proxyHops(options: SessionOptions): ProxyHopSummary[] {
  const proxy = options.proxy;
  switch (proxy.kind) {
    case 'http-connect':
      return [{ kind: 'http', host: proxy.host, port: proxy.port, hasCredentials: proxy.username !== undefined }];
    case 'socks5':
      return [{ kind: 'socks5', host: proxy.host, port: proxy.port, hasCredentials: proxy.username !== undefined }];
    case 'socks4a':
    case 'socks4':
      return [{ kind: proxy.kind, host: proxy.host, port: proxy.port, hasCredentials: proxy.userId !== undefined }];
    default:
      return [];
  }
}

/** The capture header's TLS summary from the dialer's. */
export function captureTlsSummary(tls: DialTlsSummary): TlsSummary {
  return {
    protocol: tls.protocol,
    cipher: tls.cipher,
    alpnProtocol: tls.alpn,
    servername: tls.servername,
    isAuthorized: tls.authorized,
    authorizationError: tls.authorizationError,
    peerCertificates: tls.certificates.map((certificate) => ({
      subject: certificate.subject,
      issuer: certificate.issuer,
      validFrom: certificate.validFrom,
      validTo: certificate.validTo,
      fingerprint256: certificate.fingerprint256,
      subjectAltName: certificate.subjectAltName.length > 0 ? certificate.subjectAltName.join(', ') : null,
    })),
  };
}
