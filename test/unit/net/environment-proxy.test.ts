import { describe, expect, it } from 'vitest';
import { parseProxyUrl, resolveEnvironmentProxy, type EnvironmentProxyDecision } from '../../../electron/engine/net/environment-proxy.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { englishText } from '../../../shared/i18n/english-text.js';
import { renderMessage } from '../../../shared/i18n/message.js';

const chinese = createTranslate('zh-CN');

/** A decision's reason in English and in Chinese. */
function reasons(decision: EnvironmentProxyDecision): [string, string] {
  if (decision.kind === 'proxy') throw new Error('a proxy was chosen');
  return [englishText(decision.reason), renderMessage(chinese, decision.reason)];
}

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

  it('goes direct when nothing is set, saying so in both languages', () => {
    const decision = resolveEnvironmentProxy({}, secure);
    expect(decision).toMatchObject({ kind: 'direct' });
    expect(reasons(decision)).toEqual(['none of https_proxy, HTTPS_PROXY, all_proxy, ALL_PROXY is set', 'https_proxy，HTTPS_PROXY，all_proxy，ALL_PROXY 都没有设置']);
  });

  it('goes direct when NO_PROXY matches, naming the entry; no_proxy wins over NO_PROXY', () => {
    const env = { HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: '.example.com' };
    const decision = resolveEnvironmentProxy(env, secure);
    expect(decision).toMatchObject({ kind: 'direct' });
    expect(reasons(decision)).toEqual(['NO_PROXY entry ".example.com" matches api.example.com', 'NO_PROXY 里的“.example.com”与 api.example.com 匹配']);
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
    const https = parseProxyUrl('https://proxy:443', 'HTTPS_PROXY');
    expect(https).toMatchObject({ kind: 'invalid', variable: 'HTTPS_PROXY' });
    expect(reasons(https)).toEqual([
      'HTTPS_PROXY names an HTTPS proxy (TLS to the proxy), which Frameline does not support yet',
      'HTTPS_PROXY 指向 HTTPS 代理（与代理之间走 TLS），Frameline 暂不支持',
    ]);
    const ftp = parseProxyUrl('ftp://proxy', 'ALL_PROXY');
    expect(ftp).toMatchObject({ kind: 'invalid' });
    expect(reasons(ftp)).toEqual(['ALL_PROXY uses the unsupported scheme ftp://', 'ALL_PROXY 使用了不支持的协议 ftp://']);
  });

  it('says why a value is no proxy URL, in both languages', () => {
    expect(reasons(parseProxyUrl('http://', 'HTTP_PROXY'))).toEqual(['HTTP_PROXY is not a URL', 'HTTP_PROXY 的值不是 URL']);
    expect(reasons(parseProxyUrl('socks5:///', 'ALL_PROXY'))).toEqual(['ALL_PROXY names no host', 'ALL_PROXY 里没有主机名']);
  });
});
