import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDirectory } from '../../electron/app-paths.js';
import { requirePeer } from '../harness/require-peer.js';
import { connectWs, type TestClient } from '../harness/ws-client.js';
import { artifacts, openInspector, type InspectorFixture } from './browser.js';
import { clippedControls, drawsChinese, wrappedTexts } from './layout-checks.js';

const chromiumPeer = requirePeer('chromium');
const isBuilt = existsSync(join(rendererDirectory(), 'index.html'));

const PING_INTERVAL_MS = 500;
const PONG_TIMEOUT_MS = 1000;

/** The Listen view's form filled as a user would, started; resolves with the listener's ws:// URL from the list. */
async function startListener(page: Page, labels: { tabs: string; view: string; ping: string; pong: string; start: string; listeners: string }, pingIntervalMs: string, pongTimeoutMs: string): Promise<string> {
  await page.getByRole('tablist', { name: labels.tabs }).getByRole('tab', { name: labels.view, exact: true }).click();
  await page.locator('form.listen-bar input.port').fill('0');
  await page.getByRole('textbox', { name: labels.ping }).fill(pingIntervalMs);
  await page.getByRole('textbox', { name: labels.pong }).fill(pongTimeoutMs);
  await page.getByRole('button', { name: labels.start }).click();
  const listeners = page.getByRole('list', { name: labels.listeners });
  await expect.poll(() => listeners.textContent()).toMatch(/ws:\/\/127\.0\.0\.1:\d+\//);
  return /ws:\/\/127\.0\.0\.1:\d+\//.exec((await listeners.textContent()) ?? '')![0];
}

/** When each ping reached a `ws` client, in ms of this process's monotonic clock. */
function pingTimes(client: TestClient): number[] {
  const times: number[] = [];
  client.socket.on('ping', () => void times.push(performance.now()));
  return times;
}

const ENGLISH = { tabs: 'View', view: 'Listen', ping: 'Ping interval (ms, 0 = off)', pong: 'Pong timeout (ms, 0 = off)', start: 'Start listening', listeners: 'Listeners' };
const CHINESE = { tabs: '视图', view: '监听', ping: 'Ping 间隔（毫秒，0 为关闭）', pong: 'Pong 超时（毫秒，0 为关闭）', start: '开始监听', listeners: '监听器' };

describe.skipIf(!chromiumPeer.isAvailable || !isBuilt)('the Listen view keeps a heartbeat with its clients, set in the window', () => {
  let inspector: InspectorFixture;
  let page: Page;

  beforeAll(async () => {
    inspector = await openInspector('e2e-listen-heartbeat');
    page = inspector.page;
  });
  afterAll(async () => {
    await inspector?.close();
  });

  it('refuses a bad value in words, then pings a `ws` client that answers and drops one that does not, as frameline listen does', async () => {
    await page.getByRole('tablist', { name: 'View' }).getByRole('tab', { name: 'Listen', exact: true }).click();
    await page.getByRole('textbox', { name: ENGLISH.ping }).fill('1.5');
    await page.getByRole('button', { name: ENGLISH.start }).click();
    await expect.poll(() => page.getByText('Ping interval (ms, 0 = off): expected a whole number').count()).toBe(1);
    expect(await page.getByRole('list', { name: ENGLISH.listeners }).count()).toBe(0);

    const url = await startListener(page, ENGLISH, String(PING_INTERVAL_MS), String(PONG_TIMEOUT_MS));
    expect(await page.getByRole('list', { name: ENGLISH.listeners }).textContent()).toContain(`ping every ${PING_INTERVAL_MS} ms, drops after ${PONG_TIMEOUT_MS} ms without a pong`);

    // The real ws client answers every ping (its autoPong): it outlives several pong timeouts.
    const answering = await connectWs(`${url}answering`);
    const answeredPings = pingTimes(answering);
    await expect.poll(() => answeredPings.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(5);
    expect(answering.socket.readyState).toBe(answering.socket.OPEN);
    // Pings are armed one interval after the last, so four gaps span four intervals; a stall of this
    // process can make the first arrival late and the span look shorter, so allow up to one interval.
    expect(answeredPings[4]! - answeredPings[0]!).toBeGreaterThanOrEqual(3 * PING_INTERVAL_MS);

    // The same client told not to answer (ws's autoPong: false) is dropped without a close frame once the pong timeout has passed.
    const openedAt = performance.now();
    const silent = await connectWs(`${url}silent`, { autoPong: false });
    const silentPings = pingTimes(silent);
    const closed = await silent.closed(15_000);
    expect(closed.code).toBe(1006);
    expect(silentPings.length).toBeGreaterThanOrEqual(1);
    expect(performance.now() - openedAt).toBeGreaterThanOrEqual(PING_INTERVAL_MS + PONG_TIMEOUT_MS - 100);
    expect(answering.socket.readyState).toBe(answering.socket.OPEN);

    const connections = page.getByRole('table', { name: 'Connections' });
    const silentRow = connections.getByRole('row').filter({ hasText: 'GET /silent HTTP/1.1' });
    await expect.poll(() => silentRow.textContent()).toContain('closed');
    expect(await connections.getByRole('row').filter({ hasText: 'GET /answering HTTP/1.1' }).textContent()).toContain('open');
    await silentRow.getByRole('button', { name: 'Inspect' }).click();
    await expect.poll(() => page.locator('.state-badge').getAttribute('title')).toBe(`no pong within ${PONG_TIMEOUT_MS} ms of our ping: the peer is presumed dead`);
    answering.socket.terminate();
  });

  it('shows a listener another window started, with its heartbeat, when the view is opened again', async () => {
    const views = page.getByRole('tablist', { name: ENGLISH.tabs });
    // The window is up and has asked for the listeners once before the other window starts one.
    await views.getByRole('tab', { name: ENGLISH.view, exact: true }).click();
    await expect.poll(() => page.getByRole('button', { name: ENGLISH.start }).count(), { timeout: 10_000 }).toBe(1);
    const started = await inspector.engine.run('startListener', [{ port: 0, pingIntervalMs: 7000, pongTimeoutMs: 3000 }]);
    await views.getByRole('tab', { name: 'Inspect', exact: true }).click();
    await views.getByRole('tab', { name: ENGLISH.view, exact: true }).click();
    const entry = page.getByRole('list', { name: ENGLISH.listeners }).getByRole('listitem').filter({ hasText: started.url });
    await expect.poll(() => entry.count(), { timeout: 10_000 }).toBe(1);
    expect(await entry.textContent()).toContain('7000');
    await inspector.engine.run('stopListener', [started.listenerId]);
  });
});

describe.skipIf(!chromiumPeer.isAvailable || !isBuilt)('the Listen view with its heartbeat settings, laid out at 1024 and 1920 px', () => {
  for (const [locale, labels, sample] of [['en-US', ENGLISH, null], ['zh-CN', CHINESE, '间']] as const) {
    it(`fits in ${locale}: the form, the listener's heartbeat and a connection, its address on one line`, async () => {
      const inspector = await openInspector(`e2e-listen-heartbeat-${locale}`, { locale, viewport: { width: 1024, height: 768 } });
      try {
        const { page } = inspector;
        const url = await startListener(page, labels, '30000', '10000');
        // A request line as long as real clients send, so the table has to share the width.
        const client = await connectWs(`${url}chat/rooms/lobby/members?with=presence&and=history&since=2026-11-30T08:00:00Z`);
        await expect.poll(() => page.locator('table.connections-table tbody tr').count()).toBe(1);
        if (sample !== null) expect(await drawsChinese(page.locator('form.listen-bar label').filter({ hasText: sample }).first(), sample)).toBe(true);
        for (const width of [1024, 1920]) {
          await page.setViewportSize({ width, height: width === 1024 ? 768 : 1080 });
          expect(await clippedControls(page.locator('form.listen-bar'))).toEqual([]);
          expect(await clippedControls(page.locator('.listener-list'))).toEqual([]);
          // The peer's address, the 101 and the state word draw on one line each; only the request line may wrap.
          expect(await wrappedTexts(page.locator('table.connections-table'), 'tbody td:not(.request-line)'), `${locale} at ${width} px`).toEqual([]);
          await page.screenshot({ path: join(artifacts, `21-listen-heartbeat-${locale}-${width}.png`) });
        }
        client.socket.terminate();
      } finally {
        await inspector.close();
      }
    });
  }
});
