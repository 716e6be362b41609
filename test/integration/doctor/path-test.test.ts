import { afterEach, describe, expect, it } from 'vitest';
import { defaultSessionOptions } from '../../../shared/contract/session-options.js';
import { runPathTest, type PathTestReport } from '../../../electron/engine/doctor/path-test.js';
import { freePort } from '../../harness/free-port.js';
import { startHaproxy } from '../../harness/haproxy.js';
import { startNginx, type NginxMode } from '../../harness/nginx.js';
import { requirePeer } from '../../harness/require-peer.js';
import { english } from '../../harness/english.js';
import type { RunningPeer } from '../../harness/running-peer.js';

const nginx = requirePeer('nginx');
const haproxy = requirePeer('haproxy');

const proxies: RunningPeer[] = [];
afterEach(async () => {
  await Promise.all(proxies.splice(0).map((proxy) => proxy.stop()));
});

async function throughNginx(mode: NginxMode, idleLimitMs: number | null): Promise<PathTestReport> {
  const port = await freePort();
  const proxy = await startNginx({ upstreamPort: port, mode, readTimeoutSeconds: 3 });
  proxies.push(proxy);
  return runPathTest(defaultSessionOptions(proxy.url), { listen: { host: '127.0.0.1', port }, idleLimitMs });
}

describe.skipIf(!nginx.isAvailable)('the path test through real nginx to the listener', () => {
  it("'correct': HTTP/1.1 kept, Upgrade kept, frames cross unchanged, no cause", async () => {
    const report = await throughNginx('correct', null);
    expect(report.causes).toEqual([]);
    expect(report.path.receivedRequestLine).toBe('GET / HTTP/1.1');
    expect(report.path.headers.filter((change) => change.change === 'dropped')).toEqual([]);
    expect(report.path.frames.map((frame) => frame.bytesReceived)).toEqual(report.path.frames.map((frame) => frame.bytesSent));
  });

  it("'no-upgrade-headers': the listener shows Upgrade dropped and Connection rewritten", async () => {
    const report = await throughNginx('no-upgrade-headers', null);
    expect(report.causes[0]?.id).toBe('upgrade-headers-dropped');
    expect(report.path.headers).toContainEqual({ change: 'dropped', name: 'Upgrade', sent: 'websocket', received: null });
    expect(report.path.headers).toContainEqual(expect.objectContaining({ change: 'rewritten', name: 'Connection', sent: 'Upgrade', received: 'close' }));
  });

  it("'http1.0': the listener received the HTTP/1.0 request line", async () => {
    const report = await throughNginx('http1.0', null);
    expect(report.path.receivedRequestLine).toBe('GET / HTTP/1.0');
    expect(report.path.httpVersion).toEqual({ sent: '1.1', received: '1.0' });
    expect(report.causes[0]?.id).toBe('http-version-downgraded');
    expect(english(report.verdict)).toContain('GET / HTTP/1.0');
  });

  it("'read-timeout': the idle cut is seen from both sides, about 3 s, no close frame at either end", async () => {
    const report = await throughNginx('read-timeout', 10_000);
    expect(report.causes.map((cause) => cause.id)).toEqual(['idle-timeout']);
    const [client, listener] = report.path.ends;
    expect(client).toMatchObject({ side: 'client', sawCloseFrame: false });
    expect(listener).toMatchObject({ side: 'listener', sawCloseFrame: false });
    expect(client!.idleSeconds).toBeGreaterThanOrEqual(2.7);
    expect(client!.idleSeconds).toBeLessThanOrEqual(3.3);
    expect(listener!.idleSeconds).toBeGreaterThanOrEqual(2.7);
    expect(listener!.idleSeconds).toBeLessThanOrEqual(3.3);
  });
});

describe.skipIf(!haproxy.isAvailable)('the path test through real haproxy to the listener', () => {
  it('timeout tunnel 3s: idle-timeout from both sides', async () => {
    const port = await freePort();
    const proxy = await startHaproxy({ upstreamPort: port, tunnelTimeoutMs: 3_000 });
    proxies.push(proxy);
    const report = await runPathTest(defaultSessionOptions(proxy.url), { listen: { host: '127.0.0.1', port }, idleLimitMs: 10_000 });
    expect(report.causes.map((cause) => cause.id), proxy.logs()).toEqual(['idle-timeout']);
    expect(report.idleTimeoutSeconds).toBeGreaterThanOrEqual(2.7);
    expect(report.idleTimeoutSeconds).toBeLessThanOrEqual(3.3);
    expect(report.path.receivedRequestLine).toBe('GET / HTTP/1.1');
  });
});
