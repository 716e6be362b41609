import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDirectory } from '../../electron/app-paths.js';
import { freePort } from '../harness/free-port.js';
import { requirePeer } from '../harness/require-peer.js';
import { artifacts, openInspector, type InspectorFixture } from './browser.js';

const chromiumPeer = requirePeer('chromium');
const isBuilt = existsSync(join(rendererDirectory(), 'index.html'));

async function openRelayView(page: Page): Promise<void> {
  await page.getByRole('tablist', { name: 'View' }).getByRole('tab', { name: 'Relay', exact: true }).click();
}

async function startRelay(page: Page, port: number, upstreamPort: number): Promise<void> {
  const bar = page.getByRole('form', { name: 'Relay' });
  await bar.getByRole('textbox', { name: 'Port' }).fill(String(port));
  await bar.getByRole('textbox', { name: 'Server' }).fill(`ws://127.0.0.1:${upstreamPort}`);
  await bar.getByRole('button', { name: 'Start relay' }).click();
}

async function relaysText(page: Page): Promise<string> {
  return (await page.getByRole('list', { name: 'Relays' }).textContent()) ?? '';
}

/** Two windows on one engine (two pages of the browser UI): a relay started or stopped in one is listed so in the other, without a reload. */
describe.skipIf(!chromiumPeer.isAvailable || !isBuilt)('two windows follow the same relays (Chromium)', () => {
  let inspector: InspectorFixture;
  let first: Page;
  let second: Page;

  beforeAll(async () => {
    inspector = await openInspector('e2e-relay-windows', { viewport: { width: 1024, height: 768 } });
    first = inspector.page;
    second = await inspector.browser.newPage({ viewport: { width: 1024, height: 768 }, locale: 'en-US' });
    await second.goto(inspector.host.launchUrl());
    await openRelayView(first);
    await openRelayView(second);
  });
  afterAll(async () => {
    await inspector?.close();
  });

  it('lists a relay the other window started, and drops it when that window stops it', async () => {
    // No client comes through, so the upstream is never dialled: a free port stands for the server.
    const [fromFirst, fromSecond, upstream] = [await freePort(), await freePort(), await freePort()];
    await startRelay(first, fromFirst, upstream);
    await expect.poll(() => relaysText(second)).toContain(`ws://127.0.0.1:${fromFirst}/`);
    await startRelay(second, fromSecond, upstream);
    await expect.poll(() => relaysText(first)).toContain(`ws://127.0.0.1:${fromSecond}/`);
    // Each window lists each relay once, its own included.
    for (const page of [first, second]) expect((await relaysText(page)).split('ws://127.0.0.1:' + fromFirst + '/').length).toBe(2);
    await second.screenshot({ path: join(artifacts, 'relay-windows-second.png') });

    const relays = first.getByRole('list', { name: 'Relays' });
    await relays.getByRole('listitem').filter({ hasText: `ws://127.0.0.1:${fromFirst}/` }).getByRole('button', { name: 'Stop', exact: true }).click();
    await expect.poll(() => relaysText(second)).not.toContain(`ws://127.0.0.1:${fromFirst}/`);
    expect(await relaysText(second)).toContain(`ws://127.0.0.1:${fromSecond}/`);
    expect(await relaysText(first)).not.toContain(`ws://127.0.0.1:${fromFirst}/`);
  });
});
