import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDirectory } from '../../electron/app-paths.js';
import { startMosquitto, type MosquittoPeer } from '../harness/mosquitto.js';
import { requirePeer } from '../harness/require-peer.js';
import { startSocketIoServer, type SocketIoServerPeer } from '../harness/socket-io-server.js';
import { artifacts, openInspector, type InspectorFixture } from './browser.js';
import { clippedControls } from './layout-checks.js';

const chromiumPeer = requirePeer('chromium');
const mosquittoPeer = requirePeer('mosquitto');
const isBuilt = existsSync(join(rendererDirectory(), 'index.html'));

// The Doctor's heartbeat (liveness) probe with the CLI's protocol options (--namespace, --keep-alive)
// in the window, against the npm socket.io 4 server with its `/chat` namespace and short ping settings.
const cases = [
  {
    locale: 'en-US',
    tag: 'en',
    labels: { view: 'View', doctor: 'Doctor', url: 'URL', idle: /Idle probe/, liveness: /Heartbeat probe/, limit: 'limit s', namespace: 'namespace', keepAlive: 'keep-alive s', diagnose: 'Diagnose', verdict: 'Verdict' },
    limitProblem: 'limit s: must be at most 600',
    namespaceProblem: 'namespace: a Socket.IO namespace starts with / and has no spaces, commas, ? or #',
    keepAliveProblem: /^keep-alive s: .*65535/,
    running: /Diagnosing/,
  },
  {
    locale: 'zh-CN',
    tag: 'zh-CN',
    labels: { view: '视图', doctor: '诊断', url: '地址', idle: /空闲探测/, liveness: /心跳探测/, limit: '时限秒数', namespace: '命名空间', keepAlive: '保活秒数', diagnose: '诊断', verdict: '结论' },
    limitProblem: '时限秒数：不能大于 600',
    namespaceProblem: '命名空间：Socket.IO 命名空间以 / 开头，且不能含空格、逗号、? 或 #',
    keepAliveProblem: /^保活秒数：.*65535/,
    running: /正在诊断/,
  },
] as const;

describe.skipIf(!chromiumPeer.isAvailable || !isBuilt).each(cases)('the Doctor’s heartbeat probe options in Chromium ($tag)', ({ locale, tag, labels, limitProblem, namespaceProblem, keepAliveProblem, running }) => {
  let inspector: InspectorFixture;
  let server: SocketIoServerPeer;
  let page: Page;

  beforeAll(async () => {
    // 300 + 200 ms: the silent probe client is dropped within about half a second of its last pong.
    server = await startSocketIoServer({ version: 4, pingIntervalMs: 300, pingTimeoutMs: 200 });
    inspector = await openInspector(`e2e-doctor-liveness-${tag}`, { locale, viewport: { width: 1024, height: 768 } });
    page = inspector.page;
  });
  afterAll(async () => {
    await inspector?.close();
    await server?.stop();
  });

  const notice = () => page.locator('.status-bar').getByRole('alert').locator('.notice-text');
  const bar = () => page.locator('form.doctor-bar');

  it('refuses a limit, a namespace and a keep-alive the contract refuses, with its sentence after the field’s label', async () => {
    await page.getByRole('tablist', { name: labels.view }).getByRole('tab', { name: labels.doctor, exact: true }).click();
    await bar().getByRole('textbox', { name: labels.url }).fill(server.url);
    await bar().getByRole('checkbox', { name: labels.idle }).setChecked(false);
    // The protocol fields appear with the heartbeat probe.
    expect(await bar().getByRole('textbox', { name: labels.namespace }).count()).toBe(0);
    await bar().getByRole('checkbox', { name: labels.liveness }).setChecked(true);
    await bar().getByRole('textbox', { name: labels.limit }).fill('601');
    await bar().getByRole('button', { name: labels.diagnose, exact: true }).click();
    await expect.poll(() => notice().textContent()).toBe(limitProblem);
    await bar().getByRole('textbox', { name: labels.limit }).fill('20');
    await bar().getByRole('textbox', { name: labels.namespace }).fill('chat');
    await bar().getByRole('button', { name: labels.diagnose, exact: true }).click();
    await expect.poll(() => notice().textContent()).toBe(namespaceProblem);
    await bar().getByRole('textbox', { name: labels.namespace }).fill('/chat');
    await bar().getByRole('textbox', { name: labels.keepAlive }).fill('70000');
    await bar().getByRole('button', { name: labels.diagnose, exact: true }).click();
    await expect.poll(async () => (await notice().textContent()) ?? '').toMatch(keepAliveProblem);
    expect(server.events()).toEqual([]);
  });

  it('both probe clients join the namespace given; the server drops the silent one there (ping timeout) and the probe passes', async () => {
    await bar().getByRole('textbox', { name: labels.keepAlive }).fill('2');
    await bar().getByRole('button', { name: labels.diagnose, exact: true }).click();
    const verdict = page.getByRole('status', { name: labels.verdict });
    await expect.poll(async () => (await verdict.textContent()) ?? '', { timeout: 30_000 }).not.toMatch(running);
    await bar().getByRole('button', { name: labels.diagnose, exact: true }).waitFor({ timeout: 30_000 });
    const connects = server.events().filter((event) => event.kind === 'connect');
    expect(connects.filter((event) => event.namespace === '/chat').length).toBeGreaterThanOrEqual(2);
    expect(connects.filter((event) => event.namespace === '/')).toEqual([]);
    expect(server.events().filter((event) => event.kind === 'disconnect' && event.namespace === '/chat').map((event) => event.detail)).toContain('ping timeout');
    // The heartbeat probe's summary names the protocol it measured, and it passed.
    expect(await page.locator('.probe.probe-pass', { hasText: /^.*Socket\.IO/ }).count()).toBe(1);
    // The 1 MiB probe hit the server's own limit (1009), no cause on the path: amber, not green.
    expect(await page.locator('.probe.probe-fail').count()).toBe(1);
    expect(await verdict.getAttribute('class')).toMatch(/\bverdict-warn\b/);
    for (const width of [1024, 1920]) {
      await page.setViewportSize({ width, height: width === 1024 ? 768 : 1080 });
      expect(await clippedControls(bar())).toEqual([]);
      await page.screenshot({ path: join(artifacts, `43-doctor-liveness-${tag}-${width}.png`) });
    }
    await page.setViewportSize({ width: 1024, height: 768 });
  });
});

