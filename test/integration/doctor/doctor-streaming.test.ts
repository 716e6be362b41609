import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDoctor } from '../../../electron/engine/doctor/path-doctor.js';
import type { Session } from '../../../electron/engine/session/session.js';
import type { DoctorProgress, ProbeId } from '../../../shared/contract/doctor-report.js';
import { sessionOptionsSchema } from '../../../shared/contract/session-options.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { createCertificates, type CertificateSet } from '../../harness/certificates.js';
import { english } from '../../harness/english.js';
import { eventuallyTrue } from '../../harness/eventually.js';
import { spendFirstRequest, startNginx, type NginxPeer } from '../../harness/nginx.js';
import { requirePeer } from '../../harness/require-peer.js';
import { useUpstreamWithProxies } from '../../harness/upstream-with-proxies.js';
import { startCli } from '../cli/run-cli.js';

const nginx = requirePeer('nginx');
const bench = useUpstreamWithProxies();

// nginx's rate limiter holds each upgrade this long (the client's handshake timeout is 10 s). Every
// probe after the first waits too, so a run takes a few holds.
const holdSeconds = 5;

/** A 'held' nginx in front of the echo server, its first request spent, so the next upgrade waits about `holdSeconds`. */
async function heldNginx(tls?: CertificateSet): Promise<NginxPeer> {
  const proxy = bench.track(await startNginx({ upstreamPort: bench.upstream.port, mode: 'held', holdSeconds, ...(tls ? { tls: tls.server } : {}) }));
  await spendFirstRequest(proxy);
  return proxy;
}

/** What the handshake session had seen of the upgrade when a probe was reported. */
interface ReportedProbe {
  readonly id: ProbeId;
  readonly clientState: Session['state'] | undefined;
  readonly isUpgradeAnswered: boolean;
}

function sessionView(id: ProbeId, session: Session | undefined): ReportedProbe & { readonly isHandshakeSent: boolean } {
  const records = session ? Array.from({ length: session.capture.count }, (_, seq) => session.capture.getRecordJson(seq)) : [];
  return {
    id,
    clientState: session?.state,
    isHandshakeSent: records.some((record) => record.kind === 'event' && record.name === 'handshake-sent'),
    isUpgradeAnswered: records.some((record) => record.kind === 'handshake'),
  };
}

const probeOrder: ProbeId[] = ['dns', 'tcp', 'tls', 'handshake', 'ping', 'large-message', 'http1.0', 'deflate', 'idle'];

