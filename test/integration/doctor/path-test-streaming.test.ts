import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runPathTest } from '../../../electron/engine/doctor/path-test.js';
import type { Session } from '../../../electron/engine/session/session.js';
import type { DoctorProgress, ProbeId } from '../../../shared/contract/doctor-report.js';
import { defaultSessionOptions, sessionOptionsSchema } from '../../../shared/contract/session-options.js';
import { createCertificates, type CertificateSet } from '../../harness/certificates.js';
import { eventuallyTrue } from '../../harness/eventually.js';
import { freePort } from '../../harness/free-port.js';
import { spendFirstRequest, startNginx, type NginxPeer } from '../../harness/nginx.js';
import { english } from '../../harness/english.js';
import { requirePeer } from '../../harness/require-peer.js';
import type { RunningPeer } from '../../harness/running-peer.js';
import { startCli } from '../cli/run-cli.js';

const nginx = requirePeer('nginx');

const proxies: RunningPeer[] = [];
afterEach(async () => {
  await Promise.all(proxies.splice(0).map((proxy) => proxy.stop()));
});

// The idle wait is the slow step: nginx (proxy_read_timeout 60 s) keeps the silent connection, and
// the run cannot end before this limit unless the path cuts the connection, which each test does
// itself by stopping nginx once it has seen the earlier steps.
const idleLimitMs = 120_000;

async function nginxInFrontOfListener(): Promise<{ proxy: RunningPeer; listenPort: number }> {
  const listenPort = await freePort();
  const proxy = await startNginx({ upstreamPort: listenPort, mode: 'correct' });
  proxies.push(proxy);
  return { proxy, listenPort };
}

describe.skipIf(!nginx.isAvailable)('the path test streams its steps through real nginx', () => {
  it('reports the connect probes, the upgrade and the frames while nginx still holds the silent connection; the idle cut and the close come when the path ends it', async () => {
    const { proxy, listenPort } = await nginxInFrontOfListener();
    const reported: Array<{ id: ProbeId; clientState: Session['state'] | undefined }> = [];
    const progress: DoctorProgress[] = [];
    let client: Session | undefined;
    let isFinished = false;
    const running = runPathTest(defaultSessionOptions(proxy.url!), {
      listen: { host: '127.0.0.1', port: listenPort },
      idleLimitMs,
      onSession: (_probe, session) => (client = session),
      onProgress: (each) => progress.push(each),
      onProbe: (probe) => reported.push({ id: probe.id, clientState: client?.state }),
    }).finally(() => (isFinished = true));

    await eventuallyTrue(() => progress.some((each) => each.probe === 'idle'), 'the idle wait started', 30_000);
    expect(isFinished).toBe(false);
    // DNS, TCP and TLS as the dial passes them, before the upgrade is answered; the rest on the open connection.
    expect(reported.map((each) => each.clientState)).toEqual(['connecting', 'connecting', 'connecting', 'open', 'open']);
    expect(reported.map((each) => each.id)).toEqual(['dns', 'tcp', 'tls', 'path-upgrade', 'path-frames']);
    expect(client?.state).toBe('open');

    await proxy.stop();
    const report = await running;
    expect(reported.map((each) => each.id)).toEqual(['dns', 'tcp', 'tls', 'path-upgrade', 'path-frames', 'idle', 'path-close']);
    expect(reported.slice(5).map((each) => each.clientState)).toEqual(['closed', 'closed']);
    expect(report.probes.map((probe) => probe.id)).toEqual(reported.map((each) => each.id));
    expect(report.probes.find((probe) => probe.id === 'path-upgrade')?.status).not.toBe('fail');
    expect(report.probes.find((probe) => probe.id === 'path-frames')?.status).toBe('pass');
    // Stopping nginx is the path cutting a silent connection without a close frame.
    expect(report.probes.find((probe) => probe.id === 'idle')?.status).toBe('fail');
    expect(report.causes.map((cause) => cause.id)).toEqual(['idle-timeout']);
  });

  it('`frameline diagnose --through` prints each step as it finishes and the verdict only at the end', async () => {
    const { proxy, listenPort } = await nginxInFrontOfListener();
    const cli = startCli(['diagnose', '--through', proxy.url!, '--listen', String(listenPort), '--idle-limit', String(idleLimitMs / 1000)], { LANG: 'en_US.UTF-8' });

    await eventuallyTrue(() => cli.stdout().includes('Frames through the path'), 'the frames line on stdout', 30_000);
    expect(cli.isFinished()).toBe(false);
    const early = cli.stdout().split('\n').filter(Boolean);
    expect(early[0]).toContain(`Path test · ${proxy.url}`);
    expect(early.slice(1).map((line) => line.trim().split(/\s{2,}/)[1])).toEqual(['DNS lookup', 'TCP connection', 'TLS', 'Upgrade through the path', 'Frames through the path']);
    expect(cli.stdout()).not.toContain('Verdict:');

    await proxy.stop();
    expect(await cli.status).toBe(1);
    const lines = cli.stdout().split('\n');
    const titleAt = (title: string): number => lines.findIndex((line) => line.includes(title));
    expect(titleAt('Frames through the path')).toBeLessThan(titleAt('Idle connection'));
    expect(titleAt('Idle connection')).toBeLessThan(titleAt('Close at both ends'));
    expect(titleAt('Close at both ends')).toBeLessThan(titleAt('What the path did:'));
    expect(titleAt('What the path did:')).toBeLessThan(titleAt('Verdict:'));
    expect(lines.filter((line) => line.includes('Upgrade through the path'))).toHaveLength(1);
  });
});

