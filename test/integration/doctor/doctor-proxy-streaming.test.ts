import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runDoctor } from '../../../electron/engine/doctor/path-doctor.js';
import { runPathTest } from '../../../electron/engine/doctor/path-test.js';
import { freePort } from '../../harness/free-port.js';
import type { Session } from '../../../electron/engine/session/session.js';
import type { DoctorProgress, DoctorReport, ProbeId } from '../../../shared/contract/doctor-report.js';
import type { Message } from '../../../shared/i18n/message.js';
import { sessionOptionsSchema, type SessionOptionsInput } from '../../../shared/contract/session-options.js';
import { startDante } from '../../harness/dante.js';
import { english } from '../../harness/english.js';
import { eventuallyTrue } from '../../harness/eventually.js';
import { startMicrosocks } from '../../harness/microsocks.js';
import { requirePeer } from '../../harness/require-peer.js';
import type { RunningPeer } from '../../harness/running-peer.js';
import { startSquid } from '../../harness/squid.js';
import { startUnacceptingPort } from '../../harness/unaccepting-port.js';
import { startWsServer, type WsServerPeer } from '../../harness/ws-server.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { startCli } from '../cli/run-cli.js';

const squid = requirePeer('squid');
const microsocks = requirePeer('microsocks');
const dante = requirePeer('danted');
const python = requirePeer('python3');

let upstream: WsServerPeer | undefined;
const peers: RunningPeer[] = [];
beforeAll(async () => {
  upstream = await startWsServer();
});
afterEach(async () => {
  await Promise.all(peers.splice(0).map((peer) => peer.stop()));
});
afterAll(async () => {
  await upstream?.stop();
});

function track<T extends RunningPeer>(peer: T): T {
  peers.push(peer);
  return peer;
}

/** What the handshake session's capture held when a probe was reported. */
interface Reported {
  readonly id: ProbeId;
  readonly events: readonly string[];
}

/** The Doctor through `proxy` to `url` (default the file's echo server) (no idle probe, a small large message), recording what its session had seen as each probe arrived. */
function diagnose(proxy: SessionOptionsInput['proxy'], extra: Partial<SessionOptionsInput> = {}): { reported: Reported[]; progress: DoctorProgress[]; handshakeEvents: () => string[]; running: Promise<DoctorReport> } {
  const reported: Reported[] = [];
  const progress: DoctorProgress[] = [];
  let handshakeSession: Session | undefined;
  const handshakeEvents = (): string[] => {
    const capture = handshakeSession?.capture;
    if (!capture) return [];
    return Array.from({ length: capture.count }, (_, seq) => capture.getRecordJson(seq)).flatMap((record) => (record.kind === 'event' ? [record.name] : record.kind === 'handshake' ? ['handshake'] : []));
  };
  const running = runDoctor(sessionOptionsSchema.parse({ url: `ws://localhost:${upstream!.port}/`, proxy, ...extra }), {
    isIdleProbeEnabled: false,
    largeMessageBytes: 16 * 1024,
    onSession: (probe, session) => {
      if (probe === 'handshake') handshakeSession = session;
    },
    onProgress: (each) => progress.push(each),
    onProbe: (probe) => reported.push({ id: probe.id, events: handshakeEvents() }),
  });
  return { reported, progress, handshakeEvents, running };
}

const probe = (report: DoctorReport, id: ProbeId) => report.probes.find((each) => each.id === id)!;
const text = (value: unknown): string => english(value as Message);
const connected: ProbeId[] = ['dns', 'tcp', 'proxy', 'tls', 'handshake', 'ping', 'large-message', 'http1.0', 'deflate', 'idle'];

