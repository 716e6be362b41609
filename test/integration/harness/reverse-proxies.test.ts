import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCertificates } from '../../harness/certificates.js';
import type { CertificateSet } from '../../harness/certificates.js';
import { startHaproxy } from '../../harness/haproxy.js';
import { startNginx } from '../../harness/nginx.js';
import { useUpstreamWithProxies } from '../../harness/upstream-with-proxies.js';
import { requirePeer } from '../../harness/require-peer.js';
import { connectWs, expectHandshakeFailure } from '../../harness/ws-client.js';

const nginx = requirePeer('nginx');
const haproxy = requirePeer('haproxy');
const openssl = requirePeer('openssl');

const bench = useUpstreamWithProxies();

describe.skipIf(!nginx.isAvailable)('nginx in front of the ws server', () => {
  it("'correct' forwards the upgrade: 101 and echo", async () => {
    const proxy = await startNginx({ upstreamPort: bench.upstream.port, mode: 'correct' });
    bench.track(proxy);
    const client = await connectWs(proxy.url);
    client.socket.send('via nginx');
    expect((await client.nextMessages())[0]?.data.toString()).toBe('via nginx');
    client.socket.close();
  });

  it("'no-upgrade-headers' drops Upgrade: the backend answers 426", async () => {
    const proxy = await startNginx({ upstreamPort: bench.upstream.port, mode: 'no-upgrade-headers' });
    bench.track(proxy);
    expect((await expectHandshakeFailure(proxy.url)).status).toBe(426);
  });

  it("'http1.0' forwards the upgrade as HTTP/1.0, which the ws server still accepts", async () => {
    const proxy = await startNginx({ upstreamPort: bench.upstream.port, mode: 'http1.0' });
    bench.track(proxy);
    const client = await connectWs(proxy.url);
    expect(bench.upstream.upgradeRequests().at(-1)?.httpVersion).toBe('1.0');
    client.socket.close();
  });

  it("'read-timeout' closes a silent upgraded connection after proxy_read_timeout", async () => {
    const proxy = await startNginx({ upstreamPort: bench.upstream.port, mode: 'read-timeout', readTimeoutSeconds: 1 });
    bench.track(proxy);
    const client = await connectWs(proxy.url);
    const started = Date.now();
    const { code } = await client.closed(5_000);
    expect(code).toBe(1006);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it("'not-found' answers 404", async () => {
    const proxy = await startNginx({ upstreamPort: bench.upstream.port, mode: 'not-found' });
    bench.track(proxy);
    expect((await expectHandshakeFailure(proxy.url)).status).toBe(404);
    // nginx writes its access log line after the response has gone out, so wait for it.
    await expect.poll(() => proxy.accessLog()).toMatch(/" 404 request_time=/);
  });

  describe.skipIf(!openssl.isAvailable)('with TLS termination', () => {
    let certificates: CertificateSet;
    beforeAll(async () => {
      certificates = await createCertificates();
    });
    afterAll(() => certificates?.remove());

    it('serves wss:// and proxies plain ws:// to the backend', async () => {
      const proxy = await startNginx({ upstreamPort: bench.upstream.port, mode: 'correct', tls: certificates.server });
      bench.track(proxy);
      const client = await connectWs(proxy.url, { ca: readFileSync(certificates.caCert) });
      client.socket.send('tls at nginx');
      expect((await client.nextMessages())[0]?.data.toString()).toBe('tls at nginx');
      client.socket.close();
    });
  });
});

describe.skipIf(!haproxy.isAvailable)('haproxy in front of the ws server', () => {
  it('forwards the upgrade: 101 and echo', async () => {
    const proxy = await startHaproxy({ upstreamPort: bench.upstream.port });
    bench.track(proxy);
    const client = await connectWs(proxy.url);
    client.socket.send('via haproxy');
    expect((await client.nextMessages())[0]?.data.toString()).toBe('via haproxy');
    client.socket.close();
  });

  it('closes a silent tunnel after timeout tunnel', async () => {
    const proxy = await startHaproxy({ upstreamPort: bench.upstream.port, tunnelTimeoutMs: 500 });
    bench.track(proxy);
    const client = await connectWs(proxy.url);
    const started = Date.now();
    expect((await client.closed(5_000)).code).toBe(1006);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
  });
});
