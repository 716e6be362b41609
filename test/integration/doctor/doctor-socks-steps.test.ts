import { describe, expect, it } from 'vitest';
import { runDoctor } from '../../../electron/engine/doctor/path-doctor.js';
import { runPathTest } from '../../../electron/engine/doctor/path-test.js';
import type { DoctorReport, ProbeResult } from '../../../shared/contract/doctor-report.js';
import { sessionOptionsSchema, type SessionOptionsInput } from '../../../shared/contract/session-options.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { startDante } from '../../harness/dante.js';
import { english } from '../../harness/english.js';
import { freePort } from '../../harness/free-port.js';
import { startMicrosocks } from '../../harness/microsocks.js';
import { requirePeer } from '../../harness/require-peer.js';
import { useUpstreamWithProxies } from '../../harness/upstream-with-proxies.js';
import { runCli } from '../cli/run-cli.js';

const microsocks = requirePeer('microsocks');
const dante = requirePeer('danted');

const password = 'socks-pass-7f3a';

const path = useUpstreamWithProxies();

/** The Doctor through `proxy` (no idle probe, a small large message), to the file's echo server unless `extra` says otherwise. */
function diagnose(proxy: SessionOptionsInput['proxy'], extra: Partial<SessionOptionsInput> = {}): Promise<DoctorReport> {
  return runDoctor(sessionOptionsSchema.parse({ url: `ws://localhost:${path.upstream.port}/`, connectTimeoutMs: 8_000, proxy, ...extra }), { isIdleProbeEnabled: false, largeMessageBytes: 16 * 1024 });
}

const proxyStep = (report: DoctorReport): ProbeResult => report.probes.find((probe) => probe.id === 'proxy')!;
/** Each part of the proxy step as `title|status|summary`. */
const parts = (report: DoctorReport): string[] => (proxyStep(report).steps ?? []).map((part) => `${english(part.title)}|${part.status}|${english(part.summary)}`);
const statuses = (report: DoctorReport): string[] => report.probes.slice(0, 4).map((probe) => `${probe.id}:${probe.status}`);

