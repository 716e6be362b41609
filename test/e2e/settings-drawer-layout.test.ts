import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rendererDirectory } from '../../electron/app-paths.js';
import { requirePeer } from '../harness/require-peer.js';
import { artifacts, openInspector } from './browser.js';
import { outOfBounds, wrappedTexts } from './layout-checks.js';

// The settings drawer's field labels, every one on one line, at 1024 and 1920 px in English and
// Chinese, light and dark: the inflate-rate label ("Inflated bytes per second (0: no limit)") used
// to wrap in half the drawer's width. The drawer is found by its id, so one test reads both.

const chromiumPeer = requirePeer('chromium');
const isBuilt = existsSync(join(rendererDirectory(), 'index.html'));
const SETTINGS = { 'en-US': 'Settings', 'zh-CN': '连接设置' } as const;

describe.skipIf(!chromiumPeer.isAvailable || !isBuilt)('the settings drawer laid out at 1024 and 1920 px', () => {
  for (const locale of ['en-US', 'zh-CN'] as const) {
    it(`${locale}: every field label is on one line and every field inside the drawer`, async () => {
      const inspector = await openInspector(`e2e-drawer-layout-${locale}`, { locale, viewport: { width: 1024, height: 768 } });
      try {
        const { page } = inspector;
        await page.locator('form.connection-bar').getByRole('button', { name: SETTINGS[locale], exact: true }).click();
        const drawer = page.locator('#settings-drawer');
        await expect.poll(() => drawer.count()).toBe(1);
        const rate = drawer.locator('.limits-rate');
        expect(await rate.count(), 'the inflate-rate field').toBe(1);
        for (const [width, height] of [[1024, 768], [1920, 1080]] as const) {
          await page.setViewportSize({ width, height });
          for (const scheme of ['light', 'dark'] as const) {
            await page.emulateMedia({ colorScheme: scheme });
            const at = `${locale} at ${width} px, ${scheme}`;
            expect(await wrappedTexts(drawer, 'label.field > span'), `the drawer's labels, ${at}`).toEqual([]);
            expect(await outOfBounds(drawer.locator('.drawer-body')), at).toEqual([]);
            await rate.scrollIntoViewIfNeeded();
            await page.screenshot({ path: join(artifacts, `settings-drawer-limits-${locale}-${width}-${scheme}.png`) });
          }
        }
      } finally {
        await inspector.close();
      }
    }, 60_000);
  }
});
