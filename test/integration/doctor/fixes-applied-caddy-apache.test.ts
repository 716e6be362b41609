import { describe, expect, it } from 'vitest';
import type { CauseId, DoctorReport, FixTarget } from '../../../shared/contract/doctor-report.js';
import { defaultSessionOptions } from '../../../shared/contract/session-options.js';
import { runDoctor } from '../../../electron/engine/doctor/path-doctor.js';
import { apacheVirtualHostBody, startApache, type ApacheOptions } from '../../harness/apache.js';
import { caddySiteBody, startCaddy, type CaddyOptions } from '../../harness/caddy.js';
import { fixText } from '../../harness/english.js';
import { requirePeer } from '../../harness/require-peer.js';
import { useUpstreamWithProxies } from '../../harness/upstream-with-proxies.js';

const caddy = requirePeer('caddy');
const apache = requirePeer('apache2');

const bench = useUpstreamWithProxies();

/**
 * Runs the Doctor on a URL; `idleLimitMs` null skips the idle probe. The handshake timeout is 3 s:
 * Apache holds an HTTP/1.0 upgrade open without answering, and the HTTP/1.0 probe waits that long.
 */
function diagnose(url: string, idleLimitMs: number | null): Promise<DoctorReport> {
  const options = defaultSessionOptions(url);
  return runDoctor({ ...options, limits: { ...options.limits, handshakeTimeoutMs: 3_000 } }, { idleLimitMs: idleLimitMs ?? 1_000, isIdleProbeEnabled: idleLimitMs !== null });
}

/** The fix a report prints for `target` under cause `id`, with BACKEND replaced by the upstream's host:port as a user would; the `/ws/` path is the harness's own. */
function printedFix(report: DoctorReport, id: CauseId, target: FixTarget): string {
  const cause = report.causes.find((each) => each.id === id);
  const text = fixText(cause, target);
  if (text === undefined) throw new Error(`no ${target} fix for ${id}; causes: ${report.causes.map((each) => each.id).join(', ')}`);
  return text.replaceAll('BACKEND', `127.0.0.1:${bench.upstream.port}`);
}

// The Caddy and Apache fixes are configuration users paste, comments and all: applied as written to the
// broken real server (with the edit its note asks for), the Doctor must find nothing wrong.
describe.skipIf(!caddy.isAvailable)("the Doctor's Caddy fixes, applied as written to real Caddy", () => {
  const run = async (options: Omit<CaddyOptions, 'upstreamPort'>, idleLimitMs: number | null = null): Promise<DoctorReport> => {
    const proxy = bench.track(await startCaddy({ upstreamPort: bench.upstream.port, ...options }));
    return diagnose(proxy.url, idleLimitMs);
  };

  it('upgrade-headers-dropped: remove the header_up lines the note names and paste the config, and the handshake passes', async () => {
    const brokenSite = caddySiteBody('no-upgrade-headers', bench.upstream.port);
    const broken = await run({ mode: 'custom', siteBody: brokenSite });
    const fix = printedFix(broken, 'upgrade-headers-dropped', 'caddy');
    expect(fix).toContain('remove any header_up lines that delete or rewrite Upgrade or Connection');
    const edited = brokenSite.split('\n').filter((line) => !/header_up\s+-?(Upgrade|Connection)\b/i.test(line)).join('\n');
    const fixed = await run({ mode: 'custom', siteBody: `${edited}\n${fix}` });
    expect(fixed.causes).toEqual([]);
    expect(fixed.probes.find((probe) => probe.id === 'handshake')?.status).toBe('pass');
  });

  it('websocket-unsupported: the handle block pasted into a site that answers every path itself (respond, ordered before reverse_proxy) makes the handshake pass', async () => {
    const brokenSite = caddySiteBody('static-site', bench.upstream.port);
    const broken = await run({ mode: 'custom', siteBody: brokenSite });
    expect(broken.causes[0]?.id).toBe('websocket-unsupported');
    const fixed = await run({ mode: 'custom', siteBody: `${brokenSite}\n${printedFix(broken, 'websocket-unsupported', 'caddy')}` });
    expect(fixed.causes).toEqual([]);
    expect(fixed.probes.find((probe) => probe.id === 'handshake')?.status).toBe('pass');
  });

  it("the idle note holds: Caddy's reverse_proxy keeps a silent upgraded connection open", async () => {
    const report = await run({ mode: 'correct' }, 5_000);
    expect(report.causes).toEqual([]);
    expect(report.probes.find((probe) => probe.id === 'idle')?.status).toBe('pass');
  });
});

describe.skipIf(!apache.isAvailable)("the Doctor's Apache fixes, applied as written to real Apache httpd", () => {
  const run = async (options: Omit<ApacheOptions, 'upstreamPort'>, idleLimitMs: number | null = null): Promise<DoctorReport> => {
    const proxy = bench.track(await startApache({ upstreamPort: bench.upstream.port, ...options }));
    return diagnose(proxy.url, idleLimitMs);
  };
  // httpd uses the first ProxyPass that matches, so a user replaces the old line for /ws/ with the fix's.
  const replaceProxyPass = (body: string, fix: string): string => [...body.split('\n').filter((line) => !line.startsWith('ProxyPass "/ws/"')), fix].join('\n');

  it('upgrade-headers-dropped: ProxyPass with upgrade=websocket (mod_proxy and mod_proxy_http only) makes the handshake pass', async () => {
    const brokenHost = apacheVirtualHostBody('no-upgrade', bench.upstream.port);
    const broken = await run({ mode: 'custom', virtualHostBody: brokenHost });
    const fixed = await run({ mode: 'custom', virtualHostBody: replaceProxyPass(brokenHost, printedFix(broken, 'upgrade-headers-dropped', 'apache')) });
    expect(fixed.causes).toEqual([]);
    expect(fixed.probes.find((probe) => probe.id === 'handshake')?.status).toBe('pass');
  });

  it('websocket-unsupported: the ProxyPass pasted into a site that answered 200 makes the handshake pass', async () => {
    const brokenHost = apacheVirtualHostBody('static-site', bench.upstream.port);
    const broken = await run({ mode: 'custom', virtualHostBody: brokenHost });
    expect(broken.causes[0]?.id).toBe('websocket-unsupported');
    const fixed = await run({ mode: 'custom', virtualHostBody: `${brokenHost}\n${printedFix(broken, 'websocket-unsupported', 'apache')}` });
    expect(fixed.causes).toEqual([]);
  });

  it('idle-timeout: ProxyPass … timeout=3600 keeps a silent connection open past the 2 s Timeout', async () => {
    const brokenHost = apacheVirtualHostBody('idle-timeout', bench.upstream.port, 2);
    const broken = await run({ mode: 'custom', virtualHostBody: brokenHost }, 6_000);
    expect(broken.causes[0]?.id).toBe('idle-timeout');
    const fixed = await run({ mode: 'custom', virtualHostBody: replaceProxyPass(brokenHost, printedFix(broken, 'idle-timeout', 'apache')) }, 6_000);
    expect(fixed.causes).toEqual([]);
    expect(fixed.probes.find((probe) => probe.id === 'idle')?.status).toBe('pass');
  });
});
