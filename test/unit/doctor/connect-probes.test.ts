import { describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/i18n/message.js';
import { english } from '../../harness/english.js';
import type { EventRecordJson, RecordJson } from '../../../shared/contract/records.js';
import { connectProbes } from '../../../electron/engine/doctor/connect-probes.js';

const context = { url: new URL('wss://api.example/ws'), dialAddress: 'api.example:443', dialHost: 'api.example', isSecure: true, isProxied: false };
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
