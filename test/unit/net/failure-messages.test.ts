import { describe, expect, it } from 'vitest';
import { classifyConnectError } from '../../../electron/engine/net/connect-failure.js';
import type { DialFailure } from '../../../electron/engine/net/dial-failure.js';
import type { ExplicitProxy } from '../../../electron/engine/net/dial-options.js';
import { classifyDnsError, wrongFamilyFailure } from '../../../electron/engine/net/dns-failure.js';
import { classifyConnectProtocolError, classifyConnectRefusal, classifySocksFailure, describeProxy, proxyRequestFailure } from '../../../electron/engine/net/proxy-failure.js';
import { timeoutFailure } from '../../../electron/engine/net/timeout-failure.js';
import { classifyCertificateError, classifyTlsFileError, classifyTlsHandshakeError } from '../../../electron/engine/net/tls-failure.js';
import { message, renderMessage } from '../../../shared/i18n/message.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';

const english = createTranslate('en');
const chinese = createTranslate('zh-CN');
const httpProxy: ExplicitProxy = { kind: 'http-connect', host: '127.0.0.1', port: 3128 };
const socksProxy: ExplicitProxy = { kind: 'socks4a', host: '127.0.0.1', port: 1080 };
const head = (statusCode: number, reason: string) => ({ statusLine: `HTTP/1.1 ${statusCode} ${reason}`, httpVersion: '1.1', statusCode, reason, headers: [] });
const leaf = { subject: 'CN=a.test', issuer: 'CN=CA', validFrom: '2020-01-01', validTo: '2021-01-01', subjectAltName: 'DNS:a.test', fingerprint256: 'AA', serialNumber: '01' };

