import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCertificates } from '../../harness/certificates.js';
import type { CertificateSet } from '../../harness/certificates.js';
import { requirePeer } from '../../harness/require-peer.js';
import type { RunningPeer } from '../../harness/running-peer.js';
import { startTlsWsServer } from '../../harness/tls-ws-server.js';
import { connectWs, expectHandshakeFailure } from '../../harness/ws-client.js';

const openssl = requirePeer('openssl');

describe.skipIf(!openssl.isAvailable)('TLS peer with openssl-made certificates', () => {
  let certificates: CertificateSet;
  const peers: RunningPeer[] = [];
  beforeAll(async () => {
    certificates = await createCertificates();
  });
  afterEach(async () => {
    await Promise.all(peers.splice(0).map((peer) => peer.stop()));
  });
  afterAll(() => certificates?.remove());

  it('echoes over wss:// when the client trusts the test CA', async () => {
    const server = await startTlsWsServer({ certificates });
    peers.push(server);
    const client = await connectWs(server.url, { ca: readFileSync(certificates.caCert) });
    client.socket.send('over tls');
    expect((await client.nextMessages())[0]?.data.toString()).toBe('over tls');
    client.socket.close();
  });

  it('is rejected without the CA', async () => {
    const server = await startTlsWsServer({ certificates });
    peers.push(server);
    expect((await expectHandshakeFailure(server.url)).error).toMatch(/unable to verify the first certificate/);
  });

  it.each([
    ['expired', /certificate has expired/],
    ['wrong-name', /does not match certificate's altnames/],
    ['self-signed', /self[- ]signed certificate/],
  ] as const)('presents the %s certificate', async (certificate, message) => {
    const server = await startTlsWsServer({ certificates, certificate });
    peers.push(server);
    expect((await expectHandshakeFailure(server.url, { ca: readFileSync(certificates.caCert) })).error).toMatch(message);
  });

  it('requires a client certificate when asked, and accepts the CA-signed one', async () => {
    const server = await startTlsWsServer({ certificates, isClientCertRequired: true });
    peers.push(server);
    const ca = readFileSync(certificates.caCert);
    expect((await expectHandshakeFailure(server.url, { ca })).error).toBeDefined();
    const client = await connectWs(server.url, {
      ca,
      cert: readFileSync(certificates.client.cert),
      key: readFileSync(certificates.client.key),
    });
    expect(server.clientCertificateSubjects()).toEqual(['frameline-client']);
    client.socket.close();
  });
});
