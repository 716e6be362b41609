import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { rendererDirectory } from '../../electron/app-paths.js';
import { createTranslate } from '../../shared/i18n/create-i18n.js';
import { freePort } from '../harness/free-port.js';
import { spendFirstRequest, startNginx } from '../harness/nginx.js';
import { requirePeer } from '../harness/require-peer.js';
import type { RunningPeer } from '../harness/running-peer.js';
import { artifacts, openInspector, type InspectorFixture } from './browser.js';
import { clippedControls } from './layout-checks.js';
import { probeRows } from './probe-rows.js';

const chromiumPeer = requirePeer('chromium');
const nginxPeer = requirePeer('nginx');
const isBuilt = existsSync(join(rendererDirectory(), 'index.html'));

const widths = [1024, 1920] as const;

/** What a reader sees each step called, in the order the path test reports them. */
const stepTitleKeys = ['doctor:probe.dns.title', 'doctor:probe.tcp.title', 'doctor:probe.tls.title', 'doctor:probe.path-upgrade.title', 'doctor:probe.path-frames.title', 'doctor:probe.idle.title', 'doctor:probe.path-close.title'] as const;

async function screenshots(page: Page, name: string): Promise<void> {
  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 });
    expect(await clippedControls(page.locator('.doctor')), `${name} at ${width} px`).toEqual([]);
    await page.screenshot({ path: join(artifacts, `${name}-${width}.png`) });
  }
}

describe.skipIf(!chromiumPeer.isAvailable || !nginxPeer.isAvailable || !isBuilt)('a path test run from the window streams its steps (real nginx)', () => {
  let inspector: InspectorFixture | undefined;
  let proxy: RunningPeer | undefined;
  afterEach(async () => {
    await proxy?.stop();
    await inspector?.close();
    proxy = undefined;
    inspector = undefined;
  });

  it.each(['en', 'zh-CN'] as const)('%s: the first rows appear while nginx holds the silent connection, the rest when the path cuts it', async (language) => {
    const t = createTranslate(language);
    const listenPort = await freePort();
    // nginx keeps the silent connection (proxy_read_timeout 60 s, idle limit 300 s): the run cannot end until the test stops it.
    proxy = await startNginx({ upstreamPort: listenPort, mode: 'correct' });
    inspector = await openInspector(`e2e-path-stream-${language}`, { locale: language === 'en' ? 'en-US' : 'zh-CN', viewport: { width: 1024, height: 900 } });
    const page = inspector.page;
    await page.getByRole('tablist', { name: t('common:view.label') }).getByRole('tab', { name: t('common:view.doctor'), exact: true }).click();
    await page.getByRole('textbox', { name: t('connection:url.label') }).fill(proxy.url!);
    await page.getByRole('checkbox', { name: new RegExp(t('doctor:view.idleProbe')) }).setChecked(true);
    await page.getByRole('textbox', { name: t('doctor:view.idleLimit') }).fill('300');
    await page.getByRole('checkbox', { name: new RegExp(t('doctor:view.pathTest')) }).setChecked(true);
    await page.getByRole('textbox', { name: t('doctor:view.listenPort') }).fill(String(listenPort));
    await page.getByRole('button', { name: t('doctor:view.diagnose'), exact: true }).click();

    const titles = stepTitleKeys.map((key) => t(key));
    const probes = t('doctor:view.probes');
    await expect.poll(() => probeRows(page, probes), { timeout: 30_000 }).toEqual({ finished: titles.slice(0, 5), running: [titles[5]] });
    const verdict = page.getByRole('status', { name: t('doctor:view.verdict') });
    expect(await verdict.textContent()).toContain(t('doctor:view.diagnosing', { url: proxy.url! }));
    // The idle wait's bar comes with its first tick, a second into the wait.
    await expect.poll(() => page.getByRole('progressbar', { name: t('doctor:view.idleWait') }).count(), { timeout: 15_000 }).toBe(1);
    if (language === 'en') expect(await page.getByRole('list', { name: 'Probes' }).textContent()).toMatch(/pass\s*Frames through the path\s*frames client-to-server same/i);
    await screenshots(page, `30-doctor-path-stream-${language}-running`);

    await proxy.stop();
    await expect.poll(() => probeRows(page, probes), { timeout: 30_000 }).toEqual({ finished: titles, running: [] });
    await expect.poll(async () => (await verdict.textContent()) ?? '', { timeout: 30_000 }).not.toContain(t('doctor:view.diagnosing', { url: proxy.url! }));
    expect(await page.getByRole('list', { name: t('doctor:view.causes') }).textContent()).toContain('idle-timeout');
    await screenshots(page, `31-doctor-path-stream-${language}-finished`);
  });

  it.each(['en', 'zh-CN'] as const)('%s: DNS, TCP and TLS appear while nginx holds the upgrade, the upgrade row when nginx answers it', async (language) => {
    const t = createTranslate(language);
    const listenPort = await freePort();
    // nginx's rate limiter holds every request after the first about 6 s (the handshake timeout is 10 s).
    const held = await startNginx({ upstreamPort: listenPort, mode: 'held', holdSeconds: 6 });
    proxy = held;
    const url = held.url.replace('127.0.0.1', 'localhost');
    inspector = await openInspector(`e2e-path-held-${language}`, { locale: language === 'en' ? 'en-US' : 'zh-CN', viewport: { width: 1024, height: 900 } });
    const page = inspector.page;
    await page.getByRole('tablist', { name: t('common:view.label') }).getByRole('tab', { name: t('common:view.doctor'), exact: true }).click();
    await page.getByRole('textbox', { name: t('connection:url.label') }).fill(url);
    await page.getByRole('checkbox', { name: new RegExp(t('doctor:view.idleProbe')) }).setChecked(false);
    await page.getByRole('checkbox', { name: new RegExp(t('doctor:view.pathTest')) }).setChecked(true);
    await page.getByRole('textbox', { name: t('doctor:view.listenPort') }).fill(String(listenPort));
    await spendFirstRequest(held);
    await page.getByRole('button', { name: t('doctor:view.diagnose'), exact: true }).click();

    const titles = stepTitleKeys.map((key) => t(key));
    const probes = t('doctor:view.probes');
    await expect.poll(() => probeRows(page, probes), { timeout: 5_000 }).toEqual({ finished: titles.slice(0, 3), running: [titles[3]] });
    const running = page.getByRole('list', { name: probes }).locator('li.probe-running');
    expect(await running.textContent()).toContain(t('doctor:progress.pathUpgrade'));
    expect(await page.getByRole('list', { name: probes }).textContent()).toContain(t('doctor:summary.dns.resolved', { host: 'localhost', addresses: '127.0.0.1' }));
    await screenshots(page, `32-doctor-path-held-${language}-waiting`);

    await expect.poll(() => probeRows(page, probes), { timeout: 30_000 }).toEqual({ finished: titles, running: [] });
    const verdict = page.getByRole('status', { name: t('doctor:view.verdict') });
    await expect.poll(async () => (await verdict.textContent()) ?? '', { timeout: 30_000 }).not.toContain(t('doctor:view.diagnosing', { url }));
    await screenshots(page, `33-doctor-path-held-${language}-finished`);
  });
});