// One failure of every kind each classifier words, so every branch is rendered in both languages.
const failures: Record<string, DialFailure> = {
  'dns not found': classifyDnsError({ code: 'ENOTFOUND', message: 'x' }, 'nope.test', 'server'),
  'dns not found, IPv6 only, proxy host': classifyDnsError({ code: 'ENOTFOUND', message: 'x' }, 'proxy.test', 'proxy', 6),
  'dns temporary': classifyDnsError({ code: 'EAI_AGAIN', message: 'x' }, 'a.test', 'server'),
  'dns other': classifyDnsError({ code: 'ESERVFAIL', message: 'server failure' }, 'a.test', 'server'),
  'wrong family': wrongFamilyFailure('::1', 6, 4),
  'tcp refused by the proxy': classifyConnectError({ code: 'ECONNREFUSED', message: 'x' }, '127.0.0.1', 3128, 'proxy'),
  'tcp reset': classifyConnectError({ code: 'ECONNRESET', message: 'x' }, '127.0.0.1', 80, 'server'),
  'tcp no route': classifyConnectError({ code: 'EHOSTUNREACH', message: 'x' }, '10.0.0.1', 80, 'server'),
  'tcp no network': classifyConnectError({ code: 'ENETUNREACH', message: 'x' }, '10.0.0.1', 80, 'server'),
  'tcp no local address': classifyConnectError({ code: 'EADDRNOTAVAIL', message: 'x' }, '::2', 80, 'server'),
  'tcp other': classifyConnectError({ code: 'EWHATEVER', message: 'strange' }, '10.0.0.1', 80, 'server'),
  'CONNECT 407': classifyConnectRefusal({ ...head(407, 'Proxy Authentication Required'), headers: [['Proxy-Authenticate', 'Basic realm="x"']] }, httpProxy, 'a.test:443', false),
  'CONNECT 407 with credentials': classifyConnectRefusal(head(407, 'Proxy Authentication Required'), httpProxy, 'a.test:443', true),
  'CONNECT 403': classifyConnectRefusal(head(403, 'Forbidden'), httpProxy, 'a.test:80', false),
  'CONNECT 502': classifyConnectRefusal(head(502, 'Bad Gateway'), httpProxy, 'a.test:80', false),
  'CONNECT 400': classifyConnectRefusal(head(400, 'Bad Request'), httpProxy, 'a.test:80', false),
  'CONNECT unparsable': classifyConnectProtocolError(message('failure:connect.closedWithoutAnswer'), httpProxy),
  'CONNECT bad host': proxyRequestFailure({ host: 'a b' }),
  'environment proxy': proxyRequestFailure({ variable: 'HTTPS_PROXY', reason: message('failure:environmentProxy.notUrl', { variable: 'HTTPS_PROXY' }) }),
  'SOCKS4 name refused': classifySocksFailure({ kind: 'reply', version: 4, code: 91, isNameToSocks4: true }, socksProxy, 'a.test:80'),
  'SOCKS5 host unreachable': classifySocksFailure({ kind: 'reply', version: 5, code: 0x04, isNameToSocks4: false }, socksProxy, 'a.test:80'),
  'SOCKS5 auth': classifySocksFailure({ kind: 'auth-rejected', status: 1 }, socksProxy, 'a.test:80'),
  'SOCKS5 no acceptable method, no credentials': classifySocksFailure({ kind: 'no-acceptable-method', hasCredentials: false }, socksProxy, 'a.test:80'),
  'SOCKS5 no acceptable method': classifySocksFailure({ kind: 'no-acceptable-method', hasCredentials: true }, socksProxy, 'a.test:80'),
  'SOCKS5 unoffered method': classifySocksFailure({ kind: 'unoffered-method', method: 0x81 }, socksProxy, 'a.test:80'),
  'SOCKS5 credentials too long': classifySocksFailure({ kind: 'credentials-too-long' }, socksProxy, 'a.test:80'),
  'SOCKS4 unsendable target': classifySocksFailure({ kind: 'unsendable-target' }, socksProxy, '[::1]:80'),
  'not SOCKS': classifySocksFailure({ kind: 'not-socks', detail: 'answered 48 54, not SOCKS version 5' }, socksProxy, 'a.test:80'),
  'SOCKS closed': classifySocksFailure({ kind: 'closed' }, socksProxy, 'a.test:80'),
  'SOCKS socket error': classifySocksFailure({ kind: 'socket-error', detail: 'read ECONNRESET' }, socksProxy, 'a.test:80'),
  'timeout in the proxy': timeoutFailure('proxy', 500, message('failure:proxy.tunnelTo', { proxy: describeProxy(socksProxy), target: 'a.test:80' })),
  'timeout in TLS': timeoutFailure('tls', 500, 'a.test'),
  'certificate expired': classifyCertificateError('CERT_HAS_EXPIRED', { expectedName: 'a.test', leaf }),
  'certificate self-signed': classifyCertificateError('DEPTH_ZERO_SELF_SIGNED_CERT', { expectedName: 'a.test' }),
  'certificate unknown issuer': classifyCertificateError('UNABLE_TO_GET_ISSUER_CERT_LOCALLY', { expectedName: 'a.test', leaf }),
  'certificate wrong name': classifyCertificateError('ERR_TLS_CERT_ALTNAME_INVALID', { expectedName: 'b.test', leaf }),
  'not TLS': classifyTlsHandshakeError({ code: 'ERR_SSL_WRONG_VERSION_NUMBER', message: 'wrong version number' }, 'a.test'),
  'TLS closed': classifyTlsHandshakeError({ code: 'ECONNRESET', message: 'socket hang up' }, 'a.test'),
  'CA file': classifyTlsFileError({ code: 'ENOENT', message: 'no such file' }, 'CA', '/nowhere/ca.pem'),
};

const hasChinese = /[\u4e00-\u9fff]/;

describe('connection failures as messages', () => {
  it.each(Object.entries(failures))('%s: the English text is the message rendered in English', (_name, failure) => {
    expect(renderMessage(english, failure.i18n.message)).toBe(failure.message);
    expect(renderMessage(english, failure.i18n.hint)).toBe(failure.hint);
  });

  it.each(Object.entries(failures))('%s: reads in Chinese, message and hint', (_name, failure) => {
    const text = renderMessage(chinese, failure.i18n.message);
    const hint = renderMessage(chinese, failure.i18n.hint);
    expect(text).toMatch(hasChinese);
    expect(hint).toMatch(hasChinese);
    // A key i18next could not find comes back as the key itself.
    expect(`${text} ${hint}`).not.toMatch(/failure:|doctor:/);
  });

  it('keeps values that are data (addresses, names, status lines) in the Chinese text', () => {
    expect(renderMessage(chinese, failures['CONNECT 403']!.i18n.message)).toBe('HTTP 代理 127.0.0.1:3128 拒绝建立到 a.test:80 的隧道：HTTP/1.1 403 Forbidden');
    expect(renderMessage(chinese, failures['tcp refused by the proxy']!.i18n.message)).toBe('连接被拒绝：代理 127.0.0.1:3128 上没有程序在监听');
  });
});
