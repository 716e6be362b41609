import { describe, expect, it } from 'vitest';
import type { DoctorReport, FixTarget } from '../../../shared/contract/doctor-report.js';
import { defaultSessionOptions } from '../../../shared/contract/session-options.js';
import { runDoctor } from '../../../electron/engine/doctor/path-doctor.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { renderMessage } from '../../../shared/i18n/message.js';
import { english } from '../../harness/english.js';
import { requirePeer } from '../../harness/require-peer.js';
import { useUpstreamWithProxies } from '../../harness/upstream-with-proxies.js';
import { startVendorNginx, type VendorHop } from '../../harness/vendor-nginx.js';

const nginx = requirePeer('nginx');

const bench = useUpstreamWithProxies();

/** What the real Doctor must say behind nginx answering like each vendor: the hop, the verdict's opening, the header, and whose fix comes first. */
const vendors: ReadonlyArray<{ vendor: VendorHop; verdict: RegExp; evidence: RegExp; cause: string; firstFix: FixTarget }> = [
  { vendor: 'alibaba-cdn', verdict: /^The 400 came through Alibaba Cloud CDN or DCDN \(Tengine\) \(EagleId: [0-9a-f]{32}\)\./, evidence: /^EagleId: /, cause: 'websocket-unsupported', firstFix: 'alibaba-cdn' },
  { vendor: 'cloudflare', verdict: /^The 426 came through Cloudflare \(CF-RAY: [0-9a-f]{32}-HKG\)\./, evidence: /^CF-RAY: /, cause: 'upgrade-headers-dropped', firstFix: 'cloudflare' },
  { vendor: 'aws-elb', verdict: /^The 504 came from AWS Elastic Load Balancing \(ALB or Classic ELB\) \(Server: awselb\/2\.0\)\./, evidence: /^Server: awselb\/2\.0$/, cause: 'gateway-timeout', firstFix: 'aws-alb' },
  { vendor: 'envoy', verdict: /^The 426 came from Envoy \(server: envoy\)\./, evidence: /^server: envoy$/, cause: 'upgrade-headers-dropped', firstFix: 'envoy' },
  { vendor: 'google-lb', verdict: /^The 426 came through a Google Cloud load balancer \(Via: 1\.1 google\)\./, evidence: /^Via: 1\.1 google$/, cause: 'upgrade-headers-dropped', firstFix: 'google-lb' },
  { vendor: 'tencent-clb', verdict: /^The 426 came from Tencent Cloud CLB \(STGW\) \(Server: stgw\)\./, evidence: /^Server: stgw$/, cause: 'upgrade-headers-dropped', firstFix: 'tencent-clb' },
];

async function diagnose(vendor: VendorHop): Promise<DoctorReport> {
  const edge = bench.track(await startVendorNginx(vendor, bench.upstream.port));
  return runDoctor(defaultSessionOptions(edge.url), { isIdleProbeEnabled: false, idleLimitMs: 1_000 });
}

describe.skipIf(!nginx.isAvailable)('hop identification end to end: the real Doctor behind nginx answering like each vendor', () => {
  it.each(vendors)('$vendor is named in the verdict with its header, and its own setting comes first in the fix', async ({ vendor, verdict, evidence, cause, firstFix }) => {
    const report = await diagnose(vendor);
    expect(english(report.verdict)).toMatch(verdict);
    // nginx's own Server header stays beside the vendor's (it cannot be removed without a module): named, but after the vendor.
    expect(report.hops.map((hop) => hop.id)).toEqual([vendor, 'nginx']);
    expect(english(report.hops[0]!.evidence[0]!.text)).toMatch(evidence);
    expect(report.causes[0]).toMatchObject({ id: cause, hop: vendor });
    expect(report.causes[0]!.fix.steps[0]!.target).toBe(firstFix);
  });

  it('the verdict names the hop in Chinese too', async () => {
    const report = await diagnose('alibaba-cdn');
    expect(renderMessage(createTranslate('zh-CN'), report.verdict)).toMatch(/^400 响应经过了 阿里云 CDN 或全站加速 DCDN（Tengine）（EagleId: [0-9a-f]{32}）。有两种原因都符合这个响应/);
  });
});
