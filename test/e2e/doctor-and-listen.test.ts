import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rendererDirectory } from '../../electron/app-paths.js';
import { freePort } from '../harness/free-port.js';
import { startNginx, type NginxMode } from '../harness/nginx.js';
import { requirePeer } from '../harness/require-peer.js';
import type { RunningPeer } from '../harness/running-peer.js';
import { connectWs, expectHandshakeFailure } from '../harness/ws-client.js';
import { startWsServer, type WsServerPeer } from '../harness/ws-server.js';
import { artifacts, openInspector, type InspectorFixture } from './browser.js';

const chromiumPeer = requirePeer('chromium');
const nginxPeer = requirePeer('nginx');
const isBuilt = existsSync(join(rendererDirectory(), 'index.html'));

/** Switches the window to one of its views. */
async function showView(page: Page, name: 'Inspect' | 'Doctor' | 'Listen'): Promise<void> {
  await page.getByRole('tablist', { name: 'View' }).getByRole('tab', { name, exact: true }).click();
}

/** Fills the Doctor's form and presses Diagnose; `idleLimitSeconds` null turns the idle probe off. */
async function diagnose(page: Page, url: string, idleLimitSeconds: number | null, listenPort: number | null = null): Promise<void> {
  await showView(page, 'Doctor');
  await page.getByRole('textbox', { name: 'URL' }).fill(url);
  const idle = page.getByRole('checkbox', { name: /Idle probe/ });
  await idle.setChecked(idleLimitSeconds !== null);
  if (idleLimitSeconds !== null) await page.getByRole('textbox', { name: 'Idle limit in seconds' }).fill(String(idleLimitSeconds));
  await page.getByRole('checkbox', { name: /Path test/ }).setChecked(listenPort !== null);
  if (listenPort !== null) await page.getByRole('textbox', { name: 'Listen port' }).fill(String(listenPort));
  await page.getByRole('button', { name: 'Diagnose' }).click();
}

/**
 * The verdict box's text once the run has finished. The Diagnose button alone is not enough: right
 * after the click it can still be on screen before the run's first state arrives.
 */
async function finishedVerdict(page: Page, timeoutMs = 30_000): Promise<string> {
  const verdict = page.getByRole('status', { name: 'Verdict' });
  await expect.poll(async () => (await verdict.textContent()) ?? '', { timeout: timeoutMs }).not.toMatch(/Diagnosing /);
  await page.getByRole('button', { name: 'Diagnose' }).waitFor({ timeout: timeoutMs });
  return (await verdict.textContent()) ?? '';
}

