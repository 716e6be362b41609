import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rendererDirectory } from '../../electron/app-paths.js';
import { createTranslate } from '../../shared/i18n/create-i18n.js';
import { spendFirstRequest, startNginx, type NginxPeer } from '../harness/nginx.js';
import { requirePeer } from '../harness/require-peer.js';
import { startWsServer, type WsServerPeer } from '../harness/ws-server.js';
import { artifacts, openInspector, type InspectorFixture } from './browser.js';
import { clippedControls } from './layout-checks.js';
import { probeRows } from './probe-rows.js';

const chromiumPeer = requirePeer('chromium');
const nginxPeer = requirePeer('nginx');
const isBuilt = existsSync(join(rendererDirectory(), 'index.html'));

describe.skipIf(!chromiumPeer.isAvailable || !nginxPeer.isAvailable || !isBuilt)("the window's Doctor run shows DNS, TCP and TLS while a real nginx holds the upgrade", () => {
  let echo: WsServerPeer | undefined;
  let inspector: InspectorFixture | undefined;
  let proxy: NginxPeer | undefined;
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

  it.each(['en', 'zh-CN'] as const)('%s: the DNS, TCP and TLS rows appear before nginx answers the upgrade, the handshake row when it does', async (language) => {
    const t = createTranslate(language);
    // nginx's rate limiter holds every request after the first about 6 s (the handshake timeout is 10 s).
    proxy = await startNginx({ upstreamPort: echo!.port, mode: 'held', holdSeconds: 6 });
    const url = proxy.url.replace('127.0.0.1', 'localhost');
    inspector = await openInspector(`e2e-doctor-held-${language}`, { locale: language === 'en' ? 'en-US' : 'zh-CN', viewport: { width: 1024, height: 900 } });
    const page = inspector.page;
    await page.getByRole('tablist', { name: t('common:view.label') }).getByRole('tab', { name: t('common:view.doctor'), exact: true }).click();
    await page.getByRole('textbox', { name: t('connection:url.label') }).fill(url);
    await page.getByRole('checkbox', { name: new RegExp(t('doctor:view.idleProbe')) }).setChecked(false);
    await page.getByRole('checkbox', { name: new RegExp(t('doctor:view.pathTest')) }).setChecked(false);
    await spendFirstRequest(proxy);
    await page.getByRole('button', { name: t('doctor:view.diagnose'), exact: true }).click();

    const title = (id: 'dns' | 'tcp' | 'tls' | 'handshake' | 'ping'): string => t(`doctor:probe.${id}.title`);
    const probes = t('doctor:view.probes');
    await expect.poll(() => probeRows(page, probes), { timeout: 5_000 }).toEqual({ finished: [title('dns'), title('tcp'), title('tls')], running: [title('handshake')] });
    const list = page.getByRole('list', { name: probes });
    expect(await list.locator('li.probe-running').textContent()).toContain(t('doctor:progress.handshakeAnswer'));
    // With no idle bar shown, the waiting sentence reaches the row's end rather than leaving the bar's room empty.
    const summaryBox = await list.locator('li.probe-running .probe-summary').boundingBox();
    const rowBox = await list.locator('li.probe-running').boundingBox();
    expect((rowBox?.x ?? 0) + (rowBox?.width ?? 0) - ((summaryBox?.x ?? 0) + (summaryBox?.width ?? 0)), 'room left after the waiting sentence').toBeLessThan(20);
    expect(await list.textContent()).toContain(t('doctor:summary.dns.resolved', { host: 'localhost', addresses: '127.0.0.1' }));
    const verdict = page.getByRole('status', { name: t('doctor:view.verdict') });
    expect(await verdict.textContent()).toContain(t('doctor:view.diagnosing', { url }));
    expect(await clippedControls(page.locator('.doctor')), 'while nginx holds the upgrade').toEqual([]);
    await page.screenshot({ path: join(artifacts, `36-doctor-held-${language}-waiting.png`) });

    // The handshake, then the other probes, each held by nginx in turn.
    await expect.poll(async () => (await probeRows(page, probes)).finished.slice(0, 5), { timeout: 15_000 }).toEqual([title('dns'), title('tcp'), title('tls'), title('handshake'), title('ping')]);
    await expect.poll(async () => (await verdict.textContent()) ?? '', { timeout: 45_000 }).not.toContain(t('doctor:view.diagnosing', { url }));
    const finished = await probeRows(page, probes);
    expect(finished.running).toEqual([]);
    expect(finished.finished).toHaveLength(9);
    expect(finished.finished.filter((each) => each === title('handshake'))).toHaveLength(1);
    expect(await clippedControls(page.locator('.doctor')), 'finished').toEqual([]);
    await page.screenshot({ path: join(artifacts, `37-doctor-held-${language}-finished.png`) });
  });
});