describe.skipIf(!squid.isAvailable)('the Doctor through a real squid: the proxy\'s DNS and TCP, its answer to CONNECT, then the upgrade, each as it happens', () => {
  it('a squid that holds its CONNECT answer: DNS and TCP to the proxy are reported while it holds, the CONNECT step with its 200 when it answers', async () => {
    const proxy = track(await startSquid({ holdConnectSeconds: 3 }));
    const run = diagnose({ kind: 'http-connect', host: 'localhost', port: proxy.port });

    await eventuallyTrue(() => run.reported.length >= 2, 'DNS and TCP to the proxy reported', 10_000);
    // Still held: the tunnel is not up, so nothing after TCP is reported and the run says what it waits for.
    expect(run.handshakeEvents()).not.toContain('proxy-tunnel-established');
    expect(run.reported.map((each) => each.id)).toEqual(['dns', 'tcp']);
    expect(run.reported[1]!.events).toContain('tcp-connected');
    expect(run.reported[1]!.events).not.toContain('proxy-tunnel-established');
    expect(run.progress.at(-1)).toMatchObject({ probe: 'proxy', message: { key: 'doctor:progress.proxyAnswer' } });
    expect(english(run.progress.at(-1)!.message)).toBe(`connected to the HTTP proxy localhost:${proxy.port}; waiting for its answer to CONNECT localhost:${upstream!.port}`);

    const report = await run.running;
    expect(run.reported.map((each) => each.id)).toEqual(connected);
    // The CONNECT step was reported once the tunnel was up and before the server was asked for the upgrade.
    expect(run.reported[2]!.events).toContain('proxy-tunnel-established');
    expect(run.reported[2]!.events).not.toContain('handshake');
    expect(report.probes.map((each) => [each.id, each.status])).toEqual([
      ['dns', 'pass'], ['tcp', 'pass'], ['proxy', 'pass'], ['tls', 'skip'], ['handshake', 'pass'], ['ping', 'pass'], ['large-message', 'pass'], ['http1.0', 'pass'], ['deflate', 'pass'], ['idle', 'skip'],
    ]);
    expect(text(probe(report, 'dns').summary)).toMatch(/^proxy localhost → /);
    expect(text(probe(report, 'tcp').summary)).toMatch(new RegExp(`^connected to the HTTP proxy localhost:${proxy.port} \\(`));
    expect(text(probe(report, 'proxy').title)).toBe('Proxy CONNECT');
    expect(text(probe(report, 'proxy').summary)).toMatch(new RegExp(`^the HTTP proxy localhost:${proxy.port} answered CONNECT localhost:${upstream!.port}: HTTP/1\\.1 200 `));
    expect(report.causes).toEqual([]);
    await eventuallyTrue(() => /TCP_TUNNEL\/200 .*CONNECT localhost:/.test(proxy.accessLog()), `squid logged the tunnel\n${proxy.logs()}`, 5_000);
  });

  it('a squid with its stock SSL_ports rule refuses CONNECT to the non-443 port: the proxy step fails with 403 and the SSL_ports line to add; TCP to the proxy passed', async () => {
    const proxy = track(await startSquid({ isSslPortsOnly: true }));
    const run = diagnose({ kind: 'http-connect', host: '127.0.0.1', port: proxy.port });
    const report = await run.running;
    expect(run.reported.slice(0, 4).map((each) => each.id)).toEqual(['dns', 'tcp', 'proxy', 'tls']);
    expect(run.reported[1]).toMatchObject({ id: 'tcp', events: expect.arrayContaining(['tcp-connected']) });
    expect(report.probes.slice(0, 4).map((each) => [each.id, each.status])).toEqual([['dns', 'skip'], ['tcp', 'pass'], ['proxy', 'fail'], ['tls', 'skip']]);
    expect(text(probe(report, 'dns').summary)).toBe("the proxy's 127.0.0.1 is an address; no lookup needed");
    expect(text(probe(report, 'proxy').summary)).toBe(`The HTTP proxy 127.0.0.1:${proxy.port} refused to tunnel to localhost:${upstream!.port}: HTTP/1.1 403 Forbidden`);
    expect(report.causes.map((cause) => cause.id)).toEqual(['proxy-tunnel-failed']);
    const [cause] = report.causes;
    expect(text(cause!.summary)).toContain('The proxy did not open the tunnel to the server');
    expect(text(cause!.fix.summary)).toContain(`acl SSL_ports port ${upstream!.port}`);
    expect(cause!.evidence.map((item) => text(item.text))).toEqual([expect.stringContaining('(HTTP_403)')]);
    expect(text(report.verdict)).toContain('403 Forbidden');
    expect(report.probes.slice(4).every((each) => each.status === 'skip')).toBe(true);
    // squid writes the access log line after its answer, so it may come a moment later.
    await eventuallyTrue(() => /TCP_DENIED\/403 .*CONNECT localhost:/.test(proxy.accessLog()), `squid logged the refusal\n${proxy.logs()}`, 5_000);
  });
});