describe.skipIf(!microsocks.isAvailable)('the Doctor through microsocks: each part of the SOCKS5 exchange is a row of the proxy step', () => {
  it('without authentication (socks5h): method selection chose 0x00, then the request with reply 0x00 and the bound address, each timed', async () => {
    const proxy = path.track(await startMicrosocks());
    const report = await diagnose({ kind: 'socks5', host: '127.0.0.1', port: proxy.port, remoteDns: true });
    expect(statuses(report)).toEqual(['dns:skip', 'tcp:pass', 'proxy:pass', 'tls:skip']);
    expect(parts(report)).toEqual([
      'Method selection|pass|offered 0x00 (no authentication required); the proxy chose 0x00 (no authentication required)',
      expect.stringMatching(new RegExp(`^Request and reply\\|pass\\|CONNECT localhost:${path.upstream.port} \\(remote DNS, socks5h: the proxy resolves the name\\): reply 0x00 \\(succeeded\\), bound address [0-9.]+:\\d+$`)),
    ]);
    for (const part of proxyStep(report).steps!) expect(part.durationMs).toBeGreaterThanOrEqual(0);
    expect(report.causes).toEqual([]);
  });

  it('requiring username/password while the profile has none: the method part fails with 0xFF and the hint says to set the proxy credentials', async () => {
    const proxy = path.track(await startMicrosocks({ auth: { username: 'frameline', password } }));
    const report = await diagnose({ kind: 'socks5', host: '127.0.0.1', port: proxy.port, remoteDns: true });
    expect(statuses(report)).toEqual(['dns:skip', 'tcp:pass', 'proxy:fail', 'tls:skip']);
    expect(parts(report)).toEqual(['Method selection|fail|offered 0x00 (no authentication required); the proxy accepts none of them: 0xff (no acceptable methods)']);
    expect(report.causes.map((cause) => cause.id)).toEqual(['proxy-tunnel-failed']);
    expect(english(report.causes[0]!.fix.summary)).toBe("The proxy requires a user name and password (RFC 1929 username/password), and none is set: set the proxy's user name and password in the connection's proxy settings.");
  });

  it('with the right credentials: the proxy chose 0x02, RFC 1929 accepted them, then the request', async () => {
    const proxy = path.track(await startMicrosocks({ auth: { username: 'frameline', password } }));
    const report = await diagnose({ kind: 'socks5', host: '127.0.0.1', port: proxy.port, remoteDns: true, username: 'frameline', password });
    expect(statuses(report)).toEqual(['dns:skip', 'tcp:pass', 'proxy:pass', 'tls:skip']);
    expect(parts(report).map((part) => part.split('|').slice(0, 2).join('|'))).toEqual(['Method selection|pass', 'Username/password|pass', 'Request and reply|pass']);
    expect(parts(report)[0]).toContain('offered 0x00 (no authentication required) and 0x02 (username/password); the proxy chose 0x02 (username/password)');
    expect(parts(report)[1]).toBe('Username/password|pass|sent the user name and password; accepted (status 0x00)');
    expect(JSON.stringify(report)).not.toContain(password);
  });

  it('a wrong password fails at the RFC 1929 part with the credentials hint; the password is printed nowhere', async () => {
    const proxy = path.track(await startMicrosocks({ auth: { username: 'frameline', password } }));
    const wrong = 'not-the-pass-91c2';
    const report = await diagnose({ kind: 'socks5', host: '127.0.0.1', port: proxy.port, remoteDns: true, username: 'frameline', password: wrong });
    expect(statuses(report)).toEqual(['dns:skip', 'tcp:pass', 'proxy:fail', 'tls:skip']);
    expect(parts(report).map((part) => part.split('|').slice(0, 2).join('|'))).toEqual(['Method selection|pass', 'Username/password|fail']);
    expect(parts(report)[1]).toMatch(/^Username\/password\|fail\|sent the user name and password; rejected \(status 0x[0-9a-f]{2}\)$/);
    expect(parts(report)[1]).not.toContain('status 0x00');
    expect(english(report.causes[0]!.fix.summary)).toBe('Check the SOCKS user name and password.');
    expect(report.causes[0]!.evidence.map((item) => english(item.text))).toEqual([expect.stringMatching(/^sent the user name and password; rejected/), expect.stringContaining('(SOCKS5_AUTH)')]);
    expect(JSON.stringify(report)).not.toContain(wrong);
  });

  it('a target port nobody listens on: the request part fails with reply 0x05 (connection refused)', async () => {
    const proxy = path.track(await startMicrosocks());
    const closed = await freePort();
    const report = await diagnose({ kind: 'socks5', host: '127.0.0.1', port: proxy.port, remoteDns: true }, { url: `ws://127.0.0.1:${closed}/` });
    expect(parts(report)).toEqual([
      expect.stringMatching(/^Method selection\|pass\|/),
      `Request and reply|fail|CONNECT 127.0.0.1:${closed} (an address: nothing to resolve): reply 0x05 (connection refused by the target)`,
    ]);
    expect(english(proxyStep(report).summary)).toBe(`The SOCKS5 proxy 127.0.0.1:${proxy.port} could not connect to 127.0.0.1:${closed}: connection refused by the target (reply 0x05)`);
  });

  it('a port that is not a SOCKS proxy (the WebSocket server itself): the method part says the answer is not SOCKS and shows its first bytes', async () => {
    const report = await diagnose({ kind: 'socks5', host: '127.0.0.1', port: path.upstream.port, remoteDns: true }, { connectTimeoutMs: 4_000 });
    expect(statuses(report)).toEqual(['dns:skip', 'tcp:pass', 'proxy:fail', 'tls:skip']);
    const [method] = parts(report);
    // Node's HTTP server answers the three bytes with 400 Bad Request, or hangs up; either way the method part failed.
    expect(method).toMatch(/^Method selection\|fail\|offered 0x00 \(no authentication required\); (the answer is not SOCKS: answered 48 54 54 50 .*not SOCKS version 5|the proxy hung up without answering)$/);
  });

  it('the path test through microsocks shows the same parts under its proxy step', async () => {
    const proxy = path.track(await startMicrosocks());
    const listenPort = await freePort();
    const report = await runPathTest(sessionOptionsSchema.parse({ url: `ws://localhost:${listenPort}/`, proxy: { kind: 'socks5', host: '127.0.0.1', port: proxy.port, remoteDns: false } }), { listen: { host: '127.0.0.1', port: listenPort }, idleLimitMs: null });
    const step = report.probes.find((probe) => probe.id === 'proxy')!;
    expect(step.status).toBe('pass');
    expect(step.steps!.map((part) => `${english(part.title)}|${part.status}`)).toEqual(['Target lookup (here)|pass', 'Method selection|pass', 'Request and reply|pass']);
    expect(english(step.steps![2]!.summary)).toContain(`CONNECT 127.0.0.1:${listenPort} (local DNS, socks5: localhost resolved here): reply 0x00 (succeeded)`);
  });
});

