import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDirectory } from '../../electron/app-paths.js';
import { requirePeer } from '../harness/require-peer.js';
import { openInspector, type InspectorFixture } from './browser.js';

const chromiumPeer = requirePeer('chromium');
const isBuilt = existsSync(join(rendererDirectory(), 'index.html'));

describe.skipIf(!chromiumPeer.isAvailable || !isBuilt)('view shortcuts and Escape on the settings drawer (Chromium)', () => {
  let inspector: InspectorFixture | undefined;
  beforeAll(async () => {
    inspector = await openInspector('e2e-view-shortcuts');
  });
  afterAll(async () => {
    await inspector?.close();
  });

  it('Alt+1 to Alt+6 pick the view tabs in the order they are shown, and each tab says its key', async () => {
    const page = inspector!.page;
    const tabs = page.getByRole('tablist', { name: 'View' }).getByRole('tab');
    const names = await tabs.allTextContents();
    expect(names).toEqual(['Inspect', 'Doctor', 'Listen', 'Relay', 'Fan-out', 'Conformance']);
    for (const [index, name] of [...names.entries()].reverse()) {
      await page.keyboard.press(`Alt+${index + 1}`);
      await expect.poll(() => page.getByRole('tab', { name, exact: true, selected: true }).count()).toBe(1);
      expect(await tabs.nth(index).getAttribute('title')).toMatch(new RegExp(`\\(Alt\\+${index + 1}\\)$`));
    }
    await page.keyboard.press('?');
    const sheet = page.getByRole('dialog');
    expect(await sheet.textContent()).toContain('Alt+6');
    expect(await sheet.textContent()).toContain('Inspect, Doctor, Listen, Relay, Fan-out, Conformance');
    await page.keyboard.press('Escape');
    await expect.poll(() => sheet.count()).toBe(0);
  });

  it('Escape closes the settings drawer, from one of its fields too', async () => {
    const page = inspector!.page;
    await page.keyboard.press('Alt+1');
    const drawer = page.getByRole('complementary', { name: 'Connection settings' });
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await expect.poll(() => drawer.count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => drawer.count()).toBe(0);
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await drawer.getByRole('textbox').first().focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => drawer.count()).toBe(0);
  });
});
