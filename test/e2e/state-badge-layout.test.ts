import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDirectory } from '../../electron/app-paths.js';
import { requirePeer } from '../harness/require-peer.js';
import { startWsServer, type WsServerPeer } from '../harness/ws-server.js';
import { artifacts, openInspector } from './browser.js';
import { clippedControls, outOfBounds, textLines } from './layout-checks.js';

// A closed session's state badge in the connection bar at 1024 and 1920 px, English and Chinese,
// light and dark: the state word and the whole reason ("by server, close frame 4000") are drawn,
// on a second line where the bar is short of room, never cut to "closed · …"; the URL field and
// every button stay in the window. Selectors are class names.

const chromiumPeer = requirePeer('chromium');
const isBuilt = existsSync(join(rendererDirectory(), 'index.html'));
const REASON = { 'en-US': 'by server, close frame 4000', 'zh-CN': '由服务端以关闭帧结束，关闭码 4000' } as const;
const URL_MIN_PX = 160;

describe.skipIf(!chromiumPeer.isAvailable || !isBuilt)('the state badge of a closed session', () => {
  let closing: WsServerPeer;

  beforeAll(async () => {
    closing = await startWsServer({ closeAfterMessage: { closeCode: 4000, reason: 'enough for today' } });
  });
  afterAll(async () => {
    await closing?.stop();
  });

  for (const locale of ['en-US', 'zh-CN'] as const) {
    it(`${locale}: shows its whole reason at 1024 and 1920 px without pushing the URL or a button off`, async () => {
      const inspector = await openInspector(`e2e-state-badge-${locale}`, { locale, viewport: { width: 1024, height: 768 } });
      try {
        const { page } = inspector;
        const bar = page.locator('form.connection-bar');
        const url = page.locator('#url-input');
        await url.fill(`${closing.url}a/rather/long/path/for/the/bar?with=query`);
        await url.press('Enter');
        const badge = bar.locator('.state-badge');
        await expect.poll(() => badge.getAttribute('class'), { timeout: 10_000 }).toContain('state-open');
        // The server closes with 4000 after the first message.
        await page.locator('.composer .monaco-editor .view-lines').click();
        await page.keyboard.type('bye');
        await page.locator('.composer .send-button').click();
        await expect.poll(() => badge.getAttribute('class'), { timeout: 10_000 }).toContain('state-closed');
        for (const [width, height] of [[1024, 768], [1920, 1080]] as const) {
          await page.setViewportSize({ width, height });
          for (const scheme of ['light', 'dark'] as const) {
            await page.emulateMedia({ colorScheme: scheme });
            const at = `${locale} at ${width} px, ${scheme}`;
            expect(await badge.textContent(), at).toContain(REASON[locale]);
            const cut = await badge.evaluate((element) => [element, ...Array.from(element.querySelectorAll('*'))].filter((node) => node.scrollWidth > node.clientWidth + 1 || node.scrollHeight > node.clientHeight + 1).map((node) => `${node.className}: ${node.scrollWidth}×${node.scrollHeight} in ${node.clientWidth}×${node.clientHeight}`));
            expect(cut, `nothing in the badge is cut, ${at}`).toEqual([]);
            expect(await textLines(badge), at).toBeLessThanOrEqual(2);
            expect(await clippedControls(bar), at).toEqual([]);
            expect(await outOfBounds(bar), at).toEqual([]);
            expect(await url.evaluate((element) => element.getBoundingClientRect().width), `the URL field, ${at}`).toBeGreaterThanOrEqual(URL_MIN_PX);
            await page.screenshot({ path: join(artifacts, `state-badge-${locale}-${width}-${scheme}.png`), clip: { x: 0, y: 0, width, height: 120 } });
          }
        }
      } finally {
        await inspector.close();
      }
    }, 60_000);
  }
});