describe.skipIf(!dante.isAvailable)('the Doctor through Dante: the RFC 1928 §6 reply and SOCKS4 replies as the request part', () => {
  it('a `socks block` rule for the target port: reply 0x02 (not allowed by ruleset), after the lookup here (socks5 without remote DNS)', async () => {
    const proxy = path.track(await startDante({ blockedPort: path.upstream.port }));
    const report = await diagnose({ kind: 'socks5', host: '127.0.0.1', port: proxy.port, remoteDns: false });
    expect(statuses(report)).toEqual(['dns:skip', 'tcp:pass', 'proxy:fail', 'tls:skip']);
    expect(parts(report)).toEqual([
      expect.stringMatching(/^Target lookup \(here\)\|pass\|localhost → .*127\.0\.0\.1.*, resolved here and sent to the proxy as an address$/),
      'Method selection|pass|offered 0x00 (no authentication required); the proxy chose 0x00 (no authentication required)',
      `Request and reply|fail|CONNECT 127.0.0.1:${path.upstream.port} (local DNS, socks5: localhost resolved here): reply 0x02 (connection not allowed by ruleset)`,
    ]);
    expect(english(report.causes[0]!.fix.summary)).toBe('The proxy rules forbid this destination; check the proxy configuration.');
  });

  it('a refused target port: reply 0x05 (connection refused)', async () => {
    const proxy = path.track(await startDante());
    const closed = await freePort();
    const report = await diagnose({ kind: 'socks5', host: '127.0.0.1', port: proxy.port, remoteDns: true }, { url: `ws://127.0.0.1:${closed}/` });
    expect(parts(report).at(-1)).toBe(`Request and reply|fail|CONNECT 127.0.0.1:${closed} (an address: nothing to resolve): reply 0x05 (connection refused by the target)`);
    expect(english(report.causes[0]!.fix.summary)).toContain('Nothing listens on the target port as seen from the proxy');
  });

  it('SOCKS4: the lookup here, then the request granted (90) with its bound address', async () => {
    const proxy = path.track(await startDante());
    const report = await diagnose({ kind: 'socks4', host: '127.0.0.1', port: proxy.port });
    expect(statuses(report)).toEqual(['dns:skip', 'tcp:pass', 'proxy:pass', 'tls:skip']);
    expect(parts(report)).toEqual([
      expect.stringMatching(/^Target lookup \(here\)\|pass\|localhost → 127\.0\.0\.1/),
      expect.stringMatching(new RegExp(`^Request and reply\\|pass\\|CONNECT 127\\.0\\.0\\.1:${path.upstream.port} \\(SOCKS4: localhost resolved here\\): reply 90 \\(request granted\\), bound address [0-9.]+:\\d+$`)),
    ]);
  });

  it('SOCKS4a with a name Dante cannot take: reply 91 and the hint to resolve the name here', async () => {
    const proxy = path.track(await startDante());
    const report = await diagnose({ kind: 'socks4a', host: '127.0.0.1', port: proxy.port });
    expect(parts(report)).toEqual([`Request and reply|fail|CONNECT localhost:${path.upstream.port} (SOCKS4a: the proxy resolves the name): reply 91 (request rejected or failed)`]);
    expect(english(report.causes[0]!.fix.summary)).toContain('use socks4://');
  });
});

