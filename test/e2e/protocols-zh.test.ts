import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDirectory } from '../../electron/app-paths.js';
import { requirePeer } from '../harness/require-peer.js';
import { startSocketIoServer, type SocketIoServerPeer } from '../harness/socket-io-server.js';
import { artifacts, openInspector, type InspectorFixture } from './browser.js';
import { clippedControls, drawsChinese } from './layout-checks.js';

// The protocol bar, the timeline's protocol column and the protocol tab in Simplified Chinese
// (frameline ui in Chromium with a zh-CN browser) against a real Socket.IO v4 server: why the
// session is read as Socket.IO, and why Frameline's duties answered each Engine.IO ping.

const chromiumPeer = requirePeer('chromium');

describe.skipIf(!chromiumPeer.isAvailable || !existsSync(join(rendererDirectory(), 'index.html')))('application protocols in the window, in Simplified Chinese', () => {
  let inspector: InspectorFixture;
  let page: Page;
  let socketIo: SocketIoServerPeer;

  beforeAll(async () => {
    socketIo = await startSocketIoServer({ version: 4, pingIntervalMs: 300, pingTimeoutMs: 600 });
    inspector = await openInspector('e2e-protocols-zh', { locale: 'zh-CN', viewport: { width: 1024, height: 768 } });
    page = inspector.page;
  });

  afterAll(async () => {
    await inspector?.close();
    await socketIo?.stop();
  });

  it('says in Chinese why the session is read as Socket.IO, and lays the bar out without clipping', async () => {
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.getByRole('textbox', { name: '地址' }).fill(socketIo.url);
    await page.getByRole('button', { name: '连接', exact: true }).click();
    const bar = page.getByRole('toolbar', { name: '应用层协议' });
    await expect.poll(() => bar.textContent(), { timeout: 15_000 }).toContain('Socket.IO');
    await expect.poll(() => bar.textContent()).toContain('URL 请求通过 websocket 使用 Engine.IO 4');
    expect(await bar.textContent()).toContain('解读为');
    expect(await bar.textContent()).toContain('保活职责');
    expect(await bar.textContent()).not.toMatch(/the URL asks|Read as|Keep-alive duties/);
    expect(await drawsChinese(bar.locator('.protocol-reason'), '请')).toBe(true);
    for (const [width, height] of [[1024, 768], [1920, 1080]] as const) {
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(300);
      expect(await clippedControls(bar)).toEqual([]);
      await page.screenshot({ path: join(artifacts, `protocols-zh-bar-${width}.png`) });
    }
    await page.setViewportSize({ width: 1024, height: 768 });
  });

  it('marks each pong the duties sent and says why in Chinese on the protocol tab', async () => {
    // Wide enough for the timeline's protocol column (a 1024 px window leaves it out for the workspace sidebar).
    await page.setViewportSize({ width: 1920, height: 1080 });
    const bar = page.getByRole('toolbar', { name: '应用层协议' });
    await bar.getByRole('button', { name: '保活', exact: true }).click();
    const pongs = page.getByRole('grid', { name: '帧' }).getByRole('row').filter({ hasText: /engine\.io pong/ });
    await expect.poll(() => pongs.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    const pong = pongs.first();
    const badge = pong.locator('.badge', { hasText: '自动' });
    await expect.poll(() => badge.getAttribute('title')).toBe('应答 Engine.IO ping');
    await pong.click();
    const detail = page.getByRole('region', { name: '帧详情' });
    await detail.getByRole('tab', { name: '协议', exact: true }).click();
    await expect.poll(() => detail.textContent()).toContain('由职责发送：应答 Engine.IO ping');
    expect(await detail.textContent()).not.toContain('answer Engine.IO ping');
    await page.screenshot({ path: join(artifacts, 'protocols-zh-duty-1920.png') });
    await bar.getByRole('button', { name: '全部', exact: true }).click();
  });
});