/** What the client had seen of the upgrade when a step was reported. */
interface ReportedStep {
  readonly id: ProbeId;
  readonly clientState: Session['state'] | undefined;
  readonly isHandshakeSent: boolean;
  readonly isUpgradeAnswered: boolean;
}

function clientView(id: ProbeId, client: Session | undefined): ReportedStep {
  const records = client ? Array.from({ length: client.capture.count }, (_, seq) => client.capture.getRecordJson(seq)) : [];
  return {
    id,
    clientState: client?.state,
    isHandshakeSent: records.some((record) => record.kind === 'event' && record.name === 'handshake-sent'),
    isUpgradeAnswered: records.some((record) => record.kind === 'handshake'),
  };
}

// nginx's rate limiter holds the upgrade this long (the client's handshake timeout is 10 s).
const holdSeconds = 5;

/** A 'held' nginx in front of the listener port, its first request spent, so the next upgrade waits about `holdSeconds`. */
async function heldNginxInFrontOfListener(tls?: CertificateSet): Promise<{ proxy: NginxPeer; listenPort: number }> {
  const listenPort = await freePort();
  const proxy = await startNginx({ upstreamPort: listenPort, mode: 'held', holdSeconds, ...(tls ? { tls: tls.server } : {}) });
  proxies.push(proxy);
  await spendFirstRequest(proxy);
  return { proxy, listenPort };
}

