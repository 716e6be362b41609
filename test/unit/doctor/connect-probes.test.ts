import { describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/i18n/message.js';
import { english } from '../../harness/english.js';
import type { EventRecordJson, RecordJson } from '../../../shared/contract/records.js';
import { connectProbes } from '../../../electron/engine/doctor/connect-probes.js';

const context = { url: new URL('wss://api.example/ws'), dialAddress: 'api.example:443', dialHost: 'api.example', isSecure: true, proxy: null };
const event = (seq: number, fields: { name: EventRecordJson['name'] } & Record<string, unknown>): EventRecordJson => ({ kind: 'event', seq, atMicros: seq * 1000, ...fields });
const statuses = (records: RecordJson[]): string[] => connectProbes(records, context).map((probe) => `${probe.id}:${probe.status}:${probe.findings.map((finding) => finding.causeId).join(',')}`);

describe('connectProbes', () => {
  it('a name that does not resolve: dns-failure, TCP and TLS not reached', () => {
    const records = [event(0, { name: 'error', stage: 'dns', message: 'api.example does not resolve', hint: 'check the name', code: 'ENOTFOUND' })];
    expect(statuses(records)).toEqual(['dns:fail:dns-failure', 'tcp:skip:', 'tls:skip:']);
  });

  it('refused and timed-out connections name their causes with the address', () => {
    const refused = connectProbes([event(1, { name: 'error', stage: 'tcp', message: 'refused', code: 'ECONNREFUSED' })], context);
    expect(refused[1]!.findings[0]).toMatchObject({ causeId: 'connection-refused', details: { address: 'api.example:443' } });
    expect(statuses([event(1, { name: 'error', stage: 'tcp', message: 'timed out', code: 'ETIMEDOUT' })])[1]).toBe('tcp:fail:connect-timeout');
  });

  it('a certificate problem is tls-error with the dialer message and hint', () => {
    const probes = connectProbes([
      event(0, { name: 'dns', host: 'api.example', addresses: ['10.0.0.1'], durationMicros: 900 }),
      event(1, { name: 'tcp-connected', remoteAddress: '10.0.0.1', remotePort: 443, durationMicros: 400 }),
      event(2, { name: 'error', stage: 'tls', message: 'The server certificate (CN=localhost) expired on Feb  1 00:00:00 2020 GMT', hint: 'Renew the certificate.', code: 'CERT_HAS_EXPIRED' }),
    ], context);
    expect(probes.map((probe) => probe.status)).toEqual(['pass', 'pass', 'fail']);
    expect(probes[2]!.findings[0]).toMatchObject({ causeId: 'tls-error' });
    expect(english(probes[2]!.findings[0]!.details['hint'] as Message)).toBe('Renew the certificate.');
  });

  it('a good TLS connection reports version, ALPN and the certificate; an unverified one warns', () => {
    const tls = (authorized: boolean): RecordJson[] => [
      event(1, { name: 'tcp-connected', remoteAddress: '10.0.0.1', remotePort: 443, durationMicros: 400 }),
      event(2, { name: 'tls-established', protocol: 'TLSv1.3', alpnProtocol: 'http/1.1', isAuthorized: authorized, authorizationError: authorized ? null : 'DEPTH_ZERO_SELF_SIGNED_CERT', peerCertificates: [{ subject: 'CN=api.example', validTo: 'Jan  1 00:00:00 2099 GMT' }], durationMicros: 3000 }),
    ];
    const good = connectProbes(tls(true), context)[2]!;
    expect(good.status).toBe('pass');
    expect(english(good.summary)).toContain('TLSv1.3, ALPN http/1.1, certificate CN=api.example');
    expect(connectProbes(tls(false), context)[2]!.status).toBe('warn');
  });
});

describe('connectProbes through a forward proxy', () => {
  const proxied = { ...context, proxy: { kind: 'socks5', host: 'socks.example', port: 1080, remoteDns: false } } as const;
  const proxyDns = event(0, { name: 'dns', peer: 'proxy', host: 'socks.example', addresses: ['10.0.0.9'], durationMicros: 700 });
  const proxyTcp = event(1, { name: 'tcp-connected', peer: 'proxy', remoteAddress: '10.0.0.9', remotePort: 1080, durationMicros: 300 });
  const summaries = (records: RecordJson[]): string[] => connectProbes(records, proxied).map((probe) => `${probe.id}:${probe.status}:${english(probe.summary)}`);

  it("DNS and TCP are the proxy's; the SOCKS reply is the proxy step with its RFC 1928 reply code; TLS goes through the tunnel", () => {
    const tunnel = event(3, { name: 'proxy-tunnel-established', proxyKind: 'socks5', target: '10.0.0.1:443', statusLine: 'SOCKS5 reply: succeeded', durationMicros: 1200 });
    const targetDns = event(2, { name: 'dns', peer: 'server', host: 'api.example', addresses: ['10.0.0.1'], durationMicros: 900 });
    const probes = connectProbes([proxyDns, proxyTcp, targetDns, tunnel], proxied);
    expect(summaries([proxyDns, proxyTcp, targetDns, tunnel]).slice(0, 3)).toEqual([
      'dns:pass:proxy socks.example → 10.0.0.9',
      'tcp:pass:connected to the SOCKS5 proxy socks.example:1080 (10.0.0.9:1080)',
      'proxy:pass:the SOCKS5 proxy socks.example:1080 replied 0x00 (succeeded) to CONNECT 10.0.0.1:443',
    ]);
    expect(probes.map((probe) => `${probe.id}:${probe.status}`)).toEqual(['dns:pass', 'tcp:pass', 'proxy:pass', 'tls:skip']);
    expect(english(probes[2]!.title)).toBe('SOCKS5 request');
    expect(probes[2]!.evidence.map((item) => english(item.text))).toEqual(['api.example resolved here for the SOCKS request → 10.0.0.1', 'proxy-tunnel-established 10.0.0.1:443: SOCKS5 reply: succeeded']);
  });

  it("a refused connection to the proxy names the proxy's address; a lookup failing after it is the proxy step's", () => {
    const refused = connectProbes([proxyDns, event(1, { name: 'error', stage: 'tcp', message: 'refused', code: 'ECONNREFUSED' })], proxied);
    expect(refused.map((probe) => probe.status)).toEqual(['pass', 'fail', 'skip', 'skip']);
    expect(english(refused[1]!.findings[0]!.details['address'] as Message)).toBe('proxy socks.example:1080');
    const lookup = connectProbes([proxyDns, proxyTcp, event(2, { name: 'error', stage: 'dns', message: 'api.example does not resolve', hint: 'check', code: 'ENOTFOUND' })], proxied);
    expect(lookup.map((probe) => `${probe.id}:${probe.status}:${probe.findings.map((finding) => finding.causeId).join(',')}`)).toEqual(['dns:pass:', 'tcp:pass:', 'proxy:fail:dns-failure', 'tls:skip:']);
  });

  it('an auth refusal is proxy-tunnel-failed with the dialer hint, attributed to the proxy step', () => {
    const probes = connectProbes([proxyDns, proxyTcp, event(2, { name: 'error', stage: 'proxy', message: 'The SOCKS5 proxy rejected the user name and password', hint: 'Check the SOCKS user name and password.', code: 'SOCKS5_AUTH' })], proxied);
    expect(probes[1]!.status).toBe('pass');
    expect(probes[2]).toMatchObject({ id: 'proxy', status: 'fail', findings: [{ causeId: 'proxy-tunnel-failed' }] });
    expect(english(probes[2]!.findings[0]!.details['hint'] as Message)).toBe('Check the SOCKS user name and password.');
  });
});
