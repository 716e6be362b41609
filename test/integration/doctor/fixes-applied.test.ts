import { describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../../shared/contract/doctor-report.js';
import { defaultSessionOptions } from '../../../shared/contract/session-options.js';
import { runDoctor } from '../../../electron/engine/doctor/path-doctor.js';
import { startHaproxy } from '../../harness/haproxy.js';
import { startNginx, type NginxOptions } from '../../harness/nginx.js';
import { useUpstreamWithProxies } from '../../harness/upstream-with-proxies.js';
import { requirePeer } from '../../harness/require-peer.js';
import { fixText } from '../../harness/english.js';

const nginx = requirePeer('nginx');
const haproxy = requirePeer('haproxy');

const bench = useUpstreamWithProxies();

async function diagnose(options: Omit<NginxOptions, 'upstreamPort'>, idleLimitMs: number | null): Promise<DoctorReport> {
  const proxy = await startNginx({ upstreamPort: bench.upstream.port, ...options });
  bench.track(proxy);
  return runDoctor(defaultSessionOptions(proxy.url), { idleLimitMs: idleLimitMs ?? 1_000, isIdleProbeEnabled: idleLimitMs !== null });
}

/** Splits a Doctor nginx fix into its http-block and location parts, at its "# in the …" comments. */
function splitNginxFix(fix: string): { http: string; location: string } {
  const lines = fix.split('\n');
  const locationAt = lines.findIndex((line) => line.startsWith('# in the WebSocket location'));
  const httpAt = lines.findIndex((line) => line.startsWith('# in the http block'));
  if (locationAt < 0) return { http: '', location: fix };
  return { http: httpAt < 0 ? '' : lines.slice(httpAt + 1, locationAt).join('\n'), location: lines.slice(locationAt + 1).join('\n') };
}

// The fix texts are configuration users paste: applied as written to the broken nginx, the Doctor must find nothing wrong.
describe.skipIf(!nginx.isAvailable)("the Doctor's nginx fixes, applied as written to real nginx", () => {
  it('upgrade-headers-dropped: the fix makes the handshake pass', async () => {
    const broken = await diagnose({ mode: 'no-upgrade-headers' }, null);
    const cause = broken.causes.find((each) => each.id === 'upgrade-headers-dropped');
    expect(fixText(cause, 'nginx')).toBeDefined();
    const fixed = await diagnose({ mode: 'custom', custom: splitNginxFix(fixText(cause, 'nginx')!) }, null);
    expect(fixed.causes).toEqual([]);
    expect(fixed.probes.find((probe) => probe.id === 'handshake')?.status).toBe('pass');
  });

  it('idle-timeout: the fix keeps a silent connection open past the old 2 s cut', async () => {
    const broken = await diagnose({ mode: 'read-timeout', readTimeoutSeconds: 2 }, 6_000);
    const cause = broken.causes.find((each) => each.id === 'idle-timeout');
    expect(fixText(cause, 'nginx')).toBeDefined();
    const correct = 'proxy_http_version 1.1;\nproxy_set_header Upgrade $http_upgrade;\nproxy_set_header Connection $connection_upgrade;';
    const http = "map $http_upgrade $connection_upgrade { default upgrade; '' close; }";
    const fixed = await diagnose({ mode: 'custom', custom: { http, location: `${correct}\n${fixText(cause, 'nginx')!}` } }, 6_000);
    expect(fixed.causes).toEqual([]);
    expect(fixed.probes.find((probe) => probe.id === 'idle')?.status).toBe('pass');
  });
});

describe.skipIf(!haproxy.isAvailable)("the Doctor's haproxy idle fix, applied as written to real haproxy", () => {
  async function diagnoseHaproxy(backendLines: string): Promise<DoctorReport> {
    const proxy = await startHaproxy({ upstreamPort: bench.upstream.port, tunnelTimeoutMs: 2_000, ...(backendLines ? { backendLines } : {}) });
    bench.track(proxy);
    return runDoctor(defaultSessionOptions(proxy.url), { idleLimitMs: 6_000 });
  }

  it('idle-timeout: timeout tunnel from the fix keeps a silent connection open past the old 2 s cut', async () => {
    const broken = await diagnoseHaproxy('');
    const cause = broken.causes.find((each) => each.id === 'idle-timeout');
    expect(fixText(cause, 'haproxy')).toBeDefined();
    const fixed = await diagnoseHaproxy(fixText(cause, 'haproxy')!);
    expect(fixed.causes).toEqual([]);
    expect(fixed.probes.find((probe) => probe.id === 'idle')?.status).toBe('pass');
  });
});