describe.skipIf(!nginx.isAvailable)('the path test reports DNS, TCP and TLS while a real nginx still holds the upgrade', () => {
  let certificates: CertificateSet | undefined;
  beforeAll(async () => {
    certificates = await createCertificates();
  });
  afterAll(() => certificates?.remove());

  it('wss://localhost through nginx terminating TLS: the name resolved, TCP connected and TLS up are reported before nginx answers; the upgrade when it does', async () => {
    const { proxy, listenPort } = await heldNginxInFrontOfListener(certificates);
    const url = `wss://localhost:${proxy.port}/`;
    const reported: ReportedStep[] = [];
    const progress: DoctorProgress[] = [];
    let client: Session | undefined;
    let isFinished = false;
    const running = runPathTest(sessionOptionsSchema.parse({ url, tls: { caFile: certificates!.caCert } }), {
      listen: { host: '127.0.0.1', port: listenPort },
      idleLimitMs: null,
      onSession: (_probe, session) => (client = session),
      onProgress: (each) => progress.push(each),
      onProbe: (probe) => reported.push(clientView(probe.id, client)),
    }).finally(() => (isFinished = true));

    // nginx has the handshake and holds it: the three connect steps are out, the upgrade is not.
    await eventuallyTrue(() => reported.length === 3 && clientView('path', client).isHandshakeSent, 'DNS, TCP and TLS reported with the handshake sent', 10_000);
    expect(clientView('path', client)).toMatchObject({ clientState: 'connecting', isUpgradeAnswered: false });
    expect(isFinished).toBe(false);
    expect(reported.map(({ id, isUpgradeAnswered }) => ({ id, isUpgradeAnswered }))).toEqual(['dns', 'tcp', 'tls'].map((id) => ({ id, isUpgradeAnswered: false })));
    expect(english(progress.at(-1)!.message)).toBe('connected; waiting for the path to answer the upgrade');

    const report = await running;
    expect(reported.map((each) => each.id)).toEqual(['dns', 'tcp', 'tls', 'path-upgrade', 'path-frames', 'idle', 'path-close']);
    expect(reported[3]).toMatchObject({ clientState: 'open', isUpgradeAnswered: true });
    const status = (id: ProbeId): string | undefined => report.probes.find((probe) => probe.id === id)?.status;
    expect(['dns', 'tcp'].map((id) => status(id as ProbeId))).toEqual(['pass', 'pass']);
    // The test certificate is valid for 7 days, which the TLS step warns about.
    expect(status('tls')).toBe('warn');
    expect(english(report.probes[2]!.summary)).toMatch(/^TLSv1\.[23], ALPN http\/1\.1, certificate CN=localhost/);
    // nginx sets its own Host and may re-chunk the 64 KiB message: a warning at most.
    expect(status('path-upgrade')).not.toBe('fail');
    expect(status('path-frames')).not.toBe('fail');
    expect(english(report.probes[0]!.summary)).toContain('localhost');
    expect(report.causes).toEqual([]);
  });

  it('`frameline diagnose --through ws://localhost…` prints the DNS and TCP lines while nginx holds the upgrade, the upgrade line when nginx answers', async () => {
    const { proxy, listenPort } = await heldNginxInFrontOfListener();
    const url = `ws://localhost:${proxy.port}/`;
    const cli = startCli(['diagnose', '--through', url, '--listen', String(listenPort), '--no-idle'], { LANG: 'en_US.UTF-8' });

    await eventuallyTrue(() => cli.stdout().includes('TLS'), 'the TLS line on stdout', 10_000);
    expect(cli.isFinished()).toBe(false);
    const early = cli.stdout().split('\n').filter(Boolean);
    expect(early.slice(1).map((line) => line.trim().split(/\s{2,}/).slice(0, 2))).toEqual([['PASS', 'DNS lookup'], ['PASS', 'TCP connection'], ['skip', 'TLS']]);
    expect(cli.stdout()).not.toContain('Upgrade through the path');

    expect(await cli.status).toBe(0);
    const lines = cli.stdout().split('\n').filter(Boolean);
    expect(lines.slice(1, 6).map((line) => line.trim().split(/\s{2,}/)[1])).toEqual(['DNS lookup', 'TCP connection', 'TLS', 'Upgrade through the path', 'Frames through the path']);
    expect(cli.stdout()).toContain('Verdict:');
  });

  it('an idle limit the path outlasts: the idle step is reported at the limit while the connection is still open, the close after our close', async () => {
    const { proxy, listenPort } = await nginxInFrontOfListener();
    const reported: ReportedStep[] = [];
    let client: Session | undefined;
    const report = await runPathTest(defaultSessionOptions(proxy.url!), {
      listen: { host: '127.0.0.1', port: listenPort },
      idleLimitMs: 2_000,
      onSession: (_probe, session) => (client = session),
      onProbe: (probe) => reported.push(clientView(probe.id, client)),
    });
    expect(reported.map((each) => [each.id, each.clientState])).toEqual([
      ['dns', 'connecting'], ['tcp', 'connecting'], ['tls', 'connecting'], ['path-upgrade', 'open'], ['path-frames', 'open'], ['idle', 'open'], ['path-close', 'closed'],
    ]);
    expect(report.probes.find((probe) => probe.id === 'idle')?.status).toBe('pass');
    expect(report.probes.find((probe) => probe.id === 'path-close')?.status).toBe('pass');
    expect(report.causes).toEqual([]);
  });
});
