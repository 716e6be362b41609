import { describe, expect, it } from 'vitest';
import { parseProxyUrl, resolveEnvironmentProxy } from '../../../electron/engine/net/environment-proxy.js';

const secure = { isSecure: true, host: 'api.example.com', port: 443 };
const plain = { isSecure: false, host: 'api.example.com', port: 80 };

describe('resolveEnvironmentProxy', () => {
  it('uses HTTPS_PROXY for wss and HTTP_PROXY for ws', () => {
    const env = { HTTPS_PROXY: 'http://secure-proxy:3128', HTTP_PROXY: 'http://plain-proxy:3128' };
    expect(resolveEnvironmentProxy(env, secure)).toMatchObject({ kind: 'proxy', variable: 'HTTPS_PROXY', proxy: { kind: 'http-connect', host: 'secure-proxy', port: 3128 } });
    expect(resolveEnvironmentProxy(env, plain)).toMatchObject({ kind: 'proxy', variable: 'HTTP_PROXY', proxy: { host: 'plain-proxy' } });
  });

  it('prefers the lower-case spelling and treats empty values as unset', () => {
    expect(resolveEnvironmentProxy({ https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2' }, secure)).toMatchObject({ variable: 'https_proxy' });
    expect(resolveEnvironmentProxy({ https_proxy: '', HTTPS_PROXY: 'http://upper:2' }, secure)).toMatchObject({ variable: 'HTTPS_PROXY' });
  });

  it('falls back to ALL_PROXY', () => {
    expect(resolveEnvironmentProxy({ ALL_PROXY: 'socks5h://socks:1080' }, secure)).toMatchObject({
      kind: 'proxy', variable: 'ALL_PROXY', proxy: { kind: 'socks5', host: 'socks', port: 1080, remoteDns: true },
    });
  });

  it('goes direct when nothing is set, saying so', () => {
    expect(resolveEnvironmentProxy({}, secure)).toMatchObject({ kind: 'direct' });
  });

  it('goes direct when NO_PROXY matches, naming the entry; no_proxy wins over NO_PROXY', () => {
    const env = { HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: '.example.com' };
    expect(resolveEnvironmentProxy(env, secure)).toEqual({ kind: 'direct', reason: 'NO_PROXY entry ".example.com" matches api.example.com' });
    expect(resolveEnvironmentProxy({ ...env, no_proxy: 'other.test' }, secure)).toMatchObject({ kind: 'proxy' });
  });

  it('applies NO_PROXY ports', () => {
    const env = { HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: 'api.example.com:8443' };
    expect(resolveEnvironmentProxy(env, secure)).toMatchObject({ kind: 'proxy' });
    expect(resolveEnvironmentProxy(env, { ...secure, port: 8443 })).toMatchObject({ kind: 'direct' });
  });
});

describe('parseProxyUrl', () => {
  it('reads credentials, percent-decoded, and redacts the password', () => {
    expect(parseProxyUrl('http://al%40ice:p%3Ass@proxy.test:8080', 'HTTPS_PROXY')).toEqual({
      kind: 'proxy',
      variable: 'HTTPS_PROXY',
      redactedUrl: 'http://al@ice:***@proxy.test:8080',
      proxy: { kind: 'http-connect', host: 'proxy.test', port: 8080, username: 'al@ice', password: 'p:ss' },
    });
  });

  it('assumes http:// for a bare host:port and port 80 for http without one', () => {
    expect(parseProxyUrl('proxy.test:3128', 'HTTP_PROXY')).toMatchObject({ proxy: { kind: 'http-connect', host: 'proxy.test', port: 3128 } });
    expect(parseProxyUrl('http://proxy.test', 'HTTP_PROXY')).toMatchObject({ proxy: { port: 80 } });
  });

  it('maps socks5 (local DNS), socks5h (proxy DNS), socks4a (proxy DNS) and socks4 (local DNS)', () => {
    expect(parseProxyUrl('socks5://s:1', 'ALL_PROXY')).toMatchObject({ proxy: { kind: 'socks5', remoteDns: false } });
    expect(parseProxyUrl('socks5h://s', 'ALL_PROXY')).toMatchObject({ proxy: { kind: 'socks5', port: 1080, remoteDns: true } });
    expect(parseProxyUrl('socks4a://user@s:9', 'ALL_PROXY')).toMatchObject({ proxy: { kind: 'socks4a', port: 9, userId: 'user' } });
    expect(parseProxyUrl('socks4://s', 'ALL_PROXY')).toMatchObject({ proxy: { kind: 'socks4', port: 1080 } });
  });

  it('reads IPv6 proxy hosts without brackets', () => {
    expect(parseProxyUrl('http://[::1]:3128', 'HTTP_PROXY')).toMatchObject({ proxy: { host: '::1', port: 3128 } });
  });

  it('rejects https:// proxies and unknown schemes with a reason', () => {
    expect(parseProxyUrl('https://proxy:443', 'HTTPS_PROXY')).toMatchObject({ kind: 'invalid', variable: 'HTTPS_PROXY' });
    expect(parseProxyUrl('ftp://proxy', 'ALL_PROXY')).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('ftp') });
  });
});
