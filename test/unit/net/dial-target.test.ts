import type { PeerCertificate } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { formatHostPort, parseDialTarget } from '../../../electron/engine/net/dial-target.js';
import { tlsServerName } from '../../../electron/engine/net/tls-upgrade.js';
import { formatDistinguishedName, splitSubjectAltName, summariseCertificate } from '../../../electron/engine/net/tls-summary.js';
import type { EventRecordJson } from '../../../shared/contract/records.js';
import type { NetEvent } from '../../../electron/engine/net/net-event.js';

describe('parseDialTarget', () => {
  it('takes default ports from the scheme and strips IPv6 brackets', () => {
    expect(parseDialTarget('wss://[::1]/x')).toEqual({ isSecure: true, urlHost: '::1', urlPort: 443, dialHost: '::1', dialPort: 443 });
    expect(parseDialTarget('ws://Example.com:8080/')).toMatchObject({ isSecure: false, urlHost: 'example.com', urlPort: 8080 });
  });

  it('dials the connect-to address while keeping the URL host', () => {
    expect(parseDialTarget('wss://api.example.com/', { host: '127.0.0.1', port: 8443 })).toMatchObject({ urlHost: 'api.example.com', dialHost: '127.0.0.1', dialPort: 8443 });
  });

  it('throws TypeError for other schemes', () => {
    expect(() => parseDialTarget('http://a.test/')).toThrow(TypeError);
  });

  it('formats IPv6 targets in brackets', () => {
    expect(formatHostPort('::1', 80)).toBe('[::1]:80');
    expect(formatHostPort('a.test', 80)).toBe('a.test:80');
  });
});

describe('tlsServerName', () => {
  it('sends SNI for names, never for IP addresses, and honours the override', () => {
    expect(tlsServerName({}, 'a.test')).toEqual({ expectedName: 'a.test', sni: 'a.test' });
    expect(tlsServerName({}, '127.0.0.1')).toEqual({ expectedName: '127.0.0.1', sni: null });
    expect(tlsServerName({ serverName: 'b.test' }, '127.0.0.1')).toEqual({ expectedName: 'b.test', sni: 'b.test' });
  });
});

describe('certificate summary helpers', () => {
  it('formats names and splits SAN lists', () => {
    expect(formatDistinguishedName({ CN: 'a', O: 'b', OU: ['x', 'y'] })).toBe('CN=a, O=b, OU=x, OU=y');
    expect(splitSubjectAltName('DNS:a.test, IP Address:127.0.0.1')).toEqual(['DNS:a.test', 'IP Address:127.0.0.1']);
    expect(splitSubjectAltName(undefined)).toEqual([]);
  });

  it('summarises a certificate in the capture header\'s shape: SANs as one line, null when there are none', () => {
    const certificate = { subject: { CN: 'a.test' }, issuer: { CN: 'CA' }, valid_from: 'Jan  1 00:00:00 2025 GMT', valid_to: 'Jan  1 00:00:00 2026 GMT', fingerprint256: 'AA:BB', serialNumber: '0F' };
    const withNames = summariseCertificate({ ...certificate, subjectaltname: 'DNS:a.test, IP Address:127.0.0.1' } as unknown as PeerCertificate);
    expect(withNames).toEqual({ subject: 'CN=a.test', issuer: 'CN=CA', validFrom: '2025-01-01T00:00:00.000Z', validTo: '2026-01-01T00:00:00.000Z', fingerprint256: 'AA:BB', subjectAltName: 'DNS:a.test, IP Address:127.0.0.1', serialNumber: '0F' });
    expect(summariseCertificate(certificate as unknown as PeerCertificate).subjectAltName).toBeNull();
  });
});

describe('NetEvent', () => {
  it('fits the event record once the session adds kind and seq', () => {
    const toRecord = (event: NetEvent, seq: number): EventRecordJson => ({ kind: 'event', seq, ...event });
    expect(toRecord({ name: 'note', atMicros: 1, message: 'hi' }, 3)).toEqual({ kind: 'event', seq: 3, name: 'note', atMicros: 1, message: 'hi' });
  });
});
