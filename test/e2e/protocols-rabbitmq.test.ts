import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDirectory } from '../../electron/app-paths.js';
import { startRabbitmq, type RabbitmqPeer } from '../harness/rabbitmq.js';
import { requirePeer } from '../harness/require-peer.js';
import { connect, frames, openInspector, type InspectorFixture } from './browser.js';
import { composeProtocol, followTail, protocolComposer, protocolDetail, screenshotBoth } from './protocol-steps.js';

// STOMP in the window against RabbitMQ's Web STOMP (Debian rabbitmq-server). RabbitMQ boots in
// 10–30 s, so this file stands apart from the fast e2e files and starts one node for itself.

const chromiumPeer = requirePeer('chromium');
const rabbitmqPeer = requirePeer('rabbitmq');

describe.skipIf(!chromiumPeer.isAvailable || !rabbitmqPeer.isAvailable || !existsSync(join(rendererDirectory(), 'index.html')))('STOMP in the window (RabbitMQ Web STOMP)', () => {
  let inspector: InspectorFixture;
  let page: Page;
  let broker: RabbitmqPeer;

  beforeAll(async () => {
    broker = await startRabbitmq();
    inspector = await openInspector('e2e-stomp');
    page = inspector.page;
  }, 150_000);

  afterAll(async () => {
    await inspector?.close();
    await broker?.stop();
  }, 30_000);

  it('connects, subscribes and sends from the protocol composer; the MESSAGE is linked to its SUBSCRIBE', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Subprotocols (comma-separated, in order)').fill('v12.stomp');
    await page.getByRole('button', { name: 'Close settings' }).click();
    await connect(page, broker.stompUrl);
    const bar = page.getByRole('toolbar', { name: 'Application protocol' });
    await expect.poll(() => bar.textContent()).toContain('subprotocol v12.stomp accepted by the server');
    await protocolComposer(page, 'STOMP');
    await composeProtocol(page, {}, { Command: 'CONNECT', 'Headers (name:value per line)': 'accept-version:1.2\nhost:/\nheart-beat:1000,1000', Body: '' });
    const connected = frames(page).getByRole('row').filter({ hasText: 'STOMP CONNECTED v1.2' });
    await expect.poll(() => connected.count()).toBe(1);
    await expect.poll(() => connected.textContent()).toMatch(/answers #\d+/);
    await composeProtocol(page, {}, { Command: 'SUBSCRIBE', 'Headers (name:value per line)': 'id:sub-0\ndestination:/topic/window\nack:auto' });
    await composeProtocol(page, {}, { Command: 'SEND', 'Headers (name:value per line)': 'destination:/topic/window\ncontent-type:text/plain', Body: 'hello from the window' });
    const message = frames(page).getByRole('row').filter({ hasText: 'STOMP MESSAGE /topic/window' });
    await expect.poll(() => message.count()).toBe(1);
    await expect.poll(() => message.textContent()).toMatch(/belongs to #\d+/);
    // On its number: the row's middle may be its "belongs to #n" chip, which jumps to the SUBSCRIBE.
    await message.getByRole('gridcell').first().click();
    await expect.poll(() => protocolDetail(page).textContent()).toContain('hello from the window');
    // Heart-beats both ways at the negotiated 1 s: ours are sent by the duties.
    await followTail(page);
    await expect.poll(() => frames(page).getByRole('row').filter({ hasText: 'STOMP heart-beat' }).filter({ hasText: 'auto' }).count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    await screenshotBoth(page, 'stomp-message');
  });
});
