import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSessionOptions, sessionOptionsSchema } from '../../../shared/contract/session-options.js';
import type { DoctorReport } from '../../../shared/contract/doctor-report.js';
import { runDoctor } from '../../../electron/engine/doctor/path-doctor.js';
import { createCertificates, type CertificateSet } from '../../harness/certificates.js';
import { freePort } from '../../harness/free-port.js';
import { startHttpResponder } from '../../harness/http-responder.js';
import { requirePeer } from '../../harness/require-peer.js';
import { english } from '../../harness/english.js';
import { startSilentServer } from '../../harness/silent-server.js';
import { startTlsWsServer } from '../../harness/tls-ws-server.js';
import { startWsServer } from '../../harness/ws-server.js';

const openssl = requirePeer('openssl');
const noIdle = { isIdleProbeEnabled: false } as const;
const causeIds = (report: DoctorReport): string[] => report.causes.map((cause) => cause.id);

describe('the Doctor against endpoints that refuse WebSockets', () => {
  it('a plain HTTP server answering 200: websocket-unsupported', async () => {
    const peer = await startHttpResponder({ status: 200, body: '<html>hello</html>' });
    try {
      const report = await runDoctor(defaultSessionOptions(peer.url!), noIdle);
      expect(causeIds(report)).toEqual(['websocket-unsupported']);
      expect(english(report.causes[0]!.summary)).toContain('HTTP 200');
    } finally {
      await peer.stop();
    }
  });

  it('a refused port: connection-refused, later probes skipped', async () => {
    const port = await freePort();
    const report = await runDoctor(defaultSessionOptions(`ws://127.0.0.1:${port}/`), noIdle);
    expect(causeIds(report)).toEqual(['connection-refused']);
    expect(english(report.causes[0]!.summary)).toContain(`127.0.0.1:${port}`);
    expect(report.probes.find((probe) => probe.id === 'handshake')?.status).toBe('skip');
  });

  it('a 301 to wss://: redirect, with the Location', async () => {
    const peer = await startHttpResponder({ status: 301, headers: [['Location', 'wss://example.test/socket']] });
    try {
      const report = await runDoctor(defaultSessionOptions(peer.url!), noIdle);
      expect(causeIds(report)).toEqual(['redirect']);
      expect(english(report.causes[0]!.summary)).toContain('wss://example.test/socket');
    } finally {
      await peer.stop();
    }
  });

  it.each([
    [403, 'origin-rejected'],
    [502, 'backend-unavailable'],
    [503, 'backend-unavailable'],
    [504, 'gateway-timeout'],
  ])('HTTP %i: %s', async (status, cause) => {
    const peer = await startHttpResponder({ status });
    try {
      expect(causeIds(await runDoctor(defaultSessionOptions(peer.url!), noIdle))).toEqual([cause]);
    } finally {
      await peer.stop();
    }
  });

  it('a server that accepts and never answers: gateway-timeout after the handshake limit', async () => {
    const peer = await startSilentServer();
    try {
      const options = sessionOptionsSchema.parse({ url: peer.url, limits: { handshakeTimeoutMs: 1_000 } });
      const report = await runDoctor(options, noIdle);
      expect(causeIds(report)).toEqual(['gateway-timeout']);
      expect(english(report.causes[0]!.summary)).toContain('within 1 s');
      expect(report.probes.find((probe) => probe.id === 'http1.0')?.status).toBe('warn');
    } finally {
      await peer.stop();
    }
  });
});

describe.skipIf(!openssl.isAvailable)('the Doctor against TLS endpoints', () => {
  let certificates: CertificateSet;
  beforeAll(async () => {
    certificates = await createCertificates();
  });
  afterAll(() => certificates?.remove());

  it.each([
    ['expired', /expired/],
    ['wrong-name', /does not cover the name 127\.0\.0\.1/],
  ] as const)('a %s certificate: tls-error naming the problem', async (certificate, message) => {
    const server = await startTlsWsServer({ certificates, certificate });
    try {
      const options = sessionOptionsSchema.parse({ url: `wss://127.0.0.1:${server.port}/`, tls: { caFile: certificates.caCert } });
      const report = await runDoctor(options, noIdle);
      expect(causeIds(report)).toEqual(['tls-error']);
      expect(english(report.causes[0]!.summary)).toMatch(message);
      expect(report.probes.find((probe) => probe.id === 'tls')?.status).toBe('fail');
    } finally {
      await server.stop();
    }
  });

  it('a valid certificate: TLS passes with version and ALPN, no cause', async () => {
    const server = await startTlsWsServer({ certificates });
    try {
      const options = sessionOptionsSchema.parse({ url: `wss://127.0.0.1:${server.port}/`, tls: { caFile: certificates.caCert } });
      const report = await runDoctor(options, noIdle);
      expect(causeIds(report)).toEqual([]);
      expect(english(report.probes.find((probe) => probe.id === 'tls')!.summary)).toMatch(/TLSv1\.[23], ALPN http\/1\.1/);
    } finally {
      await server.stop();
    }
  });
});

describe('the Doctor and permessage-deflate', () => {
  it('reports the negotiated parameters when the server accepts the offer', async () => {
    const server = await startWsServer({ perMessageDeflate: true });
    try {
      const report = await runDoctor(defaultSessionOptions(server.url), noIdle);
      expect(report.causes).toEqual([]);
      const deflate = report.probes.find((probe) => probe.id === 'deflate')!;
      expect([deflate.status, english(deflate.summary)]).toEqual(['pass', expect.stringMatching(/^negotiated: permessage-deflate/)]);
    } finally {
      await server.stop();
    }
  });
});
