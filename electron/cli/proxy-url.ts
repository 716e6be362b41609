import type { ProxyOptions } from '../../shared/contract/session-options.js';
import { UsageError } from './usage-error.js';

/** `http://[user:pass@]host:port`, `socks5://…`, `socks5h://…`, `socks4://…` or `socks4a://…` → proxy options. */
export function parseProxyUrl(text: string): ProxyOptions {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError('cli:error.proxyUrl', { value: text });
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const username = url.username ? decodeURIComponent(url.username) : undefined;
  const password = url.password ? decodeURIComponent(url.password) : undefined;
  const credentials = { ...(username !== undefined ? { username } : {}), ...(password !== undefined ? { password } : {}) };
  switch (url.protocol) {
    case 'http:':
      return { kind: 'http-connect', host, port: Number(url.port || 80), ...credentials };
    case 'socks5:':
    case 'socks5h:':
      // socks5h asks the proxy to resolve names, as curl spells it; plain socks5 resolves locally.
      return { kind: 'socks5', host, port: Number(url.port || 1080), remoteDns: url.protocol === 'socks5h:', ...credentials };
    case 'socks4a:':
    case 'socks4:':
      // socks4a asks the proxy to resolve names; socks4 sends an IPv4 address resolved here.
      return { kind: url.protocol === 'socks4:' ? 'socks4' : 'socks4a', host, port: Number(url.port || 1080), ...(username !== undefined ? { userId: username } : {}) };
    default:
      throw new UsageError('cli:error.proxyScheme', { scheme: url.protocol });
  }
}