describe.skipIf(!squid.isAvailable)('the Doctor with the proxy the environment chooses (http_proxy, no_proxy)', () => {
  const saved = { http_proxy: process.env['http_proxy'], no_proxy: process.env['no_proxy'] };
  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('http_proxy names squid: the steps are the proxy\'s, with the CONNECT step; no_proxy exempting the target: the direct three', async () => {
    const proxy = track(await startSquid());
    process.env['http_proxy'] = `http://127.0.0.1:${proxy.port}`;
    delete process.env['no_proxy'];
    const through = await diagnose({ kind: 'environment' }).running;
    expect(through.probes.slice(0, 4).map((each) => [each.id, each.status])).toEqual([['dns', 'skip'], ['tcp', 'pass'], ['proxy', 'pass'], ['tls', 'skip']]);
    expect(text(probe(through, 'proxy').summary)).toMatch(/answered CONNECT localhost:\d+: HTTP\/1\.1 200 /);

    process.env['no_proxy'] = 'localhost';
    const direct = diagnose({ kind: 'environment' });
    const report = await direct.running;
    expect(direct.reported.slice(0, 4).map((each) => each.id)).toEqual(['dns', 'tcp', 'tls', 'handshake']);
    expect(report.probes.some((each) => each.id === 'proxy')).toBe(false);
    expect(text(probe(report, 'tcp').summary)).toMatch(/^connected to /);
  });
});

describe.skipIf(!microsocks.isAvailable)('the Doctor through a real microsocks (SOCKS5)', () => {
  it('socks5h: the SOCKS5 request is its own step with reply 0x00, reported after TCP to the proxy and before the upgrade', async () => {
    const proxy = track(await startMicrosocks());
    const run = diagnose({ kind: 'socks5', host: 'localhost', port: proxy.port, remoteDns: true });
    const report = await run.running;
    expect(run.reported.map((each) => each.id)).toEqual(connected);
    expect(run.reported[1]!.events).toContain('tcp-connected');
    expect(run.reported[2]!.events).toContain('proxy-tunnel-established');
    expect(run.reported[2]!.events).not.toContain('handshake');
    expect(text(probe(report, 'proxy').title)).toBe('SOCKS5 request');
    expect(text(probe(report, 'proxy').summary)).toBe(`the SOCKS5 proxy localhost:${proxy.port} replied 0x00 (succeeded) to CONNECT localhost:${upstream!.port}`);
    expect(report.causes).toEqual([]);
  });

  it('wrong SOCKS5 credentials: TCP to the proxy passes, the SOCKS5 step fails (RFC 1929 refusal) with the credentials hint', async () => {
    const proxy = track(await startMicrosocks({ auth: { username: 'frameline', password: 'right' } }));
    const run = diagnose({ kind: 'socks5', host: '127.0.0.1', port: proxy.port, remoteDns: true, username: 'frameline', password: 'wrong' });
    const report = await run.running;
    expect(run.reported.slice(0, 4).map((each) => each.id)).toEqual(['dns', 'tcp', 'proxy', 'tls']);
    expect(report.probes.slice(0, 4).map((each) => [each.id, each.status])).toEqual([['dns', 'skip'], ['tcp', 'pass'], ['proxy', 'fail'], ['tls', 'skip']]);
    expect(report.causes.map((cause) => cause.id)).toEqual(['proxy-tunnel-failed']);
    expect(text(probe(report, 'proxy').summary)).toBe(`The SOCKS5 proxy 127.0.0.1:${proxy.port} rejected the user name and password`);
    expect(text(report.causes[0]!.fix.summary)).toBe('Check the SOCKS user name and password.');
    expect((probe(report, 'proxy').steps ?? []).map((part) => `${text(part.title)}|${part.status}`)).toEqual(['Method selection|pass', 'Username/password|fail']);
  });

  it('a SOCKS5 proxy that is not running: TCP to the proxy fails (connection-refused, naming the proxy), the SOCKS5 step is not reached', async () => {
    const proxy = await startMicrosocks();
    await proxy.stop();
    const report = await diagnose({ kind: 'socks5', host: '127.0.0.1', port: proxy.port, remoteDns: true }).running;
    expect(report.probes.slice(0, 4).map((each) => [each.id, each.status])).toEqual([['dns', 'skip'], ['tcp', 'fail'], ['proxy', 'skip'], ['tls', 'skip']]);
    expect(report.causes.map((cause) => cause.id)).toEqual(['connection-refused']);
    expect(text(report.causes[0]!.summary)).toBe(`Nothing is listening at proxy 127.0.0.1:${proxy.port}: the connection was refused.`);
    expect(text(probe(report, 'proxy').summary)).toBe('the proxy was not asked: no connection to it');
  });
});

