import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDirectory } from '../../electron/app-paths.js';
import { startNginx, type NginxPeer } from '../harness/nginx.js';
import { requirePeer } from '../harness/require-peer.js';
import { startWsServer, type WsServerPeer } from '../harness/ws-server.js';
import { artifacts, connect, frames, openInspector, sendText, type InspectorFixture } from './browser.js';
import { outOfBounds } from './layout-checks.js';

const chromiumPeer = requirePeer('chromium');
const nginxPeer = requirePeer('nginx');

const burstSize = 100_000;

describe.skipIf(!chromiumPeer.isAvailable || !existsSync(join(rendererDirectory(), 'index.html')))('the inspector in Chromium against frameline ui', () => {
  let inspector: InspectorFixture;
  let echo: WsServerPeer;
  let burst: WsServerPeer;
  let page: Page;

  beforeAll(async () => {
    echo = await startWsServer();
    burst = await startWsServer({ isEcho: false, messagesOnConnect: Array.from({ length: burstSize }, (_, index) => `burst ${index}`) });
    inspector = await openInspector('e2e');
    page = inspector.page;
  });

  afterAll(async () => {
    await inspector?.close();
    await echo?.stop();
    await burst?.stop();
  });

  it('connects and shows 101 with the handshake headers', async () => {
    await connect(page, `${echo.url}chat`);
    const handshake = page.getByRole('region', { name: 'Handshake' });
    await expect.poll(() => handshake.textContent()).toContain('101');
    await expect.poll(() => handshake.textContent()).toContain('Sec-WebSocket-Accept');
    await page.screenshot({ path: join(artifacts, '01-connected.png') });
  });

  it('sends text and shows the out and in rows, then the frame as hex', async () => {
    await sendText(page, 'hello frameline');
    const rows = frames(page).getByRole('row').filter({ hasText: 'hello frameline' });
    await expect.poll(() => rows.count()).toBe(2);
    await expect.poll(() => rows.filter({ has: page.getByLabel('sent') }).count()).toBe(1);
    await expect.poll(() => rows.filter({ has: page.getByLabel('received') }).count()).toBe(1);
    await rows.first().click();
    const detail = page.getByRole('region', { name: 'Frame detail' });
    await detail.getByRole('tab', { name: 'Hex' }).click();
    // "hello" in hex: the unmasked payload is shown by default.
    await expect.poll(() => detail.textContent()).toMatch(/68\s*65\s*6c\s*6c\s*6f/);
    await page.screenshot({ path: join(artifacts, '02-frame-detail.png') });
    // Every word of the header's bit fields is whole ("masked" under MASK was cut to "ma…" in its 1/16 share of the pane).
    for (const [width, height] of [[1024, 768], [1440, 900], [1920, 1080]] as const) {
      await page.setViewportSize({ width, height });
      const bits = detail.getByRole('group', { name: 'Header bits' });
      const cut = await bits.evaluate((group) => Array.from(group.querySelectorAll<HTMLElement>('.bit-label, .bit-value')).filter((cell) => cell.scrollWidth > cell.clientWidth).map((cell) => cell.textContent));
      expect(cut, `at ${width} px`).toEqual([]);
      expect(await outOfBounds(bits, '.bit-field'), `at ${width} px`).toEqual([]);
    }
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('pings and shows the pong with its round-trip time', async () => {
    const composer = page.getByRole('region', { name: 'Composer' });
    await composer.getByRole('button', { name: 'Ping', exact: true }).click();
    await composer.getByRole('button', { name: 'Send', exact: true }).click();
    const pong = frames(page).getByRole('row').filter({ hasText: 'pong' });
    await expect.poll(() => pong.count()).toBeGreaterThanOrEqual(1);
    await expect.poll(() => pong.last().textContent()).toMatch(/rtt|ms/i);
  });

  it('closes with 4000 and shows the code decoded', async () => {
    const composer = page.getByRole('region', { name: 'Composer' });
    await composer.getByRole('button', { name: 'Close', exact: true }).click();
    await composer.getByRole('textbox', { name: 'Close code' }).fill('4000');
    await composer.getByRole('textbox', { name: 'Close reason' }).fill('done here');
    await composer.getByRole('button', { name: 'Send', exact: true }).click();
    // The close frame out, the server's echo in, and the `closed` event all name the code.
    const closeFrames = frames(page).getByRole('row').filter({ hasText: '4000' }).filter({ has: page.getByRole('gridcell', { name: /sent|received/ }) });
    await expect.poll(() => closeFrames.count()).toBe(2);
    await expect.poll(() => closeFrames.first().textContent()).toContain('done here');
    await expect.poll(() => page.getByRole('region', { name: 'Handshake' }).count()).toBe(1);
    await page.screenshot({ path: join(artifacts, '03-closed.png') });
  });

  describe.skipIf(!nginxPeer.isAvailable)('behind a misconfigured nginx', () => {
    let nginx: NginxPeer;
    beforeAll(async () => {
      nginx = await startNginx({ upstreamPort: echo.port, mode: 'no-upgrade-headers' });
    });
    afterAll(async () => nginx?.stop());

    it('shows the 426 and its body in the handshake view', async () => {
      await connect(page, `ws://127.0.0.1:${nginx.port}/`);
      const handshake = page.getByRole('region', { name: 'Handshake' });
      await expect.poll(() => handshake.textContent(), { timeout: 15_000 }).toMatch(/426|400/);
      await expect.poll(() => handshake.getByRole('alert').count()).toBeGreaterThanOrEqual(1);
      await page.screenshot({ path: join(artifacts, '04-handshake-426.png') });
      // The title keeps what it shows whole (the checks' summary was cut to "2" at 1024 px) and inside the pane.
      for (const [width, height] of [[1024, 768], [1440, 900], [1920, 1080]] as const) {
        await page.setViewportSize({ width, height });
        const title = handshake.locator('header.panel-title');
        const cut = await title.evaluate((header) => Array.from(header.children).filter((child) => child instanceof HTMLElement && child.offsetParent !== null && child.scrollWidth > child.clientWidth + 0.5).map((child) => child.textContent));
        expect(cut, `at ${width} px`).toEqual([]);
        expect(await outOfBounds(title, ':scope > *'), `at ${width} px`).toEqual([]);
        await page.screenshot({ path: join(artifacts, `04-handshake-426-${width}.png`) });
      }
      await page.setViewportSize({ width: 1440, height: 900 });
    });
  });

  it(`keeps up with a ${burstSize.toLocaleString('en')}-frame burst and scrolls to the last row`, async () => {
    await connect(page, burst.url);
    const last = `burst ${burstSize - 1}`;
    const grid = frames(page);
    await expect.poll(() => grid.getAttribute('aria-rowcount').then(Number), { timeout: 60_000 }).toBeGreaterThan(burstSize);
    await grid.press('End');
    await expect.poll(() => grid.getByRole('row').filter({ hasText: last }).count(), { timeout: 20_000 }).toBe(1);
    await page.screenshot({ path: join(artifacts, '05-burst-end.png') });
  });
});
