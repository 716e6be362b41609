import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDirectory } from '../../electron/app-paths.js';
import { startBroadcastWsServer } from '../harness/broadcast-ws-server.js';
import { requirePeer } from '../harness/require-peer.js';
import { artifacts, openInspector, type InspectorFixture } from './browser.js';
import { textContrast } from './layout-checks.js';

const chromiumPeer = requirePeer('chromium');
const isBuilt = existsSync(join(rendererDirectory(), 'index.html'));

describe.skipIf(!chromiumPeer.isAvailable || !isBuilt)('the Fan-out view in Chromium', () => {
  let inspector: InspectorFixture;
  let server: Awaited<ReturnType<typeof startBroadcastWsServer>>;

  beforeAll(async () => {
    server = await startBroadcastWsServer('node-a');
    inspector = await openInspector('e2e-fanout');
  });
  afterAll(async () => {
    await inspector?.close();
    await server?.stop();
  });

  it('runs against a broadcasting ws server, shows the backend row, keeps clients out of the tabs, and opens one client’s capture', async () => {
    const page = inspector.page;
    await page.getByRole('tablist', { name: 'View' }).getByRole('tab', { name: 'Fan-out', exact: true }).click();
    await page.getByRole('textbox', { name: 'URL' }).fill(server.url);
    await page.getByRole('textbox', { name: 'clients' }).fill('8');
    await page.getByRole('textbox', { name: 'senders' }).fill('2');
    await page.getByRole('textbox', { name: 'messages' }).fill('15');
    await page.getByRole('textbox', { name: 'per s' }).fill('50');
    await page.getByRole('button', { name: 'Run' }).click();
    const table = page.locator('table.fanout-table').first();
    await expect.poll(async () => (await table.count()) > 0 ? await table.textContent() : '', { timeout: 30_000 }).toContain('node-a');
    expect(await table.textContent()).toContain('240/240');
    await expect.poll(() => server.connections()).toBeGreaterThanOrEqual(8);
    expect(await page.getByRole('navigation', { name: 'Sessions' }).textContent()).not.toContain('fan-out');
    await page.screenshot({ path: join(artifacts, '40-fanout.png'), fullPage: true });
    // The histograms' axis words are the window's muted colour, readable in the dark scheme too (they were #777 on #1e1f22, 3.7:1).
    await page.emulateMedia({ colorScheme: 'dark' });
    expect((await textContrast(page.locator('.fanout-histogram figcaption').first())).ratio).toBeGreaterThanOrEqual(4.5);
    await page.emulateMedia({ colorScheme: 'light' });
    // Each client's timeline is the tooltip of its attempts cell: when it dialled, opened, which backend its rule named.
    const attempts = page.locator('table.fanout-table.clients tbody tr').first().locator('td').nth(2);
    expect(await attempts.getAttribute('title')).toMatch(/^[\d.]+ ms dial\n[\d.]+ ms open\n[\d.]+ ms backend named: node-a \([^)]+\)/);

    await page.locator('table.fanout-table.clients').getByRole('button', { name: 'Open' }).nth(2).click();
    // Opening asks main for the session first, then switches the view.
    await expect.poll(() => page.getByRole('tablist', { name: 'View' }).getByRole('tab', { name: 'Inspect' }).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => page.getByRole('navigation', { name: 'Sessions' }).textContent()).toContain('fan-out · 3');
  });
});
