import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDirectory } from '../../electron/app-paths.js';
import { requirePeer } from '../harness/require-peer.js';
import { startWsServer, type WsServerPeer } from '../harness/ws-server.js';
import { artifacts, openInspector, type InspectorFixture } from './browser.js';

const chromiumPeer = requirePeer('chromium');
const isBuilt = existsSync(join(rendererDirectory(), 'index.html'));

describe.skipIf(!chromiumPeer.isAvailable || !isBuilt)('the timeline toolbar in zh-CN (Chromium)', () => {
  let echo: WsServerPeer | undefined;
  let inspector: InspectorFixture | undefined;
  beforeAll(async () => {
    echo = await startWsServer();
    inspector = await openInspector('e2e-timeline-toolbar', { locale: 'zh-CN', viewport: { width: 1920, height: 1080 } });
  });
  afterAll(async () => {
    await inspector?.close();
    await echo?.stop();
  });

  it('keeps Follow tail on the first line at 1920 px (the search gives way first) and the search at full width where there is room', async () => {
    const { page } = inspector!;
    const url = page.locator('#url-input');
    await url.fill(echo!.url);
    await url.press('Enter');
    const toolbar = page.locator('.timeline-toolbar');
    const follow = toolbar.getByRole('button', { name: '跟随最新' });
    await expect.poll(() => follow.count(), { timeout: 10_000 }).toBe(1);
    const top = (selector: string): Promise<number> => toolbar.locator(selector).first().evaluate((element) => Math.round(element.getBoundingClientRect().top));
    // With the sidebar and the handshake pane open, the timeline is about 1,000 px wide here.
    expect(await follow.evaluate((element) => Math.round(element.getBoundingClientRect().top)), 'Follow tail on the line of the first control').toBe(await top('.field-inline'));
    await page.screenshot({ path: join(artifacts, 'timeline-toolbar-zh-CN-1920.png') });
    // The row count, the jump field and Follow tail wrap as one group: at no width does Follow sit on a line of its own.
    const count = toolbar.locator('[aria-live="polite"]', { hasText: /行$/ });
    const jump = toolbar.getByRole('textbox', { name: '跳到行' });
    for (let width = 1024; width <= 1920; width += 32) {
      await page.setViewportSize({ width, height: 1080 });
      // One line: their vertical extents overlap (the text is shorter than the controls beside it).
      const boxes = await Promise.all([count, jump, follow].map((element) => element.evaluate((node) => ({ top: node.getBoundingClientRect().top, bottom: node.getBoundingClientRect().bottom }))));
      const shared = Math.min(...boxes.map((box) => box.bottom)) - Math.max(...boxes.map((box) => box.top));
      expect(shared, `count, jump and Follow tail on one line at ${width} px: ${JSON.stringify(boxes)}`).toBeGreaterThan(0);
    }
    await page.setViewportSize({ width: 2560, height: 1080 });
    await expect.poll(() => toolbar.locator('.search').evaluate((element) => Math.round(element.getBoundingClientRect().width))).toBe(160);
  });
});
