import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDirectory } from '../../electron/app-paths.js';
import { freePort } from '../harness/free-port.js';
import { startPythonSocketio, type PythonSocketioPeer } from '../harness/python-socketio-server.js';
import { requirePeer } from '../harness/require-peer.js';
import { artifacts, frames, openInspector, type InspectorFixture } from './browser.js';
import { validateHar } from '../harness/har-validator.js';

const chromiumPeer = requirePeer('chromium');
const pythonSocketio = requirePeer('python-socketio');
const isBuilt = existsSync(join(rendererDirectory(), 'index.html'));
describe.skipIf(!chromiumPeer.isAvailable || !pythonSocketio.isAvailable || !isBuilt)('the Relay view lists HTTP exchanges (Chromium)', () => {
  let inspector: InspectorFixture;
  let ui: Page;
  let server: PythonSocketioPeer;
  let client: Socket | undefined;

  beforeAll(async () => {
    server = await startPythonSocketio({ pingIntervalMs: 25_000, pingTimeoutMs: 20_000, isPollingToo: true });
    inspector = await openInspector('e2e-relay-http');
    ui = inspector.page;
  });
  afterAll(async () => {
    client?.close();
    await inspector?.close();
    await server?.stop();
  });

  it('a Socket.IO client polling through the relay: the Engine.IO handshake is listed with 200, and selected shows its body 0{"sid"…', async () => {
    const relayPort = await freePort();
    await ui.getByRole('tablist', { name: 'View' }).getByRole('tab', { name: 'Relay', exact: true }).click();
    const exchanges = ui.getByRole('region', { name: 'HTTP exchanges (not WebSocket)' });
    expect(await exchanges.textContent()).toContain('none yet');
    expect(await exchanges.locator('.panel-title').getAttribute('title')).toContain('Engine.IO polling');
    const bar = ui.getByRole('form', { name: 'Relay' });
    await bar.getByRole('textbox', { name: 'Port' }).fill(String(relayPort));
    await bar.getByRole('textbox', { name: 'Server' }).fill(`ws://127.0.0.1:${server.port}`);
    await bar.getByRole('button', { name: 'Start relay' }).click();
    await expect.poll(() => ui.getByRole('list', { name: 'Relays' }).textContent()).toContain(`ws://127.0.0.1:${relayPort}/`);

    client = io(`http://127.0.0.1:${relayPort}/chat`, { reconnection: false, timeout: 10_000 });
    await new Promise<void>((resolve, reject) => {
      client!.once('connect', () => resolve());
      client!.once('connect_error', reject);
    });

    const table = exchanges.getByRole('table', { name: 'HTTP exchanges (not WebSocket)' });
    const handshakeRow = table.getByRole('row').filter({ has: ui.getByRole('button', { name: 'Show HTTP exchange 1', exact: true }) });
    await expect.poll(() => handshakeRow.textContent(), { timeout: 10_000 }).toMatch(/GET.*\/socket\.io\/\?EIO=4&transport=polling.*200 OK/);
    await expect.poll(() => table.getByRole('row').count()).toBeGreaterThan(2);
    await handshakeRow.getByRole('button', { name: 'Show HTTP exchange 1', exact: true }).click();
    const response = exchanges.getByRole('region', { name: 'Response' });
    await expect.poll(() => response.textContent()).toMatch(/HTTP\/1\.1 200 OK[\s\S]*Content-Type: text\/plain[\s\S]*0\{"sid":"[^"]+","upgrades":\["websocket"\]/);
    expect(await exchanges.getByRole('region', { name: 'Request' }).textContent()).toMatch(/^Request\s*GET http:\/\/127\.0\.0\.1:\d+\/socket\.io\/\?EIO=4&transport=polling/);
    expect(await exchanges.textContent()).toContain('completed');
    await ui.screenshot({ path: join(artifacts, 'relay-http-exchanges.png') });
    // Folded to its title and count, the list gives its height back to the timeline; unfolded, the selection is kept.
    const fold = exchanges.getByRole('button', { name: /HTTP exchanges/ });
    await fold.click();
    expect(await fold.getAttribute('aria-expanded')).toBe('false');
    expect(await table.count()).toBe(0);
    expect(await exchanges.locator('.panel-title').textContent()).toMatch(/\d+ exchanges/);
    await fold.click();
    await expect.poll(() => exchanges.getByRole('region', { name: 'Response' }).count()).toBe(1);
  });

  it('Export HAR… downloads the exchanges as HAR 1.2 that har-validator reads, the handshake with its open packet first', async () => {
    const exchanges = ui.getByRole('region', { name: 'HTTP exchanges (not WebSocket)' });
    const button = exchanges.getByRole('button', { name: 'Export HAR…', exact: true });
    expect(await button.getAttribute('title')).toMatch(/^Save the HTTP exchanges of the relay at ws:\/\/127\.0\.0\.1:\d+\/ as a HAR 1\.2 file/);
    const downloading = ui.waitForEvent('download');
    await button.click();
    const download = await downloading;
    const name = download.suggestedFilename();
    expect(name).toMatch(/^127\.0\.0\.1_\d+-http-\d{8}-\d{6}-redacted\.har$/);
    await expect.poll(() => ui.locator('.status-bar .notice').textContent()).toContain(`Downloading the HTTP exchanges as HAR (secrets redacted): ${name}`);
    const path = inspector.temp.file(name);
    await download.saveAs(path);
    const har = JSON.parse(readFileSync(path, 'utf8')) as { log: { entries: { request: { method: string; url: string }; response: { status: number; content: { text?: string } } }[] } };
    await expect(validateHar(har)).resolves.toBeTruthy();
    const [handshake] = har.log.entries;
    expect(handshake!.request.method).toBe('GET');
    expect(handshake!.request.url).toMatch(/\/socket\.io\/\?EIO=4&transport=polling/);
    expect(handshake!.response.status).toBe(200);
    expect(handshake!.response.content.text).toMatch(/^0\{"sid":/);
    await ui.screenshot({ path: join(artifacts, 'relay-http-export-har.png') });

    // Open capture… takes it back: a read-only session whose exchanges are notes in the timeline.
    await ui.getByRole('tablist', { name: 'View' }).getByRole('tab', { name: 'Inspect', exact: true }).click();
    const chooser = ui.waitForEvent('filechooser');
    await ui.getByRole('button', { name: 'Open capture…' }).click();
    await (await chooser).setFiles(path);
    await expect.poll(() => ui.locator('.status-bar .notice').textContent()).toContain(`Opened ${name} (read-only)`);
    const notes = frames(ui).getByRole('row').filter({ hasText: /HTTP GET http:\/\/127\.0\.0\.1:\d+\/socket\.io\/\?EIO=4&transport=polling/ });
    await expect.poll(() => notes.count()).toBeGreaterThan(0);
    await expect.poll(() => notes.first().textContent()).toContain('200 OK');
    await ui.screenshot({ path: join(artifacts, 'relay-http-har-opened.png') });
  });

  it('after Stop, the exchanges stay listed and Export HAR… still downloads them, the Engine.IO sid blanked in the open packet as in the URLs', async () => {
    const sid = client!.io.engine.id;
    await ui.getByRole('tablist', { name: 'View' }).getByRole('tab', { name: 'Relay', exact: true }).click();
    const relays = ui.getByRole('list', { name: 'Relays' });
    await relays.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect.poll(() => ui.getByText('No relay running').count()).toBeGreaterThan(0);
    client!.close();
    client = undefined;

    const exchanges = ui.getByRole('region', { name: 'HTTP exchanges (not WebSocket)' });
    const table = exchanges.getByRole('table', { name: 'HTTP exchanges (not WebSocket)' });
    await expect.poll(() => table.getByRole('row').count()).toBeGreaterThan(2);
    // The view shows the open packet as the export writes it: the sid its URLs lost is blanked there too.
    const handshakeRow = table.getByRole('row').filter({ has: ui.getByRole('button', { name: 'Show HTTP exchange 1', exact: true }) });
    if ((await exchanges.getByRole('region', { name: 'Response' }).count()) === 0) await handshakeRow.getByRole('button', { name: 'Show HTTP exchange 1', exact: true }).click();
    const response = exchanges.getByRole('region', { name: 'Response' });
    await expect.poll(() => response.textContent()).toMatch(new RegExp(`0\\{"sid":"\\*{${sid.length}}","upgrades":\\["websocket"\\]`));
    expect(await exchanges.textContent()).not.toContain(sid);
    for (const width of [1024, 1920]) {
      await ui.setViewportSize({ width, height: width === 1024 ? 768 : 1080 });
      await ui.screenshot({ path: join(artifacts, `relay-http-stopped-${width}.png`) });
      await response.screenshot({ path: join(artifacts, `relay-http-stopped-response-${width}.png`) });
    }
    await ui.setViewportSize({ width: 1440, height: 900 });

    const button = exchanges.getByRole('button', { name: 'Export HAR…', exact: true });
    expect(await button.getAttribute('title')).toMatch(/^Save the HTTP exchanges of the stopped relay that was at ws:\/\/127\.0\.0\.1:\d+\/ as a HAR 1\.2 file/);
    const downloading = ui.waitForEvent('download');
    await button.click();
    const download = await downloading;
    const path = inspector.temp.file(`stopped-${download.suggestedFilename()}`);
    await download.saveAs(path);
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain(sid);
    const har = JSON.parse(text) as { log: { entries: { request: { method: string; url: string }; response: { status: number; content: { text?: string } } }[] } };
    await expect(validateHar(har)).resolves.toBeTruthy();
    const [handshake] = har.log.entries;
    expect(handshake!.request.url).toMatch(/\/socket\.io\/\?EIO=4&transport=polling/);
    expect(handshake!.response.content.text).toMatch(new RegExp(`^0\\{"sid":"\\*{${sid.length}}","upgrades":\\["websocket"\\]`));
    // The rest of the open packet is kept as python-socketio wrote it.
    expect(handshake!.response.content.text).toMatch(/"pingTimeout":20000,"pingInterval":25000\}$/);
    expect(har.log.entries.some((entry) => entry.request.url.includes(`sid=${'*'.repeat(sid.length)}`))).toBe(true);
  });

  it("after a reload of the page, the stopped relay's exchanges are still listed, still without the sid, and Export HAR… still names it stopped", async () => {
    const exchanges = ui.getByRole('region', { name: 'HTTP exchanges (not WebSocket)' });
    const table = exchanges.getByRole('table', { name: 'HTTP exchanges (not WebSocket)' });
    const before = await table.getByRole('row').count();
    await ui.reload();
    await ui.getByRole('tablist', { name: 'View' }).getByRole('tab', { name: 'Relay', exact: true }).click();
    await expect.poll(() => ui.getByText('No relay running').count()).toBeGreaterThan(0);
    await expect.poll(() => table.getByRole('row').count(), { timeout: 10_000 }).toBe(before);
    const handshakeRow = table.getByRole('row').filter({ has: ui.getByRole('button', { name: 'Show HTTP exchange 1', exact: true }) });
    expect(await handshakeRow.textContent()).toMatch(/GET.*\/socket\.io\/\?EIO=4&transport=polling.*200 OK/);
    await handshakeRow.getByRole('button', { name: 'Show HTTP exchange 1', exact: true }).click();
    await expect.poll(() => exchanges.getByRole('region', { name: 'Response' }).textContent()).toMatch(/0\{"sid":"\*+","upgrades":\["websocket"\]/);
    const button = exchanges.getByRole('button', { name: 'Export HAR…', exact: true });
    expect(await button.getAttribute('title')).toMatch(/^Save the HTTP exchanges of the stopped relay that was at ws:\/\/127\.0\.0\.1:\d+\/ as a HAR 1\.2 file/);
    for (const width of [1024, 1920]) {
      await ui.setViewportSize({ width, height: width === 1024 ? 768 : 1080 });
      await ui.screenshot({ path: join(artifacts, `relay-http-stopped-reloaded-${width}.png`) });
    }
    await ui.setViewportSize({ width: 1440, height: 900 });
  });
});

