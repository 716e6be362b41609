import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDirectory } from '../../electron/app-paths.js';
import { requirePeer } from '../harness/require-peer.js';
import { startSubscriptionsTransportWsServer, type SubscriptionsTransportWsServerPeer } from '../harness/subscriptions-transport-ws-server.js';
import { artifacts, openInspector, type InspectorFixture } from './browser.js';
import { clippedControls } from './layout-checks.js';

const chromiumPeer = requirePeer('chromium');
const isBuilt = existsSync(join(rendererDirectory(), 'index.html'));

// The Fan-out view's subprotocol field against Apollo's subscriptions-transport-ws server (npm), which
// speaks only the legacy `graphql-ws` subprotocol: the field edits the view's Subprotocols setting,
// the default offer is refused with a hint, and the legacy offer counts every `data`; a mutation
// typed in makes the first clients senders whose published messages every client counts, with latency.
describe.skipIf(!chromiumPeer.isAvailable || !isBuilt)('the Fan-out view with legacy graphql-ws clients in Chromium', () => {
  let inspector: InspectorFixture;
  let server: SubscriptionsTransportWsServerPeer;

  beforeAll(async () => {
    server = await startSubscriptionsTransportWsServer({ keepAliveMs: 100 });
    inspector = await openInspector('e2e-fanout-graphql-legacy', { viewport: { width: 1024, height: 768 } });
  });
  afterAll(async () => {
    await inspector?.close();
    await server?.stop();
  });

  it('offers graphql-transport-ws by default and names graphql-ws when refused; the subprotocol field sets the settings’ Subprotocols, and every client then counts every result', async () => {
    const page = inspector.page;
    await page.getByRole('tablist', { name: 'View' }).getByRole('tab', { name: 'Fan-out', exact: true }).click();
    const bar = page.locator('form.fanout-bar');
    await bar.getByRole('textbox', { name: 'URL' }).fill(server.url);
    await bar.getByRole('textbox', { name: 'clients', exact: true }).fill('8');
    await bar.getByRole('combobox', { name: 'protocol' }).selectOption('graphql-ws');
    const subprotocol = bar.getByRole('combobox', { name: 'subprotocol' });
    expect(await subprotocol.inputValue()).toBe('graphql-transport-ws');
    await bar.getByRole('textbox', { name: 'GraphQL document' }).fill('subscription { tick(count: 15) }');
    await bar.getByRole('button', { name: 'Run' }).click();
    const firstClient = page.locator('table.fanout-table.clients tbody tr').first();
    await expect.poll(async () => ((await firstClient.count()) > 0 ? await firstClient.textContent() : ''), { timeout: 30_000 }).toContain('offer the subprotocol graphql-ws instead');

    await subprotocol.selectOption('graphql-ws');
    await bar.getByRole('button', { name: 'Settings' }).click();
    expect(await page.getByLabel('Subprotocols (comma-separated, in order)').inputValue()).toBe('graphql-ws');
    await page.getByRole('button', { name: 'Close settings' }).click();
    expect(await clippedControls(bar)).toEqual([]);
    await bar.getByRole('button', { name: 'Run' }).click();
    const totals = page.locator('table.fanout-table').first();
    await expect.poll(async () => ((await totals.count()) > 0 ? await totals.textContent() : ''), { timeout: 30_000 }).toContain('120/120');
    expect(await page.locator('table.fanout-table.clients tbody tr').count()).toBe(8);
    await page.screenshot({ path: join(artifacts, '43-fanout-graphql-legacy-1024.png'), fullPage: true });
  });

  it('a typed mutation brings the senders’ fields back: every client gets every sender’s messages, with latency percentiles', async () => {
    const page = inspector.page;
    const bar = page.locator('form.fanout-bar');
    expect(await bar.getByRole('textbox', { name: 'senders' }).count()).toBe(0);
    await bar.getByRole('textbox', { name: 'GraphQL document' }).fill('subscription { messages }');
    await bar.getByRole('textbox', { name: 'GraphQL mutation' }).fill('mutation Publish($message: String!) {\n  publish(message: $message)\n}');
    await bar.getByRole('textbox', { name: 'senders' }).fill('2');
    await bar.getByRole('textbox', { name: 'messages' }).fill('10');
    await bar.getByRole('textbox', { name: 'per s' }).fill('50');
    expect(await clippedControls(bar)).toEqual([]);
    await bar.getByRole('button', { name: 'Run' }).click();
    const totals = page.locator('table.fanout-table').first();
    await expect.poll(async () => ((await totals.count()) > 0 ? await totals.textContent() : ''), { timeout: 30_000 }).toContain('160/160');
    expect(await page.locator('.fanout-body > p').first().textContent()).toMatch(/^8 graphql-ws clients \(subprotocol graphql-ws\) subscribed, 2 sender\(s\) running the mutation × 10 messages at 50\/s each · finished in [\d.]+ s, 20 messages sent$/);
    const all = totals.locator('tbody tr', { hasText: 'all' });
    expect(await all.textContent()).toMatch(/[\d.]+ ms/);
    expect(await page.getByRole('heading', { name: 'Delivery latency per backend' }).count()).toBe(1);
    await page.screenshot({ path: join(artifacts, '44-fanout-graphql-legacy-mutation-1024.png'), fullPage: true });
  });
});
