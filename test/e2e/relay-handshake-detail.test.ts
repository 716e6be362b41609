import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDirectory } from '../../electron/app-paths.js';
import { freePort } from '../harness/free-port.js';
import { requirePeer } from '../harness/require-peer.js';
import { connectWs, type TestClient } from '../harness/ws-client.js';
import { startWsServer, type WsServerPeer } from '../harness/ws-server.js';
import { artifacts, openInspector, type InspectorFixture } from './browser.js';
import { outOfBounds } from './layout-checks.js';

// A relayed client's handshake rows, selected in the Relay view (which has no Handshake pane), are
// drawn in Frame detail as the Handshake pane draws one: checks, request and response headers,
// never the record as JSON. Class names and headers are language-free, so one test reads both.

const chromiumPeer = requirePeer('chromium');
const isBuilt = existsSync(join(rendererDirectory(), 'index.html'));
const WORDS = { 'en-US': { views: 'View', relay: 'Relay', show: 'Show', request: 'Request headers', response: 'Response headers' }, 'zh-CN': { views: '视图', relay: '中继', show: '查看', request: '请求头部', response: '响应头部' } } as const;

describe.skipIf(!chromiumPeer.isAvailable || !isBuilt)('a handshake row selected in the Relay view', () => {
  let echo: WsServerPeer;

  beforeAll(async () => {
    echo = await startWsServer();
  });
  afterAll(async () => {
    await echo?.stop();
  });

  for (const locale of ['en-US', 'zh-CN'] as const) {
    it(`${locale}: Frame detail shows each leg's handshake with its checks and headers`, async () => {
      const words = WORDS[locale];
      const inspector: InspectorFixture = await openInspector(`e2e-relay-handshake-${locale}`, { locale, viewport: { width: 1024, height: 768 } });
      let client: TestClient | undefined;
      try {
        const { page } = inspector;
        await page.getByRole('tablist', { name: words.views }).getByRole('tab', { name: words.relay, exact: true }).click();
        const bar = page.locator('form.relay-bar');
        const port = await freePort();
        await bar.locator('input.port').fill(String(port));
        await bar.locator('input.url').fill(`${echo.url}orders`);
        await bar.locator('button[type="submit"]').click();
        await expect.poll(() => page.locator('.relay-side .listener-list').textContent(), { timeout: 10_000 }).toContain(`:${port}/`);
        client = await connectWs(`ws://127.0.0.1:${port}/`, { headers: { 'X-Relay-Probe': 'first leg' } });
        client.socket.send('hello');
        const side = page.locator('.relay-side');
        await expect.poll(() => side.getByRole('button', { name: words.show, exact: true }).count(), { timeout: 20_000 }).toBe(1);
        await side.getByRole('button', { name: words.show, exact: true }).click();
        const handshakes = page.locator('.timeline .row-handshake');
        await expect.poll(() => handshakes.count(), { timeout: 20_000 }).toBe(2);
        const detail = page.locator('section.frame-detail');
        const startLines: string[] = [];
        const checkCounts: number[] = [];
        for (const index of [0, 1]) {
          await handshakes.nth(index).click();
          const request = detail.getByRole('table', { name: words.request, exact: true });
          await expect.poll(() => request.count(), { timeout: 10_000 }).toBe(1);
          // The second row's record replaces the first's (the table is there from the first selection on).
          const startLine = detail.locator('.start-line').first();
          if (index === 1) await expect.poll(() => startLine.textContent(), { timeout: 10_000 }).not.toBe(startLines[0]);
          startLines.push((await startLine.textContent()) ?? '');
          expect(await detail.getByRole('table', { name: words.response, exact: true }).count()).toBe(1);
          expect(await detail.locator('.status-pill').textContent()).toBe('101 Switching Protocols');
          checkCounts.push(await detail.locator('.checks li').count());
          // A check's sentence is never squeezed into a column a few letters wide.
          for (const sentence of await detail.locator('.checks li > :last-child').all()) expect(await sentence.evaluate((element) => element.getBoundingClientRect().width), `${locale}, a check's sentence`).toBeGreaterThan(120);
          await page.screenshot({ path: join(artifacts, `relay-handshake-detail-${locale}-row-${index}.png`) });
          expect(await request.textContent()).toContain('first leg');
          // The record's own JSON (base64 bytes and all) is gone.
          expect(await detail.textContent()).not.toContain('"kind"');
          expect(await outOfBounds(detail), `${locale}, handshake ${index}`).toEqual([]);
        }
        // The client's leg asked the relay for its own path; the relay asked the server for the upstream URL's.
        expect([...startLines].sort()).toEqual(['GET / HTTP/1.1', 'GET /orders HTTP/1.1']);
        // The upstream leg's response is checked as the Handshake pane lists it; the client's leg is the relay answering.
        expect(checkCounts[startLines.indexOf('GET /orders HTTP/1.1')]).toBeGreaterThan(0);
        for (const [width, height] of [[1024, 768], [1920, 1080]] as const) {
          await page.setViewportSize({ width, height });
          for (const scheme of ['light', 'dark'] as const) {
            await page.emulateMedia({ colorScheme: scheme });
            expect(await outOfBounds(detail), `${locale} at ${width} px, ${scheme}`).toEqual([]);
            await page.screenshot({ path: join(artifacts, `relay-handshake-detail-${locale}-${width}-${scheme}.png`) });
          }
        }
      } finally {
        client?.socket.terminate();
        await inspector.close();
      }
    }, 60_000);
  }
});
