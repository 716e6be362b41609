import { describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/i18n/message.js';
import { english } from '../../harness/english.js';
import type { EventRecordJson, RecordJson } from '../../../shared/contract/records.js';
import { connectProbes } from '../../../electron/engine/doctor/connect-probes.js';
import { socksStepText, type VersionedSocksStep } from '../../../electron/engine/net/socks-step-text.js';
import type { ProbeResult } from '../../../shared/contract/doctor-report.js';

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
    const tunnel = event(3, { name: 'proxy-tunnel-established', proxyKind: 'socks5', target: '10.0.0.1:443', statusLine: 'SOCKS5 reply 0x00 (succeeded)', durationMicros: 1200 });
    const targetDns = event(2, { name: 'dns', peer: 'server', host: 'api.example', addresses: ['10.0.0.1'], durationMicros: 900 });
    const probes = connectProbes([proxyDns, proxyTcp, targetDns, tunnel], proxied);
    expect(summaries([proxyDns, proxyTcp, targetDns, tunnel]).slice(0, 3)).toEqual([
      'dns:pass:proxy socks.example → 10.0.0.9',
      'tcp:pass:connected to the SOCKS5 proxy socks.example:1080 (10.0.0.9:1080)',
      'proxy:pass:the SOCKS5 proxy socks.example:1080 replied 0x00 (succeeded) to CONNECT 10.0.0.1:443',
    ]);
    expect(probes.map((probe) => `${probe.id}:${probe.status}`)).toEqual(['dns:pass', 'tcp:pass', 'proxy:pass', 'tls:skip']);
    expect(english(probes[2]!.title)).toBe('SOCKS5 request');
    expect(probes[2]!.evidence.map((item) => english(item.text))).toEqual(['api.example resolved here for the SOCKS request → 10.0.0.1', 'proxy-tunnel-established 10.0.0.1:443: SOCKS5 reply 0x00 (succeeded)']);
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

describe('the SOCKS proxy step, part by part', () => {
  const proxied = { ...context, proxy: { kind: 'socks5', host: 'socks.example', port: 1080, remoteDns: false, username: 'u', password: 'p' } } as const;
  const proxyTcp = event(1, { name: 'tcp-connected', peer: 'proxy', remoteAddress: '10.0.0.9', remotePort: 1080, durationMicros: 300 });
  const targetDns = event(2, { name: 'dns', peer: 'server', host: 'api.example', addresses: ['10.0.0.1'], durationMicros: 900 });
  const step = (seq: number, facts: Omit<VersionedSocksStep, 'version'>, durationMicros: number): EventRecordJson => {
    const text = socksStepText({ ...facts, version: 5 });
    return event(seq, { name: 'socks-step', proxyKind: 'socks5', ...facts, durationMicros, message: english(text), i18n: { message: text } });
  };
  const method = step(3, { step: 'method', outcome: 'ok', offeredMethods: [0x00, 0x02], chosenMethod: 0x02 }, 400);
  const parts = (probe: ProbeResult): string[] => (probe.steps ?? []).map((part) => `${english(part.title)}|${part.status}|${english(part.summary)}|${part.durationMs}`);

  it('a tunnel that opened: the lookup here, method selection, username/password and the request, each with its time', () => {
    const auth = step(4, { step: 'auth', outcome: 'ok', authStatus: 0 }, 200);
    const request = step(5, { step: 'request', outcome: 'ok', target: '10.0.0.1:443', resolution: 'local', resolvedName: 'api.example', reply: 0, boundAddress: '10.0.0.9', boundPort: 40000 }, 1500);
    const tunnel = event(6, { name: 'proxy-tunnel-established', proxyKind: 'socks5', target: '10.0.0.1:443', statusLine: 'SOCKS5 reply 0x00 (succeeded)', durationMicros: 2100 });
    const probe = connectProbes([proxyTcp, targetDns, method, auth, request, tunnel], proxied)[2]!;
    expect(probe.status).toBe('pass');
    expect(parts(probe)).toEqual([
      'Target lookup (here)|pass|api.example → 10.0.0.1, resolved here and sent to the proxy as an address|0.9',
      'Method selection|pass|offered 0x00 (no authentication required) and 0x02 (username/password); the proxy chose 0x02 (username/password)|0.4',
      'Username/password|pass|sent the user name and password; accepted (status 0x00)|0.2',
      'Request and reply|pass|CONNECT 10.0.0.1:443 (local DNS, socks5: api.example resolved here): reply 0x00 (succeeded), bound address 10.0.0.9:40000|1.5',
    ]);
  });

  it('a rejected password fails the proxy step at its RFC 1929 part; the part is evidence of the cause; no request row', () => {
    const auth = step(4, { step: 'auth', outcome: 'refused', authStatus: 1 }, 200);
    const error = event(5, { name: 'error', stage: 'proxy', message: 'The SOCKS5 proxy socks.example:1080 rejected the user name and password', hint: 'Check the SOCKS user name and password.', code: 'SOCKS5_AUTH' });
    const probe = connectProbes([proxyTcp, targetDns, method, auth, error], proxied)[2]!;
    expect(probe.status).toBe('fail');
    expect(parts(probe).map((part) => part.split('|').slice(0, 2).join('|'))).toEqual(['Target lookup (here)|pass', 'Method selection|pass', 'Username/password|fail']);
    expect(parts(probe)[2]).toContain('rejected (status 0x01)');
    expect(probe.durationMs).toBeCloseTo(1.5);
    expect(probe.findings[0]!.evidence.map((item) => english(item.text))).toEqual([
      'api.example resolved here for the SOCKS request → 10.0.0.1',
      'sent the user name and password; rejected (status 0x01)',
      'The SOCKS5 proxy socks.example:1080 rejected the user name and password (SOCKS5_AUTH)',
    ]);
  });

  it('a request the proxy never answers is the failing part when the connect timeout runs out', () => {
    const request = step(4, { step: 'request', outcome: 'no-answer', target: 'api.example:443', resolution: 'remote' }, 4_000_000);
    const error = event(5, { name: 'error', stage: 'proxy', message: 'The SOCKS5 proxy socks.example:1080 (to api.example:443) did not open the tunnel within 4000 ms', hint: 'x', code: 'ETIMEDOUT' });
    const probe = connectProbes([proxyTcp, method, request, error], { ...proxied, proxy: { ...proxied.proxy, remoteDns: true } })[2]!;
    expect(parts(probe)[1]).toBe('Request and reply|fail|CONNECT api.example:443 (remote DNS, socks5h: the proxy resolves the name); no answer before the connect timeout|4000');
  });

  it('an HTTP CONNECT proxy has no parts', () => {
    const tunnel = event(2, { name: 'proxy-tunnel-established', proxyKind: 'http-connect', target: 'api.example:443', statusLine: 'HTTP/1.1 200 OK', durationMicros: 900 });
    expect(connectProbes([proxyTcp, tunnel], { ...context, proxy: { kind: 'http-connect', host: 'p.example', port: 3128 } })[2]!.steps).toBeUndefined();
  });
});
