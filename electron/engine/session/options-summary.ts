import type { ProxyHopSummary, SessionOptionsSummary } from '../../../shared/contract/capture.js';
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

