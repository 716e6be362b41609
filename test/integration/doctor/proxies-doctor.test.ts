import { describe, expect, it } from 'vitest';
import { defaultSessionOptions } from '../../../shared/contract/session-options.js';
import type { DoctorReport } from '../../../shared/contract/doctor-report.js';
import { runDoctor } from '../../../electron/engine/doctor/path-doctor.js';
import { startHaproxy } from '../../harness/haproxy.js';
import { startNginx, type NginxMode } from '../../harness/nginx.js';
import { useUpstreamWithProxies } from '../../harness/upstream-with-proxies.js';
import { requirePeer } from '../../harness/require-peer.js';
import { english, fixText } from '../../harness/english.js';

const nginx = requirePeer('nginx');
const haproxy = requirePeer('haproxy');

const bench = useUpstreamWithProxies();

async function diagnoseThroughNginx(mode: NginxMode, idleLimitMs: number | null): Promise<{ report: DoctorReport; logs: () => string }> {
  const proxy = await startNginx({ upstreamPort: bench.upstream.port, mode, readTimeoutSeconds: 3 });
  bench.track(proxy);
  const report = await runDoctor(defaultSessionOptions(proxy.url), { idleLimitMs: idleLimitMs ?? 1, isIdleProbeEnabled: idleLimitMs !== null });
  return { report, logs: proxy.logs };
}

const causeIds = (report: DoctorReport): string[] => report.causes.map((cause) => cause.id);
const statusOf = (report: DoctorReport, id: string): string | undefined => report.probes.find((probe) => probe.id === id)?.status;

describe.skipIf(!nginx.isAvailable)('the Doctor through real nginx', () => {
  it("'correct': every probe passes, no cause, the 10 s idle wait survives", async () => {
    const { report, logs } = await diagnoseThroughNginx('correct', 10_000);
    expect(causeIds(report), logs()).toEqual([]);
    expect(report.probes.map((probe) => [probe.id, probe.status])).toEqual([
      ['dns', 'skip'], ['tcp', 'pass'], ['tls', 'skip'], ['handshake', 'pass'], ['ping', 'pass'], ['large-message', 'pass'], ['http1.0', 'pass'], ['deflate', 'pass'], ['idle', 'pass'],
    ]);
    expect(report.idleTimeoutSeconds).toBeNull();
    expect(english(report.verdict)).toMatch(/^No problem found/);
  });

  it("'no-upgrade-headers': upgrade-headers-dropped first, with the 426 as evidence and the nginx fix", async () => {
    const { report } = await diagnoseThroughNginx('no-upgrade-headers', null);
    expect(causeIds(report)[0]).toBe('upgrade-headers-dropped');
    expect(english(report.causes[0]!.evidence[0]!.text)).toContain('426');
    expect(fixText(report.causes[0], 'nginx')).toContain('proxy_set_header Upgrade $http_upgrade');
    expect(english(report.verdict)).toContain('Upgrade and Connection headers');
    expect(statusOf(report, 'idle')).toBe('skip');
  });

  it("'http1.0' in front of ws: the backend still upgrades, so the client side sees no cause (the path test shows the downgrade)", async () => {
    const { report } = await diagnoseThroughNginx('http1.0', null);
    expect(causeIds(report)).toEqual([]);
    expect(bench.upstream.upgradeRequests().at(-1)?.httpVersion).toBe('1.0');
  });

  it("'read-timeout' (proxy_read_timeout 3s): idle-timeout measured at 3 s ± 10 %, cut with a FIN", async () => {
    const { report } = await diagnoseThroughNginx('read-timeout', 10_000);
    expect(causeIds(report)).toEqual(['idle-timeout']);
    expect(report.idleTimeoutSeconds).toBeGreaterThanOrEqual(2.7);
    expect(report.idleTimeoutSeconds).toBeLessThanOrEqual(3.3);
    expect(english(report.causes[0]!.summary)).toContain('TCP closed with a FIN, no WebSocket close frame');
    expect(fixText(report.causes[0], 'nginx')).toContain('proxy_read_timeout');
  });

  it("'not-found': path-not-found", async () => {
    const { report } = await diagnoseThroughNginx('not-found', null);
    expect(causeIds(report)[0]).toBe('path-not-found');
    expect(english(report.causes[0]!.evidence[0]!.text)).toContain('404');
  });
});

describe.skipIf(!haproxy.isAvailable)('the Doctor through real haproxy', () => {
  it('timeout tunnel 3s: idle-timeout measured at 3 s ± 10 %', async () => {
    const proxy = await startHaproxy({ upstreamPort: bench.upstream.port, tunnelTimeoutMs: 3_000 });
    bench.track(proxy);
    const report = await runDoctor(defaultSessionOptions(proxy.url), { idleLimitMs: 10_000 });
    expect(causeIds(report), proxy.logs()).toEqual(['idle-timeout']);
    expect(report.idleTimeoutSeconds).toBeGreaterThanOrEqual(2.7);
    expect(report.idleTimeoutSeconds).toBeLessThanOrEqual(3.3);
    expect(fixText(report.causes[0], 'haproxy')).toContain('timeout tunnel');
  });
});
