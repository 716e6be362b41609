import { describe, expect, it } from 'vitest';
import { classifyConnectError } from '../../../electron/engine/net/connect-failure.js';
import { classifyDnsError } from '../../../electron/engine/net/dns-failure.js';
import type { HttpConnectProxy, Socks5Proxy } from '../../../electron/engine/net/dial-options.js';
import { classifyConnectRefusal, classifySocksFailure } from '../../../electron/engine/net/proxy-failure.js';
import { timeoutFailure } from '../../../electron/engine/net/timeout-failure.js';
import { classifyCertificateError, classifyTlsHandshakeError } from '../../../electron/engine/net/tls-failure.js';
import type { CertificateSummary } from '../../../shared/contract/capture.js';

const httpProxy: HttpConnectProxy = { kind: 'http-connect', host: '127.0.0.1', port: 3128 };
const socksProxy: Socks5Proxy = { kind: 'socks5', host: '127.0.0.1', port: 1080, remoteDns: true };

describe('DNS failures', () => {
  it('names a missing host and a resolver that did not answer', () => {
    expect(classifyDnsError({ code: 'ENOTFOUND', message: 'x' }, 'nope.test', 'server')).toMatchObject({ stage: 'dns', code: 'ENOTFOUND', message: 'DNS lookup of nope.test found no address' });
    expect(classifyDnsError({ code: 'EAI_AGAIN', message: 'x' }, 'proxy.test', 'proxy')).toMatchObject({ stage: 'dns', code: 'EAI_AGAIN', message: expect.stringContaining('the proxy host proxy.test') });
  });
});

describe('TCP failures', () => {
  it('says nothing listens on a refused address, IPv6 in brackets', () => {
    expect(classifyConnectError({ code: 'ECONNREFUSED', message: 'x' }, '127.0.0.1', 9, 'server')).toMatchObject({ stage: 'tcp', message: 'Connection refused: nothing listens on 127.0.0.1:9' });
    expect(classifyConnectError({ code: 'ECONNREFUSED', message: 'x' }, '::1', 9, 'proxy').message).toBe('Connection refused: nothing listens on proxy [::1]:9');
  });

  it('keeps unknown codes with the system message', () => {
    expect(classifyConnectError({ code: 'EWHATEVER', message: 'strange' }, '10.0.0.1', 1, 'server')).toMatchObject({ code: 'EWHATEVER', message: expect.stringContaining('strange') });
  });
});

describe('timeouts', () => {
  it('name the stage reached', () => {
    expect(timeoutFailure('proxy', 500, 'SOCKS5 proxy 127.0.0.1:1080 (to a.test:80)')).toMatchObject({ stage: 'proxy', code: 'ETIMEDOUT', message: 'The SOCKS5 proxy 127.0.0.1:1080 (to a.test:80) did not open the tunnel within 500 ms' });
    expect(timeoutFailure('tls', 500, 'a.test').message).toBe('The TLS handshake with a.test did not finish within 500 ms');
  });
});

describe('CONNECT refusals', () => {
  const head = (statusCode: number, reason: string, headers: [string, string][] = []) => ({ statusLine: `HTTP/1.1 ${statusCode} ${reason}`, httpVersion: '1.1', statusCode, reason, headers });

  it('407 names the proxy and asks for credentials, quoting the challenge', () => {
    const failure = classifyConnectRefusal(head(407, 'Proxy Authentication Required', [['Proxy-Authenticate', 'Basic realm="squid"']]), httpProxy, 'a.test:443', false);
    expect(failure).toMatchObject({ stage: 'proxy', code: 'HTTP_407', message: 'The HTTP proxy 127.0.0.1:3128 requires authentication: HTTP/1.1 407 Proxy Authentication Required' });
    expect(failure.hint).toContain('user name and password');
    expect(failure.hint).toContain('Basic realm="squid"');
  });

  it('407 after sending credentials says they were rejected', () => {
    expect(classifyConnectRefusal(head(407, 'Proxy Authentication Required'), httpProxy, 'a.test:443', true).message).toContain('rejected the credentials');
  });

  it('403 and others quote the status line', () => {
    expect(classifyConnectRefusal(head(403, 'Forbidden'), httpProxy, 'a.test:80', false)).toMatchObject({ code: 'HTTP_403', message: 'The HTTP proxy 127.0.0.1:3128 refused to tunnel to a.test:80: HTTP/1.1 403 Forbidden' });
    expect(classifyConnectRefusal(head(503, 'Service Unavailable'), httpProxy, 'a.test:80', false).message).toContain('could not reach a.test:80');
    expect(classifyConnectRefusal(head(400, 'Bad Request'), httpProxy, 'a.test:80', false).message).toContain('HTTP/1.1 400 Bad Request');
  });
});

