import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rendererDirectory } from '../../electron/app-paths.js';
import { createTranslate } from '../../shared/i18n/create-i18n.js';
import { startMicrosocks } from '../harness/microsocks.js';
import { requirePeer } from '../harness/require-peer.js';
import type { RunningPeer } from '../harness/running-peer.js';
import { startWsServer, type WsServerPeer } from '../harness/ws-server.js';
import { artifacts, openInspector, type InspectorFixture } from './browser.js';
import { clippedControls } from './layout-checks.js';
import { probeRows } from './probe-rows.js';

const chromiumPeer = requirePeer('chromium');
const microsocksPeer = requirePeer('microsocks');
const isBuilt = existsSync(join(rendererDirectory(), 'index.html'));

describe.skipIf(!chromiumPeer.isAvailable || !microsocksPeer.isAvailable || !isBuilt)("the window's Doctor through a microsocks that requires a user name and password", () => {
  let echo: WsServerPeer | undefined;
  let inspector: InspectorFixture | undefined;
  let proxy: RunningPeer | undefined;
  beforeAll(async () => {
    echo = await startWsServer();
  });
  afterEach(async () => {
    await proxy?.stop();
    await inspector?.close();
    proxy = undefined;
    inspector = undefined;
  });
  afterAll(async () => {
    await echo?.stop();
  });

  it.each(['en', 'zh-CN'] as const)('%s: a wrong password shows the SOCKS5 row failed with its parts under it: method selection passed, username/password failed; the password is not on the page', async (language) => {
    const t = createTranslate(language);
    const password = 'e2e-wrong-4b7c';
    proxy = await startMicrosocks({ auth: { username: 'frameline', password: 'e2e-right-0a9d' } });
    inspector = await openInspector(`e2e-doctor-socks-steps-${language}`, { viewport: { width: 1024, height: 900 }, locale: language });
    const page = inspector.page;
    await page.getByRole('tablist', { name: t('common:view.label') }).getByRole('tab', { name: t('common:view.doctor'), exact: true }).click();
    const bar = page.locator('form.doctor-bar');
    await bar.getByRole('button', { name: t('connection:settings.toggle') }).click();
    const drawer = page.getByRole('complementary', { name: t('connection:settings.label') });
    const proxyGroup = drawer.getByRole('group', { name: t('connection:proxy.title') });
    await proxyGroup.getByRole('combobox', { name: t('connection:proxy.kind'), exact: true }).selectOption('socks5');
    await proxyGroup.getByRole('textbox', { name: t('connection:proxy.host'), exact: true }).fill('127.0.0.1');
    await proxyGroup.getByRole('spinbutton', { name: t('connection:proxy.port'), exact: true }).fill(String(proxy.port));
    await proxyGroup.getByRole('textbox', { name: t('connection:proxy.username'), exact: true }).fill('frameline');
    await proxyGroup.getByLabel(t('connection:proxy.password'), { exact: true }).fill(password);
    await drawer.getByRole('button', { name: t('connection:settings.close') }).click();
    await page.getByRole('textbox', { name: t('connection:url.label') }).fill(`ws://localhost:${echo!.port}/`);
    await page.getByRole('checkbox', { name: new RegExp(t('doctor:view.idleProbe')) }).setChecked(false);
    await page.getByRole('checkbox', { name: new RegExp(t('doctor:view.pathTest')) }).setChecked(false);
    await page.getByRole('button', { name: t('doctor:view.diagnose'), exact: true }).click();

    const probes = t('doctor:view.probes');
    await expect.poll(async () => (await probeRows(page, probes)).finished.slice(0, 4), { timeout: 15_000 }).toEqual([
      t('doctor:probe.dns.title'), t('doctor:probe.tcp.title'), t('doctor:probe.proxy.titleSocks5'), t('doctor:probe.tls.title'),
    ]);
    const socksRow = page.getByRole('list', { name: probes }).locator('li.probe', { hasText: t('doctor:probe.proxy.titleSocks5') });
    expect(await socksRow.getAttribute('class')).toContain('probe-fail');
    const parts = socksRow.getByRole('list', { name: t('doctor:probe.proxy.titleSocks5') }).locator('li.probe-part');
    expect(await parts.locator('.probe-part-title').allTextContents()).toEqual([t('doctor:probe.proxy.part.method'), t('doctor:probe.proxy.part.auth')]);
    expect(await parts.evaluateAll((items) => items.map((item) => item.className))).toEqual(['probe-part probe-part-pass', 'probe-part probe-part-fail']);
    expect(await parts.nth(1).textContent()).toMatch(/0x0[1-9a-f]/);
    const verdict = page.getByRole('status', { name: t('doctor:view.verdict') });
    const rejected = t('failure:socks.authRejected', { proxy: t('failure:proxy.socks5', { address: `127.0.0.1:${proxy.port}` }) });
    await expect.poll(async () => (await verdict.textContent()) ?? '', { timeout: 60_000 }).toContain(rejected);
    expect(await page.locator('.doctor').textContent()).not.toContain(password);
    expect(await clippedControls(page.locator('.doctor'))).toEqual([]);
    await page.screenshot({ path: join(artifacts, `48-doctor-socks-steps-${language}.png`) });
  });
});
