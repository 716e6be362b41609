import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDirectory } from '../../electron/app-paths.js';
import { startMosquitto, type MosquittoPeer } from '../harness/mosquitto.js';
import { requirePeer } from '../harness/require-peer.js';
import { startSocketIoServer, type SocketIoServerPeer } from '../harness/socket-io-server.js';
import { connect, frames, openInspector, type InspectorFixture } from './browser.js';
import { composeProtocol, protocolComposer, protocolDetail, screenshotBoth } from './protocol-steps.js';

// Application protocols in the window (frameline ui in Chromium) against real peers: a Socket.IO
// chat read and sent through the protocol composer (the ack with its RTT, linked to its emit), the
// keep-alive filter, and an MQTT publish to mosquitto. Screenshots at 1024 and 1920 px wide.

const chromiumPeer = requirePeer('chromium');
const mosquittoPeer = requirePeer('mosquitto');

describe.skipIf(!chromiumPeer.isAvailable || !existsSync(join(rendererDirectory(), 'index.html')))('application protocols in the window', () => {
  let inspector: InspectorFixture;
  let page: Page;
  let socketIo: SocketIoServerPeer;

  beforeAll(async () => {
    socketIo = await startSocketIoServer({ version: 4, pingIntervalMs: 700, pingTimeoutMs: 700 });
    inspector = await openInspector('e2e-protocols');
    page = inspector.page;
  });

  afterAll(async () => {
    await inspector?.close();
    await socketIo?.stop();
  });

  it('detects Socket.IO, connects /chat and emits with an ack from the protocol composer; the ack shows its RTT', async () => {
    await connect(page, socketIo.url);
    const bar = page.getByRole('toolbar', { name: 'Application protocol' });
    await expect.poll(() => bar.textContent()).toContain('Socket.IO');
    await expect.poll(() => bar.textContent()).toContain('the URL asks for Engine.IO 4 over websocket');
    await protocolComposer(page, 'Socket.IO');
    await composeProtocol(page, { Kind: 'Connect namespace' }, { Namespace: '/chat' });
    await expect.poll(() => frames(page).getByRole('row').filter({ hasText: 'socket.io CONNECT /chat' }).count()).toBe(2);
    await composeProtocol(page, { Kind: 'Event' }, { Namespace: '/chat', 'Event name': 'chat:message', 'Arguments (JSON, as typed)': '{"text":"hello from the window"}' });
    const ack = frames(page).getByRole('row').filter({ hasText: /socket\.io ACK id=1 \/chat/ });
    await expect.poll(() => ack.count()).toBe(1);
    await expect.poll(() => ack.textContent()).toMatch(/RTT \d/);
    await expect.poll(() => ack.textContent()).toContain('hello from the window');
    // The server's echo arrives as its own event.
    await expect.poll(() => frames(page).getByRole('row').filter({ hasText: 'socket.io EVENT chat:echo /chat' }).count()).toBe(1);
    // The ack's frame opens on its protocol tab: the tree, and a link back to the emit.
    await ack.click();
    const detail = protocolDetail(page);
    await expect.poll(() => detail.textContent()).toContain('acknowledges #');
    await expect.poll(() => detail.textContent()).toContain('hello from the window');
    await screenshotBoth(page, 'socket-io-ack');
    await detail.getByRole('button', { name: /^acknowledges #\d+$/ }).click();
    await expect.poll(() => detail.textContent()).toContain('socket.io EVENT chat:message /chat id=1');
    await expect.poll(() => detail.textContent()).toContain('acknowledged by #');
    await expect.poll(() => socketIo.events().filter((event) => event.kind === 'connect' && event.namespace === '/chat').length).toBe(1);
  });

  it('keeps the session alive with the Engine.IO pongs and filters them like control frames', async () => {
    // Past several ping timeouts (700 + 700 ms): Frameline answered each ping.
    await page.waitForTimeout(3_000);
    expect(await page.getByRole('tab', { name: /127\.0\.0\.1/ }).first().textContent()).not.toMatch(/closed/);
    const bar = page.getByRole('toolbar', { name: 'Application protocol' });
    await bar.getByRole('button', { name: 'Keep-alive', exact: true }).click();
    const rows = frames(page).getByRole('row').filter({ hasText: /engine\.io (ping|pong)/ });
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(4);
    const dataRows = await frames(page).getByRole('row').filter({ hasText: /socket\.io (EVENT|ACK|CONNECT)/ }).count();
    expect(dataRows).toBe(0);
    await expect.poll(() => frames(page).getByRole('row').filter({ hasText: 'auto' }).count()).toBeGreaterThanOrEqual(2);
    await screenshotBoth(page, 'socket-io-keep-alive');
    await bar.getByRole('button', { name: 'All', exact: true }).click();
  });

  it('sends a malformed event exactly as typed; it is kept with a protocol violation', async () => {
    await composeProtocol(page, { Kind: 'Event' }, { Namespace: '/', 'Event name': 'broken', 'Arguments (JSON, as typed)': '{"unclosed": ' });
    const row = frames(page).getByRole('row').filter({ hasText: 'socket.io invalid' });
    await expect.poll(() => row.count()).toBeGreaterThanOrEqual(1);
    await expect.poll(() => row.first().textContent()).toMatch(/violation/);
  });

  describe.skipIf(!mosquittoPeer.isAvailable)('MQTT with mosquitto', () => {
    let broker: MosquittoPeer;
    beforeAll(async () => {
      broker = await startMosquitto();
    });
    afterAll(async () => {
      await broker?.stop();
    });

    it('connects, subscribes and publishes at QoS 1 from the protocol composer; PUBACK and the delivery are linked', async () => {
      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByLabel('Subprotocols (comma-separated, in order)').fill('mqtt');
      await page.getByRole('button', { name: 'Close settings' }).click();
      await connect(page, broker.url);
      const bar = page.getByRole('toolbar', { name: 'Application protocol' });
      await expect.poll(() => bar.textContent()).toContain('MQTT');
      await protocolComposer(page, 'MQTT');
      await composeProtocol(page, { Packet: 'CONNECT' }, { 'Client id': 'frameline-e2e', 'Keep Alive (s)': '2' });
      await expect.poll(() => frames(page).getByRole('row').filter({ hasText: 'MQTT CONNACK' }).count()).toBe(1);
      await composeProtocol(page, { Packet: 'SUBSCRIBE', QoS: '1' }, { Topic: 'sensors/#' });
      await expect.poll(() => frames(page).getByRole('row').filter({ hasText: 'MQTT SUBACK' }).count()).toBe(1);
      await composeProtocol(page, { Packet: 'PUBLISH', QoS: '1' }, { Topic: 'sensors/t', Payload: '21.5' });
      const puback = frames(page).getByRole('row').filter({ hasText: /MQTT PUBACK id=\d+/ });
      await expect.poll(() => puback.count()).toBeGreaterThanOrEqual(1);
      await expect.poll(() => puback.first().textContent()).toMatch(/acknowledges #\d+/);
      const delivery = frames(page).getByRole('row').filter({ hasText: /MQTT PUBLISH qos1 id=\d+ sensors\/t/ }).filter({ has: page.getByLabel('received') });
      await expect.poll(() => delivery.count()).toBe(1);
      await delivery.click();
      await expect.poll(() => protocolDetail(page).textContent()).toContain('21.5');
      await expect.poll(() => protocolDetail(page).textContent()).toContain('belongs to #');
      // The keep-alive duty: PINGREQ every 1.5 s of silence, answered.
      await expect.poll(() => frames(page).getByRole('row').filter({ hasText: 'MQTT PINGRESP' }).count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
      await screenshotBoth(page, 'mqtt-publish');
    });
  });
});