describe('SOCKS failures', () => {
  const cases: [4 | 5, number, string, string][] = [
    [5, 0x01, 'general SOCKS server failure (reply 0x01)', 'SOCKS5_0x01'],
    [5, 0x02, 'connection not allowed by ruleset (reply 0x02)', 'SOCKS5_0x02'],
    [5, 0x03, 'network unreachable (reply 0x03)', 'SOCKS5_0x03'],
    [5, 0x04, 'host unreachable (reply 0x04)', 'SOCKS5_0x04'],
    [5, 0x05, 'connection refused by the target (reply 0x05)', 'SOCKS5_0x05'],
    [5, 0x06, 'TTL expired (reply 0x06)', 'SOCKS5_0x06'],
    [5, 0x07, 'command not supported (reply 0x07)', 'SOCKS5_0x07'],
    [5, 0x08, 'address type not supported (reply 0x08)', 'SOCKS5_0x08'],
    [5, 0x09, 'a code the protocol does not assign (reply 0x09)', 'SOCKS5_0x09'],
    [4, 91, 'request rejected or failed (reply 91)', 'SOCKS4_0x5b'],
    [4, 92, 'rejected: the proxy could not reach identd on this machine (reply 92)', 'SOCKS4_0x5c'],
    [4, 93, 'rejected: identd reported a different user id (reply 93)', 'SOCKS4_0x5d'],
  ];
  it.each(cases)('SOCKS%s reply %s reads as "%s"', (version, code, words, failureCode) => {
    const failure = classifySocksFailure({ kind: 'reply', version, code, isNameToSocks4: false }, socksProxy, 'a.test:80');
    expect(failure).toMatchObject({ stage: 'proxy', code: failureCode, message: `The SOCKS5 proxy 127.0.0.1:1080 could not connect to a.test:80: ${words}` });
  });

  it('a SOCKS4 server refusing a name sent the 4a way gets the hint to resolve it here', () => {
    expect(classifySocksFailure({ kind: 'reply', version: 4, code: 91, isNameToSocks4: true }, socksProxy, 'a.test:80').hint).toContain('socks4://');
    expect(classifySocksFailure({ kind: 'reply', version: 4, code: 91, isNameToSocks4: false }, socksProxy, 'a.test:80').hint).not.toContain('socks4://');
  });

  it('separates authentication failures from refusals, and says to set credentials when none were offered', () => {
    expect(classifySocksFailure({ kind: 'auth-rejected', status: 1 }, socksProxy, 'a.test:80')).toMatchObject({ code: 'SOCKS5_AUTH', message: 'The SOCKS5 proxy 127.0.0.1:1080 rejected the user name and password', hint: 'Check the SOCKS user name and password.' });
    expect(classifySocksFailure({ kind: 'no-acceptable-method', hasCredentials: false }, socksProxy, 'a.test:80')).toMatchObject({ code: 'SOCKS5_AUTH', hint: expect.stringContaining("set the proxy's user name and password") });
    expect(classifySocksFailure({ kind: 'no-acceptable-method', hasCredentials: true }, socksProxy, 'a.test:80')).toMatchObject({ code: 'SOCKS5_AUTH', hint: expect.stringContaining('method Frameline does not offer') });
    expect(classifySocksFailure({ kind: 'unoffered-method', method: 0x01 }, socksProxy, 'a.test:80').message).toBe('The SOCKS5 proxy 127.0.0.1:1080 chose the authentication method 0x01 (GSSAPI), which Frameline did not offer');
  });

  it('recognises a peer that is not a SOCKS proxy', () => {
    expect(classifySocksFailure({ kind: 'not-socks', detail: 'answered 48 54, not SOCKS version 5' }, socksProxy, 'a.test:80').message).toContain('does not speak SOCKS');
  });
});

describe('certificate failures', () => {
  const leaf: CertificateSummary = {
    subject: 'CN=server.test', issuer: 'CN=Test CA', validFrom: '2020-01-01T00:00:00.000Z', validTo: '2021-01-01T00:00:00.000Z',
    subjectAltName: 'DNS:server.test, IP Address:127.0.0.1', fingerprint256: 'AA', serialNumber: '01',
  };

  it('expired names the date', () => {
    expect(classifyCertificateError('CERT_HAS_EXPIRED', { expectedName: 'server.test', leaf })).toMatchObject({ stage: 'tls', code: 'CERT_HAS_EXPIRED', message: 'The server certificate (CN=server.test) expired on 2021-01-01T00:00:00.000Z' });
  });

  it('self-signed and unknown CA suggest --ca FILE or --insecure', () => {
    for (const code of ['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY']) {
      const failure = classifyCertificateError(code, { expectedName: 'server.test', leaf });
      expect(failure.hint).toContain('--ca FILE');
      expect(failure.hint).toContain('--insecure');
    }
  });

  it('wrong name lists the SANs against the name', () => {
    const failure = classifyCertificateError('ERR_TLS_CERT_ALTNAME_INVALID', { expectedName: 'other.test', leaf });
    expect(failure.message).toBe('The server certificate does not cover the name other.test');
    expect(failure.hint).toContain('DNS:server.test, IP Address:127.0.0.1, not other.test');
  });

  it('wrong name on a certificate without SANs says so', () => {
    const failure = classifyCertificateError('ERR_TLS_CERT_ALTNAME_INVALID', { expectedName: 'other.test', leaf: { ...leaf, subjectAltName: null } });
    expect(failure.hint).toContain('no subject alternative names, not other.test');
  });
});

describe('TLS handshake failures', () => {
  it('recognises plain HTTP on a TLS port, version mismatch, and a hang-up', () => {
    expect(classifyTlsHandshakeError({ code: 'ERR_SSL_WRONG_VERSION_NUMBER', message: 'wrong version number' }, 'a.test').message).toBe('The server at a.test did not answer with TLS');
    expect(classifyTlsHandshakeError({ code: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION', message: 'alert protocol version' }, 'a.test').hint).toContain('min/max version');
    expect(classifyTlsHandshakeError({ code: 'ECONNRESET', message: 'Client network socket disconnected before secure TLS connection was established' }, 'a.test').message).toBe('The connection to a.test closed during the TLS handshake');
    expect(classifyTlsHandshakeError({ code: 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE', message: 'sslv3 alert handshake failure' }, 'a.test').message).toContain('TLS handshake failed');
  });
});
