import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDirectory } from '../../electron/app-paths.js';
import { requirePeer } from '../harness/require-peer.js';
import { startSubscriptionsTransportWsServer, type SubscriptionsTransportWsServerPeer } from '../harness/subscriptions-transport-ws-server.js';
import { artifacts, openInspector, type InspectorFixture } from './browser.js';
import { fillFanoutForm, totalsShowing } from './fanout-form.js';
import { clippedControls } from './layout-checks.js';

const chromiumPeer = requirePeer('chromium');
const englishLabels = { view: 'View', fanout: 'Fan-out', url: 'URL', clients: 'clients', protocol: 'protocol' };
const isBuilt = existsSync(join(rendererDirectory(), 'index.html'));

// The Fan-out view's subprotocol field against Apollo's subscriptions-transport-ws server (npm), which
// speaks only the legacy `graphql-ws` subprotocol: with no subprotocol named the clients fall back to
// it by themselves (the client table names it per client), the field edits the view's Subprotocols
// setting, and the legacy offer counts every `data`; a mutation typed in makes the first clients
// senders whose published messages every client counts, with latency; the keep-alive timeout field
// is checked by the run options' schema and reaches every client.
describe.skipIf(!chromiumPeer.isAvailable || !isBuilt)('the Fan-out view with legacy graphql-ws clients in Chromium', () => {
  let inspector: InspectorFixture;
  let server: SubscriptionsTransportWsServerPeer;
  let stalled: SubscriptionsTransportWsServerPeer;

  beforeAll(async () => {
    server = await startSubscriptionsTransportWsServer({ keepAliveMs: 100 });
    stalled = await startSubscriptionsTransportWsServer({ keepAliveMs: 50, keepAlivesSent: 3 });
    inspector = await openInspector('e2e-fanout-graphql-legacy', { viewport: { width: 1024, height: 768 } });
  });
  afterAll(async () => {
    await inspector?.close();
    await server?.stop();
    await stalled?.stop();
  });

  it('offers graphql-transport-ws by default and falls back to graphql-ws when refused, each client’s row naming it; the subprotocol field sets the settings’ Subprotocols, and every client then counts every result', async () => {
    const page = inspector.page;
    const bar = await fillFanoutForm(page, englishLabels, { url: server.url, clients: 8, protocol: 'graphql-ws' });
    const subprotocol = bar.getByRole('combobox', { name: 'subprotocol' });
    expect(await subprotocol.inputValue()).toBe('graphql-transport-ws');
    await bar.getByRole('textbox', { name: 'GraphQL document' }).fill('subscription { tick(count: 15) }');
    await bar.getByRole('button', { name: 'Run' }).click();
    await totalsShowing(page, '120/120');
    expect(await page.locator('.fanout-body > p.muted').allTextContents()).toContain('8 clients fell back from subprotocol graphql-transport-ws to graphql-ws: the server refused the first');
    const clientTable = page.locator('table.fanout-table.clients');
    expect(await clientTable.locator('thead th').allTextContents()).toContain('subprotocol');
    const rows = clientTable.locator('tbody tr');
    expect(await rows.count()).toBe(8);
    for (const row of await rows.all()) {
      // client, backend, attempts (the refused one and the fallback), subprotocol.
      expect((await row.locator('td').allTextContents()).slice(2, 4)).toEqual(['2', 'graphql-ws']);
      expect(await row.locator('td').nth(2).getAttribute('title')).toMatch(/ms subprotocol fallback: the server refused graphql-transport-ws \(closed by the server: .*1002.*\); offering graphql-ws instead/);
    }
    await page.screenshot({ path: join(artifacts, '46-fanout-graphql-fallback-1024.png'), fullPage: true });

    await subprotocol.selectOption('graphql-ws');
    await bar.getByRole('button', { name: 'Settings' }).click();
    expect(await page.getByLabel('Subprotocols (comma-separated, in order)').inputValue()).toBe('graphql-ws');
    await page.getByRole('button', { name: 'Close settings' }).click();
    expect(await clippedControls(bar)).toEqual([]);
    await bar.getByRole('button', { name: 'Run' }).click();
    await totalsShowing(page, '120/120');
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
    const totals = await totalsShowing(page, '160/160');
    expect(await page.locator('.fanout-body > p').first().textContent()).toMatch(/^8 graphql-ws clients \(subprotocol graphql-ws\) subscribed, 2 sender\(s\) running the mutation × 10 messages at 50\/s each · finished in [\d.]+ s, 20 messages sent$/);
    const all = totals.locator('tbody tr', { hasText: 'all' });
    expect(await all.textContent()).toMatch(/[\d.]+ ms/);
    expect(await page.getByRole('heading', { name: 'Delivery latency per backend' }).count()).toBe(1);
    await page.screenshot({ path: join(artifacts, '44-fanout-graphql-legacy-mutation-1024.png'), fullPage: true });
  });

  it('the keep-alive timeout field: a value the run options’ schema refuses is an error notice and no run; 0.6 s reaches every client, which takes a server that stopped its ka for dead after 0.6 s', async () => {
    const page = inspector.page;
    const bar = page.locator('form.fanout-bar');
    await bar.getByRole('textbox', { name: 'URL' }).fill(stalled.url);
    await bar.getByRole('textbox', { name: 'clients', exact: true }).fill('3');
    await bar.getByRole('textbox', { name: 'GraphQL document' }).fill('subscription { messages }');
    await bar.getByRole('textbox', { name: 'GraphQL mutation' }).fill('');
    const field = bar.getByRole('textbox', { name: 'keep-alive timeout (s)' });
    expect(await field.getAttribute('placeholder')).toBe('30');
    await field.fill('0.05');
    expect(await clippedControls(bar)).toEqual([]);
    await bar.getByRole('button', { name: 'Run' }).click();
    await expect.poll(() => page.locator('.status-bar').getByRole('alert').textContent(), { timeout: 10_000 }).toContain('Keep-alive timeout: seconds from 0.1 to 600');
    await field.fill('0.6');
    await bar.getByRole('button', { name: 'Run' }).click();
    const rows = page.locator('table.fanout-table.clients tbody tr');
    await expect.poll(async () => ((await rows.count()) === 3 ? (await rows.allTextContents()).join('\n') : ''), { timeout: 30_000 }).toMatch(/nothing for 0\.6 s: the client took the connection as dead and closed it(.|\n)*nothing for 0\.6 s(.|\n)*nothing for 0\.6 s/);
    expect(stalled.logs()).toContain('ka withheld');
    await page.screenshot({ path: join(artifacts, '47-fanout-graphql-keepalive-1024.png'), fullPage: true });
  });
});
