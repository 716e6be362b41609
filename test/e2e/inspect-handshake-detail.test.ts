import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDirectory } from '../../electron/app-paths.js';
import { requirePeer } from '../harness/require-peer.js';
import { startWsServer, type WsServerPeer } from '../harness/ws-server.js';
import { artifacts, openInspector, type InspectorFixture } from './browser.js';
import { outOfBounds } from './layout-checks.js';

// In Inspect the Handshake pane already draws the session's handshake (checks, request and response
// headers). Its row selected in the timeline must not draw the same tables a second time in Frame
// detail: there it shows the exact bytes that crossed the wire, as hex, and points to the pane.

const chromiumPeer = requirePeer('chromium');
const isBuilt = existsSync(join(rendererDirectory(), 'index.html'));
const WORDS = {
  'en-US': { url: 'URL', connect: 'Connect', request: 'Request headers', response: 'Response headers', requestBytes: 'Request bytes', responseBytes: 'Response bytes', toPane: 'Show in the Handshake pane' },
  'zh-CN': { url: 'URL', connect: '连接', request: '请求头部', response: '响应头部', requestBytes: '请求字节', responseBytes: '响应字节', toPane: '在握手窗格中查看' },
} as const;

describe.skipIf(!chromiumPeer.isAvailable || !isBuilt)('the handshake row selected in Inspect', () => {
  let echo: WsServerPeer;

  beforeAll(async () => {
    echo = await startWsServer();
  });
  afterAll(async () => {
    await echo?.stop();
  });

  for (const locale of ['en-US', 'zh-CN'] as const) {
    it(`${locale}: Frame detail shows the handshake's bytes, not the pane's header tables again`, async () => {
      const words = WORDS[locale];
      const inspector: InspectorFixture = await openInspector(`e2e-inspect-handshake-${locale}`, { locale, viewport: { width: 1024, height: 768 } });
      try {
        const { page } = inspector;
        await page.locator('#url-input').fill(`${echo.url}orders`);
        await page.locator('.connection-bar button[type="submit"]').click();
        const pane = page.locator('section.handshake');
        await expect.poll(() => pane.getByRole('table', { name: words.response, exact: true }).count(), { timeout: 20_000 }).toBe(1);
        const row = page.locator('.timeline .row-handshake');
        await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1);
        await row.click();
        const detail = page.locator('section.frame-detail');
        await expect.poll(() => detail.locator('.detail-summary .status-pill').count(), { timeout: 10_000 }).toBe(1);
        await page.screenshot({ path: join(artifacts, `inspect-handshake-detail-${locale}-selected.png`) });
        const requestDump = detail.getByRole('group', { name: words.requestBytes, exact: true });
        await expect.poll(() => requestDump.count(), { timeout: 10_000 }).toBe(1);
        // Each header table exists once in the window: the pane's.
        expect(await page.getByRole('table', { name: words.request, exact: true }).count()).toBe(1);
        expect(await page.getByRole('table', { name: words.response, exact: true }).count()).toBe(1);
        expect(await detail.locator('table.header-table, .checks').count()).toBe(0);
        // The request's bytes as hex: its start line `GET /orders HTTP/1.1` begins the dump.
        const requestHex = (await requestDump.locator('.hex-bytes').first().textContent()) ?? '';
        expect(requestHex.replace(/\s/g, '').startsWith(Buffer.from('GET /ord').toString('hex'))).toBe(true);
        await detail.getByRole('tab', { name: words.responseBytes, exact: true }).click();
        const responseDump = detail.getByRole('group', { name: words.responseBytes, exact: true });
        await expect.poll(() => responseDump.count(), { timeout: 10_000 }).toBe(1);
        const responseHex = (await responseDump.locator('.hex-bytes').first().textContent()) ?? '';
        expect(responseHex.replace(/\s/g, '').startsWith(Buffer.from('HTTP/1.1').toString('hex'))).toBe(true);
        expect(await detail.locator('.status-pill').textContent()).toBe('101 Switching Protocols');
        // The pointer takes the keyboard to the pane that has the headers.
        await detail.getByRole('button', { name: words.toPane, exact: true }).click();
        expect(await page.evaluate(() => document.activeElement?.getAttribute('data-region'))).toBe('handshake');
        for (const [width, height] of [[1024, 768], [1920, 1080]] as const) {
          await page.setViewportSize({ width, height });
          for (const scheme of ['light', 'dark'] as const) {
            await page.emulateMedia({ colorScheme: scheme });
            expect(await outOfBounds(detail), `${locale} at ${width} px, ${scheme}`).toEqual([]);
            await page.screenshot({ path: join(artifacts, `inspect-handshake-detail-${locale}-${width}-${scheme}.png`) });
          }
        }
      } finally {
        await inspector.close();
      }
    }, 60_000);
  }
});