describe.skipIf(!chromiumPeer.isAvailable || !mosquittoPeer.isAvailable || !isBuilt)('the Doctor’s heartbeat probe keep-alive against mosquitto in Chromium', () => {
  let inspector: InspectorFixture;
  let broker: MosquittoPeer;

  beforeAll(async () => {
    broker = await startMosquitto();
    inspector = await openInspector('e2e-doctor-liveness-mqtt', { viewport: { width: 1024, height: 768 } });
  });
  afterAll(async () => {
    await inspector?.close();
    await broker?.stop();
  });

  it('keep-alive 1 s reaches the broker in both CONNECTs, and it drops the client whose PINGREQs stop', async () => {
    const page = inspector.page;
    await page.getByRole('tablist', { name: 'View' }).getByRole('tab', { name: 'Doctor', exact: true }).click();
    const bar = page.locator('form.doctor-bar');
    await bar.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Subprotocols (comma-separated, in order)').fill('mqtt');
    await page.getByRole('button', { name: 'Close settings' }).click();
    await bar.getByRole('textbox', { name: 'URL' }).fill(broker.url);
    await bar.getByRole('checkbox', { name: /Idle probe/ }).setChecked(false);
    await bar.getByRole('checkbox', { name: /Heartbeat probe/ }).setChecked(true);
    await bar.getByRole('textbox', { name: 'keep-alive s' }).fill('1');
    await bar.getByRole('button', { name: 'Diagnose', exact: true }).click();
    const probe = page.locator('.probe', { hasText: /^.*MQTT: / });
    await expect.poll(async () => ((await probe.count()) > 0 ? await probe.first().textContent() : ''), { timeout: 60_000 }).toMatch(/MQTT: the server dropped a client whose heartbeats stopped [\d.]+ s after its last message/);
    expect(await probe.first().getAttribute('class')).toContain('probe-pass');
    // The broker's own log: both probe clients asked for Keep Alive 1 s, and only the answering one sent PINGREQs.
    expect(broker.logs()).toMatch(/as frameline-liveness-silent-\d+ .*k1\b/);
    expect(broker.logs()).toMatch(/as frameline-liveness-answering-\d+ .*k1\b/);
    expect(broker.logs()).not.toMatch(/Received PINGREQ from frameline-liveness-silent-/);
    await page.screenshot({ path: join(artifacts, '44-doctor-liveness-mqtt-1024.png') });
  });

  it('the window’s heartbeat limit is the probe’s: with Keep Alive 0 the broker keeps the silent client, and the probe ends at 3 s, not at the idle limit', async () => {
    const page = inspector.page;
    const bar = page.locator('form.doctor-bar');
    // The idle limit stays 120 s (the idle probe off): the heartbeat probe used to wait that long.
    await bar.getByRole('checkbox', { name: /Idle probe/ }).setChecked(true);
    await bar.getByRole('textbox', { name: 'Idle limit in seconds' }).fill('120');
    await bar.getByRole('checkbox', { name: /Idle probe/ }).setChecked(false);
    const limit = bar.getByRole('textbox', { name: 'limit s' });
    expect(await limit.getAttribute('placeholder')).toBe('120');
    await limit.fill('3');
    await bar.getByRole('textbox', { name: 'keep-alive s' }).fill('0');
    await bar.getByRole('button', { name: 'Diagnose', exact: true }).click();
    const probe = page.locator('.probe', { hasText: /^.*MQTT: a client whose heartbeats/ });
    await expect.poll(async () => ((await probe.count()) > 0 ? await probe.first().textContent() : ''), { timeout: 60_000 }).toMatch(
      /MQTT: a client whose heartbeats and answers stopped was still connected after 3 s: a dead client would leak its session/,
    );
    expect(await probe.first().getAttribute('class')).toContain('probe-fail');
    await bar.getByRole('button', { name: 'Diagnose', exact: true }).waitFor({ timeout: 30_000 });
    // The broker's own log: the silent client asked for Keep Alive 0, so only the probe's limit ended its wait.
    expect(broker.logs()).toMatch(/as frameline-liveness-silent-\d+ .*k0\b/);
    await page.screenshot({ path: join(artifacts, '45-doctor-liveness-limit-1024.png') });
  });
});