describe.skipIf(!dante.isAvailable)('the Doctor through a real Dante (SOCKS5) whose rules block the target port', () => {
  it('the SOCKS5 step fails with reply 0x02 (not allowed by ruleset), attributed to the proxy', async () => {
    const proxy = track(await startDante({ blockedPort: upstream!.port }));
    const report = await diagnose({ kind: 'socks5', host: '127.0.0.1', port: proxy.port, remoteDns: false }).running;
    expect(report.probes.slice(0, 4).map((each) => [each.id, each.status])).toEqual([['dns', 'skip'], ['tcp', 'pass'], ['proxy', 'fail'], ['tls', 'skip']]);
    // socks5 without remote DNS: localhost was resolved here for the request, after TCP to the proxy.
    // The request part that failed is evidence too, so the cause says which part of the exchange it was.
    expect(probe(report, 'proxy').evidence.map((item) => text(item.text))).toEqual([
      expect.stringMatching(/^localhost resolved here for the SOCKS request → /),
      expect.stringMatching(/^CONNECT 127\.0\.0\.1:\d+ \(local DNS, socks5: localhost resolved here\): reply 0x02 \(connection not allowed by ruleset\)$/),
      expect.stringContaining('(SOCKS5_0x02)'),
    ]);
    expect(text(probe(report, 'proxy').summary)).toContain('connection not allowed by ruleset');
    expect(report.causes.map((cause) => cause.id)).toEqual(['proxy-tunnel-failed']);
    expect(text(report.causes[0]!.fix.summary)).toBe('The proxy rules forbid this destination; check the proxy configuration.');
  });
});