describe.skipIf(!chromiumPeer.isAvailable || !isBuilt)('the Doctor and Listen views in Chromium', () => {
  let inspector: InspectorFixture;
  let echo: WsServerPeer;
  let page: Page;
  const proxies: RunningPeer[] = [];
  const startProxy = async (mode: NginxMode, upstreamPort: number): Promise<RunningPeer & { port: number }> => {
    const proxy = await startNginx({ upstreamPort, mode, readTimeoutSeconds: 2 });
    proxies.push(proxy);
    return proxy;
  };

  beforeAll(async () => {
    echo = await startWsServer();
    inspector = await openInspector('e2e-doctor');
    page = inspector.page;
  });
  afterEach(async () => {
    await Promise.all(proxies.splice(0).map((proxy) => proxy.stop()));
  });
  afterAll(async () => {
    await inspector?.close();
    await echo?.stop();
  });

  describe.skipIf(!nginxPeer.isAvailable)('through real nginx', () => {
    it('names dropped upgrade headers with the nginx fix, and the evidence opens the 426 in the inspector', async () => {
      const proxy = await startProxy('no-upgrade-headers', echo.port);
      await diagnose(page, `ws://127.0.0.1:${proxy.port}/`, null);
      expect(await finishedVerdict(page)).toContain('Upgrade and Connection headers');
      const causes = page.getByRole('list', { name: 'Causes' });
      await expect.poll(() => causes.textContent()).toContain('upgrade-headers-dropped');
      expect(await causes.getByLabel('nginx fix').first().textContent()).toContain('proxy_set_header Upgrade $http_upgrade');
      await causes.getByRole('tab', { name: 'HAProxy' }).first().click();
      expect(await causes.getByLabel('haproxy fix').first().textContent()).toContain('mode http');
      await causes.getByRole('tab', { name: 'nginx' }).first().click();
      const probes = page.getByRole('list', { name: 'Probes' });
      expect(await probes.textContent()).toMatch(/fail\s*WebSocket handshake/i);
      await page.screenshot({ path: join(artifacts, '10-doctor-upgrade-dropped.png') });

      await causes.getByRole('button', { name: /Show record/ }).first().click();
      const handshake = page.getByRole('region', { name: 'Handshake' });
      await expect.poll(() => handshake.textContent()).toContain('426');
      expect(await page.getByRole('tablist', { name: 'View' }).getByRole('tab', { name: 'Inspect' }).getAttribute('aria-selected')).toBe('true');
      expect(await page.getByRole('navigation', { name: 'Sessions' }).textContent()).toContain('doctor · handshake');
      await page.screenshot({ path: join(artifacts, '11-doctor-evidence.png') });
    });

    it('measures the idle cut of proxy_read_timeout 2s and recommends a heartbeat', async () => {
      const proxy = await startProxy('read-timeout', echo.port);
      await diagnose(page, `ws://127.0.0.1:${proxy.port}/`, 10);
      const verdict = await finishedVerdict(page);
      // nginx times the silence from its last read, a little before ours: 1.9x s is the same 2 s cut.
      expect(verdict).toMatch(/cut a silent connection after (1\.9\d*|2(\.\d+)?) s/);
      const causes = page.getByRole('list', { name: 'Causes' });
      expect(await causes.textContent()).toContain('idle-timeout');
      expect(await causes.getByLabel('nginx fix').first().textContent()).toContain('proxy_read_timeout');
      await page.screenshot({ path: join(artifacts, '12-doctor-idle-timeout.png') });
    });

    it('runs the path test through nginx left at HTTP/1.0 and shows the downgraded request line', async () => {
      const listenPort = await freePort();
      const proxy = await startProxy('http1.0', listenPort);
      await diagnose(page, `ws://127.0.0.1:${proxy.port}/`, null, listenPort);
      await finishedVerdict(page);
      const path = page.getByRole('region', { name: 'What the path did' });
      await expect.poll(() => path.textContent()).toContain('HTTP/1.1 → HTTP/1.0');
      expect(await path.textContent()).toMatch(/GET \/ HTTP\/1\.0/);
      expect(await page.getByRole('list', { name: 'Causes' }).textContent()).toContain('http-version-downgraded');
      await page.screenshot({ path: join(artifacts, '13-doctor-path-test.png') });
    });
  });

  it('a healthy endpoint has no cause; a run waiting in the idle probe can be cancelled', async () => {
    await diagnose(page, echo.url, null);
    expect(await finishedVerdict(page)).toMatch(/^.*No problem found/);
    expect(await page.getByRole('list', { name: 'Causes' }).count()).toBe(0);

    await diagnose(page, echo.url, 300);
    await expect.poll(() => page.getByRole('progressbar', { name: 'Idle wait' }).count(), { timeout: 15_000 }).toBe(1);
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await finishedVerdict(page, 5_000)).toMatch(/^.*Cancelled\./);
    expect(await page.getByRole('list', { name: 'Probes' }).textContent()).toMatch(/skip\s*Idle connection\s*cancelled/);
  });

  it('listens: shows each connection with its request line, and its headers and frames in the inspector', async () => {
    await showView(page, 'Listen');
    await page.getByRole('textbox', { name: 'Port' }).fill('0');
    await page.getByRole('button', { name: 'Start listening' }).click();
    const listeners = page.getByRole('list', { name: 'Listeners' });
    await expect.poll(() => listeners.textContent()).toMatch(/ws:\/\/127\.0\.0\.1:\d+\//);
    const url = /ws:\/\/127\.0\.0\.1:\d+\//.exec((await listeners.textContent()) ?? '')![0];

    const client = await connectWs(`${url}chat?room=7`, { headers: { 'X-Odd-CASE': 'kept as sent' } });
    client.socket.send('hello listener');
    expect((await client.nextMessages(1))[0]!.data.toString()).toBe('hello listener');
    const connections = page.getByRole('table', { name: 'Connections' });
    await expect.poll(() => connections.textContent()).toContain('GET /chat?room=7 HTTP/1.1');
    expect(await connections.textContent()).toContain('101');
    await page.screenshot({ path: join(artifacts, '14-listen.png') });

    await connections.getByRole('button', { name: 'Inspect' }).first().click();
    const handshake = page.getByRole('region', { name: 'Handshake' });
    await expect.poll(() => handshake.textContent()).toContain('X-Odd-CASE');
    const rows = page.getByRole('grid', { name: 'Frames' }).getByRole('row').filter({ hasText: 'hello listener' });
    await expect.poll(() => rows.count()).toBe(2);
    // The listener's timeline names the ends: the client's frame arrived, our echo went back.
    expect(await rows.filter({ has: page.getByLabel('from client', { exact: true }) }).count()).toBe(1);
    expect(await rows.filter({ has: page.getByLabel('to client', { exact: true }) }).count()).toBe(1);
    await page.screenshot({ path: join(artifacts, '15-listen-inspect.png') });
    client.socket.close();
  });

  it('listens as a broken backend answering 426', async () => {
    await showView(page, 'Listen');
    await page.getByRole('textbox', { name: 'Port' }).fill('0');
    await page.getByRole('textbox', { name: 'Respond with status' }).fill('99');
    await page.getByRole('button', { name: 'Start listening' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Respond with: an HTTP status from 100 to 599' }).count()).toBe(1);
    await page.getByRole('textbox', { name: 'Respond with status' }).fill('426');
    await page.getByRole('button', { name: 'Start listening' }).click();
    const listeners = page.getByRole('list', { name: 'Listeners' });
    await expect.poll(() => listeners.textContent()).toContain('answers 426');
    const url = [...((await listeners.textContent()) ?? '').matchAll(/ws:\/\/127\.0\.0\.1:\d+\//g)].at(-1)![0];
    expect((await expectHandshakeFailure(url)).status).toBe(426);
    const connections = page.getByRole('table', { name: 'Connections' });
    await expect.poll(() => connections.getByRole('row').filter({ hasText: '426' }).count()).toBe(1);
  });
});