describe.skipIf(!microsocks.isAvailable || !dante.isAvailable)('`frameline diagnose --proxy socks5…` prints the parts under the proxy line', () => {
  it.each(['en', 'zh-CN'] as const)('%s: a wrong password fails the username/password line, never printing the password', async (language) => {
    const t = createTranslate(language);
    const proxy = path.track(await startMicrosocks({ auth: { username: 'frameline', password } }));
    const wrong = 'cli-wrong-5e1d';
    const run = await runCli(['diagnose', `ws://localhost:${path.upstream.port}/`, '--proxy', `socks5h://frameline:${wrong}@127.0.0.1:${proxy.port}`, '--no-idle', '--lang', language]);
    expect(run.status).toBe(1);
    const lines = run.stdout.split('\n');
    const at = lines.findIndex((line) => line.includes(t('doctor:probe.proxy.titleSocks5')));
    expect(lines[at]).toContain(t('doctor:status.fail'));
    // The parts are indented under the proxy line, each with its status, title and time.
    expect(lines[at + 1]).toMatch(new RegExp(`^ {8}${t('doctor:status.pass')}\\s+${t('doctor:probe.proxy.part.method')}\\s+.+\\(\\d+ ms\\)$`));
    expect(lines[at + 2]).toMatch(new RegExp(`^ {8}${t('doctor:status.fail')}\\s+${t('doctor:probe.proxy.part.auth')}\\s+.+\\(\\d+ ms\\)$`));
    expect(lines[at + 3]).toContain(t('doctor:probe.tls.title'));
    expect(run.stdout).toContain(t('failure:socks.hint.authRejected'));
    expect(`${run.stdout}${run.stderr}`).not.toContain(wrong);
  });

  it('--json carries the parts of the proxy step in English, with their times', async () => {
    const proxy = path.track(await startMicrosocks({ auth: { username: 'frameline', password } }));
    const run = await runCli(['diagnose', `ws://localhost:${path.upstream.port}/`, '--proxy', `socks5h://127.0.0.1:${proxy.port}`, '--no-idle', '--json', '--lang', 'zh-CN']);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as { probes: Array<{ id: string; steps?: Array<{ title: string; status: string; summary: string; durationMs: number }> }> };
    const steps = report.probes.find((probe) => probe.id === 'proxy')!.steps!;
    expect(steps).toEqual([{ title: 'Method selection', status: 'fail', summary: 'offered 0x00 (no authentication required); the proxy accepts none of them: 0xff (no acceptable methods)', durationMs: expect.any(Number) }]);
    expect(report.probes.find((probe) => probe.id === 'tcp')!.steps).toBeUndefined();
  });

  it('zh-CN: Dante\'s ruleset refusal prints the request line with reply 0x02 in Chinese', async () => {
    const t = createTranslate('zh-CN');
    const proxy = path.track(await startDante({ blockedPort: path.upstream.port }));
    const run = await runCli(['diagnose', `ws://127.0.0.1:${path.upstream.port}/`, '--proxy', `socks5h://127.0.0.1:${proxy.port}`, '--no-idle', '--lang', 'zh-CN']);
    expect(run.status).toBe(1);
    const request = run.stdout.split('\n').find((line) => line.includes(t('doctor:probe.proxy.part.request')))!;
    expect(request).toContain(`CONNECT 127.0.0.1:${path.upstream.port}（地址，无需解析）：应答码 0x02（规则集不允许此连接）`);
    expect(request).toContain(t('doctor:status.fail'));
  });
});
