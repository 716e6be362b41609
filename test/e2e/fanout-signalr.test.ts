import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDirectory } from '../../electron/app-paths.js';
import { requirePeer } from '../harness/require-peer.js';
import { startSignalrHubServer, type SignalrHubPeer } from '../harness/signalr-hub-server.js';
import { artifacts, openInspector, type InspectorFixture } from './browser.js';
import { fillFanoutForm, totalsShowing } from './fanout-form.js';
import { clippedControls } from './layout-checks.js';

const chromiumPeer = requirePeer('chromium');
const isBuilt = existsSync(join(rendererDirectory(), 'index.html'));

// The Fan-out view with SignalR clients against the stand-in hub (test/harness/signalr-hub-server.ts,
// checked against Microsoft's client in test/integration/fanout/protocols.test.ts): senders invoke
// the hub method named in the channel field, every client counts the hub's ReceiveMessage calls.
const cases = [
  { locale: 'en-US', tag: 'en', labels: { view: 'View', fanout: 'Fan-out', url: 'URL', clients: 'clients', protocol: 'protocol', channel: 'event / topic / method', run: 'Run' } },
  { locale: 'zh-CN', tag: 'zh-CN', labels: { view: '视图', fanout: '扇出', url: '地址', clients: '客户端', protocol: '协议', channel: '事件 / 主题 / 方法', run: '运行' } },
] as const;

describe.skipIf(!chromiumPeer.isAvailable || !isBuilt).each(cases)('the Fan-out view with SignalR clients in Chromium ($tag)', ({ locale, tag, labels }) => {
  let inspector: InspectorFixture;
  let hub: SignalrHubPeer;

  beforeAll(async () => {
    hub = await startSignalrHubServer();
    inspector = await openInspector(`e2e-fanout-signalr-${tag}`, { locale });
  });
  afterAll(async () => {
    await inspector?.close();
    await hub?.stop();
  });

  it('invokes the hub method named in the channel field and counts every invocation the hub sends back on every client', async () => {
    const page = inspector.page;
    const bar = await fillFanoutForm(page, labels, { url: hub.url, clients: 6, protocol: 'signalr' });
    await bar.getByRole('textbox', { name: labels.channel }).fill('Broadcast');
    await bar.getByRole('button', { name: labels.run }).click();
    // One sender, 20 messages (the defaults), to each of the 6 clients.
    await totalsShowing(page, '120/120');
    const rows = page.locator('table.fanout-table.clients tbody tr');
    expect(await rows.count()).toBe(6);
    for (const row of await rows.all()) expect(await row.textContent()).toContain('20/20');
    expect(hub.connections()).toBe(6);
    for (const width of [1024, 1920]) {
      await page.setViewportSize({ width, height: width === 1024 ? 768 : 1080 });
      expect(await clippedControls(bar)).toEqual([]);
      await page.screenshot({ path: join(artifacts, `43-fanout-signalr-${tag}-${width}.png`), fullPage: true });
    }
  });
});
