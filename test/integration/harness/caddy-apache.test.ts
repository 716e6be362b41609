import { describe, expect, it } from 'vitest';
import { startApache } from '../../harness/apache.js';
import { startCaddy } from '../../harness/caddy.js';
import { requirePeer } from '../../harness/require-peer.js';
import { useUpstreamWithProxies } from '../../harness/upstream-with-proxies.js';
import { connectWs, expectHandshakeFailure } from '../../harness/ws-client.js';

const caddy = requirePeer('caddy');
const apache = requirePeer('apache2');

const bench = useUpstreamWithProxies();

describe.skipIf(!caddy.isAvailable)('Caddy in front of the ws server', () => {
  it("'correct' forwards the upgrade on /ws/: 101 and echo", async () => {
    const proxy = bench.track(await startCaddy({ upstreamPort: bench.upstream.port, mode: 'correct' }));
    const client = await connectWs(proxy.url);
    client.socket.send('via caddy');
    expect((await client.nextMessages())[0]?.data.toString()).toBe('via caddy');
    expect(bench.upstream.upgradeRequests().at(-1)?.url).toBe('/ws/');
    client.socket.close();
  });

  it("'no-upgrade-headers' deletes Upgrade and Connection: the backend answers 426", async () => {
    const proxy = bench.track(await startCaddy({ upstreamPort: bench.upstream.port, mode: 'no-upgrade-headers' }));
    expect((await expectHandshakeFailure(proxy.url)).status).toBe(426);
  });

  it("'static-site' answers the upgrade itself with 200", async () => {
    const proxy = bench.track(await startCaddy({ upstreamPort: bench.upstream.port, mode: 'static-site' }));
    expect(await expectHandshakeFailure(proxy.url)).toMatchObject({ status: 200 });
  });
});

describe.skipIf(!apache.isAvailable)('Apache httpd in front of the ws server', () => {
  it("'correct' (ProxyPass upgrade=websocket, mod_proxy_http only) forwards the upgrade: 101 and echo", async () => {
    const proxy = bench.track(await startApache({ upstreamPort: bench.upstream.port, mode: 'correct' }));
    const client = await connectWs(proxy.url);
    client.socket.send('via apache');
    expect((await client.nextMessages())[0]?.data.toString()).toBe('via apache');
    client.socket.close();
    await expect.poll(() => proxy.accessLog()).toMatch(/"GET \/ws\/ HTTP\/1\.1" 101 /);
  });

  it("'no-upgrade' drops the hop-by-hop headers: the backend answers 426", async () => {
    const proxy = bench.track(await startApache({ upstreamPort: bench.upstream.port, mode: 'no-upgrade' }));
    expect((await expectHandshakeFailure(proxy.url)).status).toBe(426);
  });

  it("'idle-timeout' closes a silent upgraded connection after Timeout", async () => {
    const proxy = bench.track(await startApache({ upstreamPort: bench.upstream.port, mode: 'idle-timeout', timeoutSeconds: 1 }));
    const client = await connectWs(proxy.url);
    const started = Date.now();
    expect((await client.closed(5_000)).code).toBe(1006);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it("'static-site' answers the upgrade itself with 200", async () => {
    const proxy = bench.track(await startApache({ upstreamPort: bench.upstream.port, mode: 'static-site' }));
    expect(await expectHandshakeFailure(proxy.url)).toMatchObject({ status: 200 });
  });
});