describe.skipIf(!squid.isAvailable)('`frameline diagnose --proxy` through a squid that holds its CONNECT answer', () => {
  it.each([
    ['en', 'en_US.UTF-8'],
    ['zh-CN', 'zh_CN.UTF-8'],
  ] as const)('%s: the DNS and TCP lines print while squid holds, the CONNECT line with its 200 when it answers, then TLS and the handshake', async (language, lang) => {
    const t = createTranslate(language);
    const proxy = track(await startSquid({ holdConnectSeconds: 3 }));
    const url = `ws://localhost:${upstream!.port}/`;
    const cli = startCli(['diagnose', url, '--proxy', `http://localhost:${proxy.port}`, '--no-idle', '--large-message', '16384'], { LANG: lang });
    const columns = (line: string): string[] => line.trim().split(/\s{2,}/).slice(0, 3);
    const titles = (): string[] => cli.stdout().split('\n').slice(1).filter(Boolean).map((line) => columns(line)[1] ?? '');

    await eventuallyTrue(() => titles().includes(t('doctor:probe.tcp.title')), 'the TCP line on stdout', 10_000);
    expect(cli.isFinished()).toBe(false);
    expect(titles()).toEqual([t('doctor:probe.dns.title'), t('doctor:probe.tcp.title')]);
    const tcpLine = cli.stdout().split('\n').find((line) => columns(line)[1] === t('doctor:probe.tcp.title'))!;
    expect(columns(tcpLine)[2]).toContain(t('failure:proxy.http-connect', { address: `localhost:${proxy.port}` }));

    expect(await cli.status).toBe(0);
    expect(titles().slice(0, 5)).toEqual([t('doctor:probe.dns.title'), t('doctor:probe.tcp.title'), t('doctor:probe.proxy.titleConnect'), t('doctor:probe.tls.title'), t('doctor:probe.handshake.title')]);
    const connectLine = cli.stdout().split('\n').find((line) => columns(line)[1] === t('doctor:probe.proxy.titleConnect'))!;
    expect(columns(connectLine)[0]).toBe(t('doctor:status.pass'));
    expect(connectLine).toMatch(/HTTP\/1\.1 200 /);
    expect(connectLine).toContain(t('doctor:summary.proxy.connectAnswered', { proxy: t('failure:proxy.http-connect', { address: `localhost:${proxy.port}` }), target: `localhost:${upstream!.port}`, statusLine: '' }).trim());
  });

  it('zh-CN: a squid refusing CONNECT by its SSL_ports rule prints the failed CONNECT line and the SSL_ports fix in Chinese', async () => {
    const t = createTranslate('zh-CN');
    const proxy = track(await startSquid({ isSslPortsOnly: true }));
    const run = startCli(['diagnose', `ws://localhost:${upstream!.port}/`, '--proxy', `http://127.0.0.1:${proxy.port}`, '--no-idle'], { LANG: 'zh_CN.UTF-8' });
    expect(await run.status).not.toBe(0);
    const lines = run.stdout().split('\n');
    const connectLine = lines.find((line) => line.includes(t('doctor:probe.proxy.titleConnect')))!;
    expect(connectLine).toContain(t('doctor:status.fail'));
    expect(connectLine).toContain('HTTP/1.1 403 Forbidden');
    expect(run.stdout()).toContain(t('failure:connect.hint.forbiddenSquidPort', { port: upstream!.port }));
    expect(run.stdout()).toContain('proxy-tunnel-failed');
  });
});

describe.skipIf(!squid.isAvailable)('the path test through a squid that holds its CONNECT answer', () => {
  it('reports DNS and TCP to the proxy while it holds, then the CONNECT step, then the upgrade to the listener behind it', async () => {
    const proxy = track(await startSquid({ holdConnectSeconds: 3 }));
    const listenPort = await freePort();
    const reported: Array<{ id: ProbeId; events: string[] }> = [];
    const progress: DoctorProgress[] = [];
    let client: Session | undefined;
    const events = (): string[] => {
      const capture = client?.capture;
      return capture ? Array.from({ length: capture.count }, (_, seq) => capture.getRecordJson(seq)).flatMap((record) => (record.kind === 'event' ? [record.name] : [])) : [];
    };
    const running = runPathTest(sessionOptionsSchema.parse({ url: `ws://localhost:${listenPort}/`, proxy: { kind: 'http-connect', host: '127.0.0.1', port: proxy.port } }), {
      listen: { host: '127.0.0.1', port: listenPort },
      idleLimitMs: null,
      onSession: (_probe, session) => (client = session),
      onProgress: (each) => progress.push(each),
      onProbe: (probe) => reported.push({ id: probe.id, events: events() }),
    });

    await eventuallyTrue(() => reported.length >= 2, 'DNS and TCP to the proxy reported', 10_000);
    expect(events()).not.toContain('proxy-tunnel-established');
    expect(reported.map((each) => each.id)).toEqual(['dns', 'tcp']);
    expect(progress.at(-1)).toMatchObject({ probe: 'proxy', message: { key: 'doctor:progress.proxyAnswer' } });

    const report = await running;
    expect(reported.map((each) => each.id)).toEqual(['dns', 'tcp', 'proxy', 'tls', 'path-upgrade', 'path-frames', 'idle', 'path-close']);
    expect(reported[2]!.events).toContain('proxy-tunnel-established');
    expect(reported[2]!.events).not.toContain('handshake-sent');
    expect(report.probes.slice(0, 5).map((each) => [each.id, each.status])).toEqual([['dns', 'skip'], ['tcp', 'pass'], ['proxy', 'pass'], ['tls', 'skip'], ['path-upgrade', 'pass']]);
    expect(report.path.receivedRequestLine).toBe('GET / HTTP/1.1');
  });
});

