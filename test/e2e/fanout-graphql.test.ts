import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDirectory } from '../../electron/app-paths.js';
import { startGraphqlWsServer, type GraphqlWsServerPeer } from '../harness/graphql-ws-server.js';
import { requirePeer } from '../harness/require-peer.js';
import { artifacts, openInspector, type InspectorFixture } from './browser.js';
import { fillFanoutForm, totalsShowing } from './fanout-form.js';
import { clippedControls } from './layout-checks.js';

const chromiumPeer = requirePeer('chromium');
const isBuilt = existsSync(join(rendererDirectory(), 'index.html'));

// The Fan-out view with GraphQL over WebSocket clients against the npm graphql-ws library's server:
// the protocol choice swaps the senders' fields for the document field; each client's `next`s are counted.
const cases = [
  { locale: 'en-US', tag: 'en', labels: { view: 'View', fanout: 'Fan-out', url: 'URL', clients: 'clients', protocol: 'protocol', document: 'GraphQL document', senders: 'senders', run: 'Run' }, summary: /^12 graphql-ws clients \(subprotocol graphql-transport-ws\), each counting the results of its own subscription · finished in [\d.]+ s, 15 distinct results$/, latency: 'Delivery latency per backend', error: 'the server ended the GraphQL subscription with an error: Cannot query field "nope" on type "Subscription".' },
  { locale: 'zh-CN', tag: 'zh-CN', labels: { view: '视图', fanout: '扇出', url: '地址', clients: '客户端', protocol: '协议', document: 'GraphQL 文档', senders: '发送方', run: '运行' }, summary: /^12 个 graphql-ws 客户端（子协议 graphql-transport-ws），各自统计自己订阅的结果 · 用时 [\d.]+ 秒完成，共收到 15 个不同的结果$/, latency: '各后端的送达延迟', error: '服务器以错误结束了 GraphQL 订阅：Cannot query field "nope" on type "Subscription".' },
] as const;

describe.skipIf(!chromiumPeer.isAvailable || !isBuilt).each(cases)('the Fan-out view with graphql-ws clients in Chromium ($tag)', ({ locale, tag, labels, summary, latency, error }) => {
  let inspector: InspectorFixture;
  let server: GraphqlWsServerPeer;

  beforeAll(async () => {
    server = await startGraphqlWsServer();
    inspector = await openInspector(`e2e-fanout-graphql-${tag}`, { locale });
  });
  afterAll(async () => {
    await inspector?.close();
    await server?.stop();
  });

  it('shows the protocol and the document field, counts every tick on every client, and names each client’s GraphQL error', async () => {
    const page = inspector.page;
    const bar = await fillFanoutForm(page, labels, { url: server.url, clients: 12, protocol: 'graphql-ws' });
    // GraphQL clients have no senders: the senders' fields give way to the document.
    expect(await bar.getByRole('textbox', { name: labels.senders }).count()).toBe(0);
    const document = bar.getByRole('textbox', { name: labels.document });
    // Line breaks are kept: without them the comment would swallow the rest of the document.
    await document.fill('subscription {\n  # every client gets 15\n  tick(count: 15)\n}');
    await bar.getByRole('button', { name: labels.run }).click();
    await totalsShowing(page, '180/180');
    expect(await page.locator('table.fanout-table.clients tbody tr').count()).toBe(12);
    expect(await page.locator('.fanout-body > p').first().textContent()).toMatch(summary);
    // Results carry no send time: no latency histogram is drawn empty.
    expect(await page.getByRole('heading', { name: latency }).count()).toBe(0);
    for (const width of [1024, 1920]) {
      await page.setViewportSize({ width, height: width === 1024 ? 768 : 1080 });
      expect(await clippedControls(bar)).toEqual([]);
      await page.screenshot({ path: join(artifacts, `41-fanout-graphql-${tag}-${width}.png`), fullPage: true });
    }

    await page.setViewportSize({ width: 1024, height: 768 });
    await document.fill('subscription { nope }');
    await bar.getByRole('button', { name: labels.run }).click();
    const firstClient = page.locator('table.fanout-table.clients tbody tr').first();
    await expect.poll(async () => ((await firstClient.count()) > 0 ? await firstClient.textContent() : ''), { timeout: 30_000 }).toContain(error);
    expect(await page.locator('table.fanout-table.clients tbody tr', { hasText: error }).count()).toBe(12);
    await page.screenshot({ path: join(artifacts, `42-fanout-graphql-error-${tag}-1024.png`), fullPage: true });
  });
});