describe.skipIf(!nginx.isAvailable)("the Doctor's run reports DNS, TCP and TLS while a real nginx still holds the upgrade", () => {
  let certificates: CertificateSet | undefined;
  beforeAll(async () => {
    certificates = await createCertificates();
  });
  afterAll(() => certificates?.remove());

  it('wss://localhost through nginx terminating TLS: the name resolved, TCP connected and TLS up are reported before nginx answers; the handshake when it does', async () => {
    const proxy = await heldNginx(certificates);
    const url = `wss://localhost:${proxy.port}/`;
    const reported: ReportedProbe[] = [];
    const progress: DoctorProgress[] = [];
    let handshakeSession: Session | undefined;
    let isFinished = false;
    const running = runDoctor(sessionOptionsSchema.parse({ url, tls: { caFile: certificates!.caCert } }), {
      isIdleProbeEnabled: false,
      largeMessageBytes: 64 * 1024,
      onSession: (probe, session) => {
        if (probe === 'handshake') handshakeSession = session;
      },
      onProgress: (each) => progress.push(each),
      onProbe: (probe) => reported.push(sessionView(probe.id, handshakeSession)),
    }).finally(() => (isFinished = true));

    // nginx has the handshake and holds it: the three connect probes are out, the handshake's is not.
    await eventuallyTrue(() => reported.length === 3 && sessionView('handshake', handshakeSession).isHandshakeSent, 'DNS, TCP and TLS reported with the handshake sent', 10_000);
    expect(sessionView('handshake', handshakeSession)).toMatchObject({ clientState: 'connecting', isUpgradeAnswered: false });
    expect(isFinished).toBe(false);
    expect(reported).toEqual(['dns', 'tcp', 'tls'].map((id) => ({ id, clientState: 'connecting', isHandshakeSent: expect.any(Boolean), isUpgradeAnswered: false })));
    expect(progress.at(-1)).toEqual({ probe: 'handshake', message: { key: 'doctor:progress.handshakeAnswer' } });
    expect(english(progress.at(-1)!.message)).toBe('connected; waiting for the server to answer the upgrade');

    const report = await running;
    expect(reported.map((each) => each.id)).toEqual(probeOrder);
    expect(reported[3]).toMatchObject({ id: 'handshake', isUpgradeAnswered: true });
    expect(report.probes.map((probe) => probe.id)).toEqual(probeOrder);
    const status = (id: ProbeId): string | undefined => report.probes.find((probe) => probe.id === id)?.status;
    expect(probeOrder.map((id) => [id, status(id)])).toEqual([
      // The test certificate is valid for 7 days, which the TLS probe warns about.
      ['dns', 'pass'], ['tcp', 'pass'], ['tls', 'warn'], ['handshake', 'pass'], ['ping', 'pass'], ['large-message', 'pass'], ['http1.0', 'pass'], ['deflate', 'pass'], ['idle', 'skip'],
    ]);
    expect(english(report.probes[0]!.summary)).toContain('localhost');
    expect(english(report.probes[2]!.summary)).toMatch(/^TLSv1\.[23], ALPN http\/1\.1, certificate CN=localhost/);
    expect(report.causes).toEqual([]);
  });

  it.each([
    ['en', 'en_US.UTF-8'],
    ['zh-CN', 'zh_CN.UTF-8'],
  ] as const)('%s: `frameline diagnose ws://localhost…` prints the DNS, TCP and TLS lines while nginx holds the upgrade, the handshake line when nginx answers', async (language, lang) => {
    const t = createTranslate(language);
    const title = (id: string): string => t(`doctor:probe.${id}.title` as 'doctor:probe.dns.title');
    const proxy = await heldNginx();
    const url = `ws://localhost:${proxy.port}/`;
    const cli = startCli(['diagnose', url, '--no-idle', '--large-message', '65536'], { LANG: lang });

    const columns = (line: string): string[] => line.trim().split(/\s{2,}/).slice(0, 2);
    await eventuallyTrue(() => cli.stdout().split('\n').some((line) => columns(line)[1] === 'TLS'), 'the TLS line on stdout', 10_000);
    expect(cli.isFinished()).toBe(false);
    const early = cli.stdout().split('\n').filter(Boolean);
    expect(early[0]).toBe(t('cli:diagnose.heading', { url }));
    expect(early.slice(1).map(columns)).toEqual([[t('doctor:status.pass'), title('dns')], [t('doctor:status.pass'), title('tcp')], [t('doctor:status.skip'), title('tls')]]);
    expect(cli.stdout()).not.toContain(title('handshake'));

    expect(await cli.status).toBe(0);
    const lines = cli.stdout().split('\n').filter(Boolean);
    expect(lines.slice(1, 6).map((line) => columns(line)[1])).toEqual([title('dns'), title('tcp'), title('tls'), title('handshake'), title('ping')]);
    expect(lines.filter((line) => line.includes(title('handshake')))).toHaveLength(1);
    expect(cli.stdout()).toContain(t('cli:diagnose.verdict', { verdict: '' }).trim());
  });

  it('`frameline diagnose --json` through the held nginx prints one JSON document and nothing before it', async () => {
    const proxy = await heldNginx();
    const url = `ws://localhost:${proxy.port}/`;
    const cli = startCli(['diagnose', url, '--no-idle', '--large-message', '65536', '--json'], { LANG: 'en_US.UTF-8' });

    // While nginx holds the upgrade, the connect probes are known but --json prints nothing yet.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(cli.isFinished()).toBe(false);
    expect(cli.stdout()).toBe('');

    expect(await cli.status).toBe(0);
    expect(cli.stdout().endsWith('}\n')).toBe(true);
    expect(cli.stdout().trim().split('\n')).toHaveLength(1);
    const document = JSON.parse(cli.stdout()) as { probes: Array<{ id: string }> };
    expect(document.probes.map((probe) => probe.id)).toEqual(probeOrder);
  });
});