describe.skipIf(!python.isAvailable)('the Doctor through a SOCKS5 proxy that holds its reply (its own connection to the target hangs)', () => {
  async function heldSocksReply(start: () => Promise<RunningPeer>): Promise<void> {
    const target = track(await startUnacceptingPort());
    const proxy = track(await start());
    const run = diagnose({ kind: 'socks5', host: '127.0.0.1', port: proxy.port, remoteDns: true }, { url: `ws://127.0.0.1:${target.port}/`, connectTimeoutMs: 4_000 });

    await eventuallyTrue(() => run.reported.length >= 2, 'DNS and TCP to the proxy reported', 10_000);
    expect(run.reported.map((each) => each.id)).toEqual(['dns', 'tcp']);
    expect(run.handshakeEvents()).not.toContain('error');
    // Method selection is answered at once; the proxy holds its reply to the request, and the running line says so.
    await eventuallyTrue(() => run.progress.at(-1)?.message.key === 'doctor:progress.socksReply', 'the progress after method selection', 10_000);
    expect(run.progress.map((each) => each.message.key).slice(-2)).toEqual(['doctor:progress.proxyAnswer', 'doctor:progress.socksReply']);
    expect(english(run.progress.at(-1)!.message)).toBe(`the SOCKS5 proxy 127.0.0.1:${proxy.port} answered (offered 0x00 (no authentication required); the proxy chose 0x00 (no authentication required)); waiting for its reply to CONNECT 127.0.0.1:${target.port}`);
    expect(run.reported.map((each) => each.id)).toEqual(['dns', 'tcp']);

    const report = await run.running;
    expect(run.reported.slice(0, 4).map((each) => each.id)).toEqual(['dns', 'tcp', 'proxy', 'tls']);
    expect(run.reported[2]!.events).toContain('error');
    expect(report.probes.slice(0, 4).map((each) => [each.id, each.status])).toEqual([['dns', 'skip'], ['tcp', 'pass'], ['proxy', 'fail'], ['tls', 'skip']]);
    expect(text(probe(report, 'proxy').summary)).toBe(`The SOCKS5 proxy 127.0.0.1:${proxy.port} (to 127.0.0.1:${target.port}) did not open the tunnel within 4000 ms`);
    expect(report.causes.map((cause) => cause.id)).toEqual(['proxy-tunnel-failed']);
    expect(text(report.causes[0]!.fix.summary)).toMatch(/^The proxy accepted TCP but never answered/);
    // Method selection was answered; the request is the part the proxy held until the timeout.
    expect((probe(report, 'proxy').steps ?? []).map((part) => `${text(part.title)}|${part.status}`)).toEqual(['Method selection|pass', 'Request and reply|fail']);
    expect(text(probe(report, 'proxy').steps![1]!.summary)).toBe(`CONNECT 127.0.0.1:${target.port} (an address: nothing to resolve); no answer before the connect timeout`);
  }

  it.skipIf(!microsocks.isAvailable)('microsocks: TCP to the proxy is reported while the proxy holds; the SOCKS5 step fails when the connect timeout runs out, attributed to the proxy', () => heldSocksReply(() => startMicrosocks()));
  it.skipIf(!dante.isAvailable)('Dante: TCP to the proxy is reported while the proxy holds; the SOCKS5 step fails when the connect timeout runs out, attributed to the proxy', () => heldSocksReply(() => startDante()));
});
