import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDirectory } from '../../electron/app-paths.js';
import { startNginx, type NginxPeer } from '../harness/nginx.js';
import { requirePeer } from '../harness/require-peer.js';
import { startWsServer, type WsServerPeer } from '../harness/ws-server.js';
import { artifacts, frames, openInspector, type InspectorFixture } from './browser.js';
import { textContrast } from './layout-checks.js';

const chromiumPeer = requirePeer('chromium');
const nginxPeer = requirePeer('nginx');
const isBuilt = existsSync(join(rendererDirectory(), 'index.html'));

/** Runs the chosen groups against `url` from the Conformance view and waits for the run to finish. */
async function runGroups(page: Page, url: string, groups: readonly number[]): Promise<void> {
  await page.getByRole('textbox', { name: 'URL' }).fill(url);
  const picker = page.getByRole('group', { name: 'Groups' });
  for (const checkbox of await picker.getByRole('checkbox').all()) {
    const label = (await checkbox.evaluate((element) => element.parentElement?.textContent ?? '')).trim();
    await checkbox.setChecked(groups.includes(Number(label.split(' ')[0])));
  }
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect.poll(async () => (await page.getByRole('status').first().textContent()) ?? '', { timeout: 60_000 }).toMatch(/^\d+ cases in/);
}

describe.skipIf(!chromiumPeer.isAvailable || !isBuilt || !nginxPeer.isAvailable)('the Conformance view in Chromium', () => {
  let inspector: InspectorFixture;
  let server: WsServerPeer;
  let proxy: NginxPeer;
  let page: Page;

  beforeAll(async () => {
    server = await startWsServer();
    // An nginx whose proxy_read_timeout is shorter than the battery's pauses: 5.19's one-second wait breaks through it.
    proxy = await startNginx({ upstreamPort: server.port, mode: 'read-timeout', readTimeoutSeconds: 1 });
    inspector = await openInspector('e2e-conformance');
    page = inspector.page;
    await page.getByRole('tablist', { name: 'View' }).getByRole('tab', { name: 'Conformance', exact: true }).click();
  });
  afterAll(async () => {
    await inspector?.close();
    await proxy?.stop();
    await server?.stop();
  });

  it('runs groups against the server, shows a case with its expectation and verdict, and opens its capture', async () => {
    await runGroups(page, server.url, [3, 5, 7]);
    const grid = page.getByLabel('Cases by group');
    await grid.getByRole('button', { name: '3.1', exact: true }).click();
    const detail = page.getByLabel('Case 3.1');
    await expect.poll(() => detail.textContent()).toContain('The server failed the connection with 1002.');
    expect(await detail.textContent()).toContain('(6455 §5.2)');
    for (const width of [1024, 1920]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: join(artifacts, `conformance-grid-${width}.png`) });
    }
    // In the dark scheme a verdict is light text on a dark tint (it was a pale block), at least 4.5:1 (WCAG AA).
    await page.emulateMedia({ colorScheme: 'dark' });
    const verdicts = page.locator('.verdict-badge, .case-cell.ok, .case-cell.non-strict, .case-cell.info, .case-cell.unimpl, .case-cell.failed');
    const classes = new Set<string>();
    for (const verdict of await verdicts.all()) {
      const name = (await verdict.getAttribute('class')) ?? '';
      if (classes.has(name)) continue;
      classes.add(name);
      const contrast = await textContrast(verdict);
      expect(contrast.textLuminance, `${name}: light text`).toBeGreaterThan(contrast.backgroundLuminance);
      expect(contrast.ratio, name).toBeGreaterThanOrEqual(4.5);
    }
    expect([...classes].some((name) => name.includes('case-cell') && name.includes('ok'))).toBe(true);
    await page.screenshot({ path: join(artifacts, 'conformance-grid-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    await detail.getByRole('button', { name: 'Open capture in the inspector' }).click();
    await expect.poll(async () => (await frames(page).allTextContents()).join('\n')).toMatch(/close[\s\S]*1002/);
  });

  it('runs again through a broken nginx and compares the two runs, the differing cases highlighted', async () => {
    await page.getByRole('tablist', { name: 'View' }).getByRole('tab', { name: 'Conformance', exact: true }).click();
    await runGroups(page, proxy.url, [3, 5, 7]);
    await page.getByLabel('Compare with').selectOption({ index: 1 });
    const comparison = page.getByLabel('Two runs compared');
    // The cases that pause past nginx's timeout differ; a case failing the connection can differ too
    // on a loaded machine, when the reset answering our in-flight ping overtakes the close frame.
    const paused = comparison.locator('tr.differs').filter({ hasText: /^5\.(19|20)/ });
    await expect.poll(() => paused.count()).toBeGreaterThan(0);
    await paused.first().click();
    for (const width of [1024, 1920]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: join(artifacts, `conformance-compare-${width}.png`) });
    }
  });
});
