import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rendererDirectory } from '../../electron/app-paths.js';
import { createTranslate } from '../../shared/i18n/create-i18n.js';
import { requirePeer } from '../harness/require-peer.js';
import { startSquid, type SquidPeer } from '../harness/squid.js';
import { startWsServer, type WsServerPeer } from '../harness/ws-server.js';
import { artifacts, openInspector, type InspectorFixture } from './browser.js';
import { clippedControls } from './layout-checks.js';
import { probeRows } from './probe-rows.js';

const chromiumPeer = requirePeer('chromium');
const squidPeer = requirePeer('squid');
const isBuilt = existsSync(join(rendererDirectory(), 'index.html'));

describe.skipIf(!chromiumPeer.isAvailable || !squidPeer.isAvailable || !isBuilt)("the window's Doctor run through a squid that holds its CONNECT answer", () => {
  let echo: WsServerPeer | undefined;
  let inspector: InspectorFixture | undefined;
  let squid: SquidPeer | undefined;
  beforeAll(async () => {
    echo = await startWsServer();
  });
  afterEach(async () => {
    await squid?.stop();
    await inspector?.close();
    squid = undefined;
    inspector = undefined;
  });
  afterAll(async () => {
    await echo?.stop();
  });

  it('shows the DNS and TCP rows (the proxy\'s) while squid holds, a running row waiting for its CONNECT answer, then the CONNECT row with its 200 before TLS and the handshake', async () => {
    const t = createTranslate('en');
    squid = await startSquid({ holdConnectSeconds: 4 });
    const url = `ws://localhost:${echo!.port}/`;
    inspector = await openInspector('e2e-doctor-proxy-held', { viewport: { width: 1024, height: 900 } });
    const page = inspector.page;
    await page.getByRole('tablist', { name: t('common:view.label') }).getByRole('tab', { name: t('common:view.doctor'), exact: true }).click();
    const bar = page.locator('form.doctor-bar');
    await bar.getByRole('button', { name: 'Settings' }).click();
    const drawer = page.getByRole('complementary', { name: 'Connection settings' });
    const proxyGroup = drawer.getByRole('group', { name: t('connection:proxy.title') });
    await proxyGroup.getByRole('combobox', { name: t('connection:proxy.kind'), exact: true }).selectOption('http-connect');
    await proxyGroup.getByRole('textbox', { name: t('connection:proxy.host'), exact: true }).fill('localhost');
    await proxyGroup.getByRole('spinbutton', { name: t('connection:proxy.port'), exact: true }).fill(String(squid.port));
    await drawer.getByRole('button', { name: 'Close settings' }).click();
    await page.getByRole('textbox', { name: t('connection:url.label') }).fill(url);
    await page.getByRole('checkbox', { name: new RegExp(t('doctor:view.idleProbe')) }).setChecked(false);
    await page.getByRole('checkbox', { name: new RegExp(t('doctor:view.pathTest')) }).setChecked(false);
    await page.getByRole('button', { name: t('doctor:view.diagnose'), exact: true }).click();

    const probes = t('doctor:view.probes');
    const list = page.getByRole('list', { name: probes });
    await expect.poll(() => probeRows(page, probes), { timeout: 5_000 }).toEqual({ finished: [t('doctor:probe.dns.title'), t('doctor:probe.tcp.title')], running: [t('doctor:probe.proxy.title')] });
    const proxyName = t('failure:proxy.http-connect', { address: `localhost:${squid.port}` });
    expect(await list.locator('li.probe-running').textContent()).toContain(t('doctor:progress.proxyAnswer', { proxy: proxyName, target: `localhost:${echo!.port}` }));
    expect(await list.textContent()).toContain(`connected to the ${proxyName} (`);
    expect(await clippedControls(page.locator('.doctor')), 'while squid holds CONNECT').toEqual([]);
    await page.screenshot({ path: join(artifacts, '46-doctor-proxy-held-waiting.png') });

    await expect.poll(async () => (await probeRows(page, probes)).finished.slice(0, 5), { timeout: 15_000 }).toEqual([
      t('doctor:probe.dns.title'), t('doctor:probe.tcp.title'), t('doctor:probe.proxy.titleConnect'), t('doctor:probe.tls.title'), t('doctor:probe.handshake.title'),
    ]);
    const connectRow = list.locator('li.probe', { hasText: t('doctor:probe.proxy.titleConnect') });
    expect(await connectRow.getAttribute('class')).toContain('probe-pass');
    expect(await connectRow.textContent()).toMatch(/answered CONNECT localhost:\d+: HTTP\/1\.1 200 /);
    const verdict = page.getByRole('status', { name: t('doctor:view.verdict') });
    await expect.poll(async () => (await verdict.textContent()) ?? '', { timeout: 60_000 }).not.toContain(t('doctor:view.diagnosing', { url }));
    expect((await probeRows(page, probes)).finished).toHaveLength(10);
    expect(await clippedControls(page.locator('.doctor')), 'finished').toEqual([]);
    await page.screenshot({ path: join(artifacts, '47-doctor-proxy-held-finished.png') });
  });
});
