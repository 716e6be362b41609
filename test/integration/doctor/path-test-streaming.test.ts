import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../../electron/cli/main-command.js';
import { runPathTest } from '../../../electron/engine/doctor/path-test.js';
import type { Session } from '../../../electron/engine/session/session.js';
import type { DoctorProgress, ProbeId } from '../../../shared/contract/doctor-report.js';
import { defaultSessionOptions } from '../../../shared/contract/session-options.js';
import { eventuallyTrue } from '../../harness/eventually.js';
import { freePort } from '../../harness/free-port.js';
import { startNginx } from '../../harness/nginx.js';
import { requirePeer } from '../../harness/require-peer.js';
import type { RunningPeer } from '../../harness/running-peer.js';

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
    const reported: Array<{ id: ProbeId; isClientOpen: boolean }> = [];
    const progress: DoctorProgress[] = [];
    let client: Session | undefined;
    let isFinished = false;
    const running = runPathTest(defaultSessionOptions(proxy.url!), {
      listen: { host: '127.0.0.1', port: listenPort },
      idleLimitMs,
      onSession: (_probe, session) => (client = session),
      onProgress: (each) => progress.push(each),
      onProbe: (probe) => reported.push({ id: probe.id, isClientOpen: client?.state === 'open' }),
    }).finally(() => (isFinished = true));

    await eventuallyTrue(() => progress.some((each) => each.probe === 'idle'), 'the idle wait started', 30_000);
    expect(isFinished).toBe(false);
    expect(reported).toEqual(['dns', 'tcp', 'tls', 'path-upgrade', 'path-frames'].map((id) => ({ id, isClientOpen: true })));
    expect(client?.state).toBe('open');

    await proxy.stop();
    const report = await running;
    expect(reported.map((each) => each.id)).toEqual(['dns', 'tcp', 'tls', 'path-upgrade', 'path-frames', 'idle', 'path-close']);
    expect(reported.slice(5).every((each) => !each.isClientOpen)).toBe(true);
    expect(report.probes.map((probe) => probe.id)).toEqual(reported.map((each) => each.id));
    expect(report.probes.find((probe) => probe.id === 'path-upgrade')?.status).not.toBe('fail');
    expect(report.probes.find((probe) => probe.id === 'path-frames')?.status).toBe('pass');
    // Stopping nginx is the path cutting a silent connection without a close frame.
    expect(report.probes.find((probe) => probe.id === 'idle')?.status).toBe('fail');
    expect(report.causes.map((cause) => cause.id)).toEqual(['idle-timeout']);
  });

  it('`frameline diagnose --through` prints each step as it finishes and the verdict only at the end', async () => {
    const { proxy, listenPort } = await nginxInFrontOfListener();
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const stdin = new PassThrough();
    stdin.end();
    let printed = '';
    stdout.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
    stderr.resume();
    let isFinished = false;
    const running = main(['diagnose', '--through', proxy.url!, '--listen', String(listenPort), '--idle-limit', String(idleLimitMs / 1000)], { stdin, stdout, stderr, isStdinTerminal: false }, { LANG: 'en_US.UTF-8' }).finally(() => (isFinished = true));

    await eventuallyTrue(() => printed.includes('Frames through the path'), 'the frames line on stdout', 30_000);
    expect(isFinished).toBe(false);
    const early = printed.split('\n').filter(Boolean);
    expect(early[0]).toContain(`Path test · ${proxy.url}`);
    expect(early.slice(1).map((line) => line.trim().split(/\s{2,}/)[1])).toEqual(['DNS lookup', 'TCP connection', 'TLS', 'Upgrade through the path', 'Frames through the path']);
    expect(printed).not.toContain('Verdict:');

    await proxy.stop();
    expect(await running).toBe(1);
    const lines = printed.split('\n');
    const titleAt = (title: string): number => lines.findIndex((line) => line.includes(title));
    expect(titleAt('Frames through the path')).toBeLessThan(titleAt('Idle connection'));
    expect(titleAt('Idle connection')).toBeLessThan(titleAt('Close at both ends'));
    expect(titleAt('Close at both ends')).toBeLessThan(titleAt('What the path did:'));
    expect(titleAt('What the path did:')).toBeLessThan(titleAt('Verdict:'));
    expect(lines.filter((line) => line.includes('Upgrade through the path'))).toHaveLength(1);
  });
});
