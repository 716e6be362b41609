import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDirectory } from '../../electron/app-paths.js';
import { freePort } from '../harness/free-port.js';
import { requirePeer } from '../harness/require-peer.js';
import { connectWs, type TestClient } from '../harness/ws-client.js';
import { startWsServer, type WsServerPeer } from '../harness/ws-server.js';
import { artifacts, openInspector, type InspectorFixture } from './browser.js';
import { outOfBounds, textLines, wrappedTexts } from './layout-checks.js';

// The Relay view with a relayed client and two paused messages, measured at 1024, 1280 and 1920 px
// in English and Chinese: the client's address on one line, nothing pushed out of its column, the
// three columns inside the window. Selectors are class names, so one test reads both languages.

const chromiumPeer = requirePeer('chromium');
const isBuilt = existsSync(join(rendererDirectory(), 'index.html'));
const sizes = [[1024, 768], [1280, 800], [1920, 1080]] as const;
const VIEW_WORDS = { 'en-US': { views: 'View', relay: 'Relay', show: 'Show' }, 'zh-CN': { views: '视图', relay: '中继', show: '查看' } } as const;
type Locale = keyof typeof VIEW_WORDS;

/** Starts a relay to `upstreamUrl` from the Relay view with a breakpoint on `secret`, and returns the URL a client points at. */
async function startRelay(page: Page, locale: Locale, upstreamUrl: string): Promise<string> {
  await page.getByRole('tablist', { name: VIEW_WORDS[locale].views }).getByRole('tab', { name: VIEW_WORDS[locale].relay, exact: true }).click();
  const bar = page.locator('form.relay-bar');
  const port = await freePort();
  await bar.locator('input.port').fill(String(port));
  await bar.locator('input.url').fill(upstreamUrl);
  await page.locator('.interception .panel-title button').first().click();
  await page.locator('.interception .rule-row input.pattern').first().fill('secret');
  await bar.locator('button[type="submit"]').click();
  await expect.poll(() => page.locator('.relay-side .listener-list').textContent(), { timeout: 10_000 }).toContain(`:${port}/`);
  return `ws://127.0.0.1:${port}/`;
}

describe.skipIf(!chromiumPeer.isAvailable || !isBuilt)('the Relay view laid out at 1024, 1280 and 1920 px', () => {
  let echo: WsServerPeer;

  beforeAll(async () => {
    echo = await startWsServer();
  });
  afterAll(async () => {
    await echo?.stop();
  });

  for (const locale of ['en-US', 'zh-CN'] as const satisfies readonly Locale[]) {
    it(`${locale}: a relayed client's address stays on one line, and every control stays in its column and in the window`, async () => {
      const inspector: InspectorFixture = await openInspector(`e2e-relay-layout-${locale}`, { locale, viewport: { width: 1024, height: 768 } });
      let client: TestClient | undefined;
      try {
        const { page } = inspector;
        const relayUrl = await startRelay(page, locale, `${echo.url}orders/stream`);
        client = await connectWs(relayUrl);
        client.socket.send('a secret order');
        client.socket.send('{"op":"subscribe","topic":"secret prices"}');
        const address = `127.0.0.1:${(client.socket as unknown as { _socket: { localPort: number } })._socket.localPort}`;
        const side = page.locator('.relay-side');
        const peer = side.getByText(address, { exact: true });
        await expect.poll(() => peer.count(), { timeout: 10_000 }).toBe(1);
        await side.getByRole('button', { name: VIEW_WORDS[locale].show, exact: true }).click();
        await expect.poll(() => page.locator('.paused-row').count(), { timeout: 10_000 }).toBe(2);
        for (const [width, height] of sizes) {
          await page.setViewportSize({ width, height });
          const at = `${locale} at ${width} px`;
          expect(await textLines(peer), `the client's address, ${at}`).toBe(1);
          expect(await peer.evaluate((element) => element.scrollWidth <= element.clientWidth), `the client's address is whole, ${at}`).toBe(true);
          expect(await side.evaluate((element) => element.scrollWidth - element.clientWidth), `the side column scrolls sideways, ${at}`).toBeLessThanOrEqual(0);
          expect(await outOfBounds(side), at).toEqual([]);
          expect(await outOfBounds(page.locator('.relay-workspace'), ':scope > *'), `the three columns, ${at}`).toEqual([]);
          expect(await wrappedTexts(page.locator('form.relay-bar'), 'label'), `the bar's labels, ${at}`).toEqual([]);
          expect(await wrappedTexts(page.locator('.relayed-clients'), '.relayed-client > *'), at).toEqual([]);
          expect(await wrappedTexts(page.locator('.paused-list'), '.paused-row > :not(.paused-preview)'), `the paused rows, ${at}`).toEqual([]);
          expect(await outOfBounds(page.locator('.paused-queue')), at).toEqual([]);
          // No HTTP exchange yet: the panel is its title line, leaving the height to the timeline.
          const http = page.locator('section.http-exchanges');
          const titleHeight = await http.locator('.panel-title').evaluate((element) => element.getBoundingClientRect().height);
          expect(await http.evaluate((element) => element.getBoundingClientRect().height), `the empty HTTP exchanges panel, ${at}`).toBeLessThanOrEqual(titleHeight + 2);
          expect(await textLines(http.locator('.panel-title')), at).toBe(1);
          await page.screenshot({ path: join(artifacts, `relay-layout-${locale}-${width}.png`) });
        }
      } finally {
        client?.socket.terminate();
        await inspector.close();
      }
    });
  }
});
