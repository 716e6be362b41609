import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { basename, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDirectory } from '../../electron/app-paths.js';
import type { WebHost } from '../../electron/web-host/web-host.js';
import { requirePeer } from '../harness/require-peer.js';
import type { TempDir } from '../harness/temp-dir.js';
import { startWsServer, type WsServerPeer } from '../harness/ws-server.js';
import { artifacts, connect, frames, openInspector, sendText, type InspectorFixture } from './browser.js';

const chromiumPeer = requirePeer('chromium');

// Secrets the session carries: a header set in the settings drawer, a token in the query, and a
// password in a payload that the export menu's payload pattern removes.
const bearer = 'Bearer e2e-s3cret-bearer-7f3a';
const queryToken = 'q-s3cret-token-91b2';
const payloadSecret = 'hunter42';
const secrets = ['e2e-s3cret-bearer-7f3a', queryToken, payloadSecret];

/** Every string in the file, plus the decoded form of anything that looks like base64 (raw handshake bytes, payloads). */
function textsOf(bytes: Buffer): string[] {
  const text = bytes.toString('latin1');
  const decoded = [...text.matchAll(/"([A-Za-z0-9+/]{4,}={0,2})"/g)].map((match) => Buffer.from(match[1] as string, 'base64').toString('latin1'));
  return [text, ...decoded];
}

/** The status of a GET to the web host with a chosen Host header (fetch will not let a caller set Host). */
function statusOf(port: number, path: string, host = `127.0.0.1:${port}`): Promise<number> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, headers: { Host: host } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
}

function statusNotice(page: Page) {
  return page.locator('.status-bar .notice');
}

/** Picks `path` (or an in-memory file) through the "Open capture…" button's file chooser. */
async function openCapture(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open capture…' }).click();
  await (await chooser).setFiles(file);
}

/**
 * Exports with the menu already open: the browser UI downloads the file under a suggested name
 * (the browser picks the folder, never the working directory); saves it into `folder` and returns its path.
 */
async function exportFrom(page: Page, buttonName: RegExp, extension: string, folder: string): Promise<string> {
  const downloading = page.waitForEvent('download');
  await page.getByRole('dialog', { name: 'Export capture' }).getByRole('button', { name: buttonName }).click();
  const download = await downloading;
  const name = download.suggestedFilename();
  expect(name).toMatch(new RegExp(`^127\\.0\\.0\\.1_\\d+-\\d{8}-\\d{6}-redacted\\${extension}$`));
  await expect.poll(() => statusNotice(page).textContent()).toContain(`(secrets redacted) as ${name}`);
  const path = join(folder, name);
  await download.saveAs(path);
  return path;
}

describe.skipIf(!chromiumPeer.isAvailable || !existsSync(join(rendererDirectory(), 'index.html')))('captures in Chromium: export from the menu, open from a file', () => {
  let inspector: InspectorFixture;
  let temp: TempDir;
  let host: WebHost;
  let echo: WsServerPeer;
  let browser: Browser;
  let page: Page;
  let harPath = '';
  let jsonPath = '';

  beforeAll(async () => {
    echo = await startWsServer();
    inspector = await openInspector('e2e-captures');
    ({ temp, host, browser, page } = inspector);
  });

  afterAll(async () => {
    await inspector?.close();
    await echo?.stop();
  });

  it('connects with an Authorization header set in the settings drawer and echoes a message', async () => {
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const drawer = page.getByRole('complementary', { name: 'Connection settings' });
    await drawer.getByRole('button', { name: 'Add header' }).click();
    await drawer.getByRole('textbox', { name: 'Header 1 name' }).fill('Authorization');
    await drawer.getByRole('textbox', { name: 'Header 1 value' }).fill(bearer);
    await drawer.getByRole('button', { name: 'Close settings' }).click();
    await connect(page, `${echo.url}chat?token=${queryToken}&room=7`);
    await expect.poll(() => page.getByRole('region', { name: 'Handshake' }).textContent()).toContain('101');
    const headers = echo.upgradeRequests().at(-1)?.rawHeaders ?? [];
    expect(headers[headers.findIndex((name) => name.toLowerCase() === 'authorization') + 1]).toBe(bearer);

    await sendText(page, `login pw=${payloadSecret}`);
    await expect.poll(() => frames(page).getByRole('row').filter({ hasText: 'login pw=' }).count()).toBe(2);
  });

  it('opens the export menu with Ctrl/Cmd+E, redaction on by default, and writes HAR and pcapng without the secrets', async () => {
    await page.keyboard.press('ControlOrMeta+E');
    const menu = page.getByRole('dialog', { name: 'Export capture' });
    await expect.poll(() => menu.isVisible()).toBe(true);
    expect(await menu.getByRole('checkbox', { name: 'Redact secrets' }).isChecked()).toBe(true);
    await menu.getByRole('textbox', { name: /Payload patterns/ }).fill('hunter\\d+');
    await page.screenshot({ path: join(artifacts, '10-export-menu.png') });

    const folder = temp.file('downloads');
    mkdirSync(folder);
    harPath = await exportFrom(page, /^Export HAR/, '.har', folder);
    await page.screenshot({ path: join(artifacts, '11-exported-har.png') });

    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const pcapngPath = await exportFrom(page, /^Export pcapng/, '.pcapng', folder);
    // The Ctrl/Cmd+Shift+S shortcut opens the same menu.
    await page.keyboard.press('ControlOrMeta+Shift+S');
    jsonPath = await exportFrom(page, /^Export \.frameline\.json/, '.frameline.json', folder);

    for (const path of [harPath, pcapngPath, jsonPath]) {
      expect(existsSync(path), path).toBe(true);
      const texts = textsOf(readFileSync(path));
      for (const secret of secrets) expect(texts.some((text) => text.includes(secret)), `${secret} in ${basename(path)}`).toBe(false);
      // What is not secret is all there.
      expect(texts.some((text) => text.includes('login pw=')), basename(path)).toBe(true);
    }
    expect(readFileSync(pcapngPath).readUInt32LE(0)).toBe(0x0a0d0d0a);
  });

  it('opens the HAR through "Open capture…" as a read-only tab with its rows and the redacted mark', async () => {
    const tabs = page.getByRole('tablist', { name: 'Sessions' }).getByRole('tab');
    const before = await tabs.count();
    await openCapture(page, harPath);
    await expect.poll(() => tabs.count()).toBe(before + 1);
    const active = page.getByRole('tablist', { name: 'Sessions' }).getByRole('tab', { selected: true });
    await expect.poll(() => active.textContent()).toContain('imported');
    const rows = frames(page).getByRole('row').filter({ hasText: 'login pw=' });
    await expect.poll(() => rows.count()).toBe(2);
    await expect.poll(() => rows.filter({ hasText: 'redacted' }).count()).toBe(2);
    await expect.poll(() => rows.first().textContent()).not.toContain(payloadSecret);
    await expect.poll(() => page.locator('.status-bar').textContent()).toContain('read-only');
    await expect.poll(() => statusNotice(page).textContent()).toContain(`Opened ${basename(harPath)} (read-only)`);
    // A read-only session cannot be disconnected or sent to.
    expect(await page.getByRole('button', { name: 'Disconnect' }).isDisabled()).toBe(true);
    await rows.first().click();
    await page.screenshot({ path: join(artifacts, '12-imported-har.png') });
  });

  it('shows a malformed file as one error naming the file and the offset, and changes nothing else', async () => {
    const tabs = page.getByRole('tablist', { name: 'Sessions' }).getByRole('tab');
    const before = await tabs.count();
    const selectedTab = page.getByRole('tablist', { name: 'Sessions' }).getByRole('tab', { selected: true });
    const selected = await selectedTab.getAttribute('title');
    await openCapture(page, { name: 'broken.har', mimeType: 'application/json', buffer: Buffer.from('{"log": {"version": "1.2", "entries": [{"_resourceType": "websocket"') });
    const alert = page.locator('.status-bar').getByRole('alert');
    await expect.poll(() => alert.textContent()).toMatch(/^broken\.har: .*(byte|offset|entries)/);
    expect(await alert.textContent()).not.toMatch(/importCapture/);
    expect(await tabs.count()).toBe(before);
    expect(await selectedTab.getAttribute('title')).toBe(selected);
    await page.screenshot({ path: join(artifacts, '13-broken-file.png') });
  });

  it('opens a .frameline.json dropped on the window', async () => {
    const tabs = page.getByRole('tablist', { name: 'Sessions' }).getByRole('tab');
    const before = await tabs.count();
    const content = readFileSync(jsonPath, 'utf8');
    const transfer = await page.evaluateHandle(({ text, name }) => {
      const data = new DataTransfer();
      data.items.add(new File([text], name, { type: 'application/json' }));
      return data;
    }, { text: content, name: basename(jsonPath) });
    await page.dispatchEvent('.app', 'dragover', { dataTransfer: transfer });
    await page.dispatchEvent('.app', 'drop', { dataTransfer: transfer });
    await expect.poll(() => tabs.count()).toBe(before + 1);
    await expect.poll(() => frames(page).getByRole('row').filter({ hasText: 'login pw=' }).count()).toBe(2);
  });

  it('tells a page with a used link so, and opens no socket', async () => {
    const link = host.launchUrl();
    const first = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await first.goto(link);
    await expect.poll(() => first.locator('.status-bar').textContent()).toContain('connected');
    await first.close();
    const stranger = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const attempts: string[] = [];
    stranger.on('websocket', (socket) => attempts.push(socket.url()));
    await stranger.goto(link);
    const banner = stranger.getByRole('alert').filter({ hasText: 'link was already used, or its token is wrong or expired' });
    await expect.poll(() => banner.count()).toBe(1);
    await expect.poll(() => stranger.locator('.status-bar').textContent()).toContain('open the newest link `frameline ui` printed');
    expect(attempts).toHaveLength(0);
    await stranger.close();
  });

  it('tells a page with a wrong token so, once, instead of reconnecting forever', async () => {
    const stranger = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const attempts: string[] = [];
    stranger.on('websocket', (socket) => attempts.push(socket.url()));
    // A tab that kept a token from an earlier run of frameline ui.
    await stranger.addInitScript(() => sessionStorage.setItem('frameline.bridgeToken', 'not-the-token'));
    await stranger.goto(`http://127.0.0.1:${host.port}/`);
    const banner = stranger.getByRole('alert').filter({ hasText: 'link was already used, or its token is wrong or expired' });
    await expect.poll(() => banner.count()).toBe(1);
    await expect.poll(() => stranger.locator('.status-bar').textContent()).toContain('open the newest link `frameline ui` printed');
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(attempts).toHaveLength(1);
    // Nothing else competes with the banner: the calls the refused socket failed leave no notice.
    expect(await stranger.locator('.status-bar .notice').count()).toBe(0);
    await stranger.screenshot({ path: join(artifacts, '14-wrong-token.png') });
    await stranger.close();
  });

  it('answers the token check 204 for the printed token and 403 otherwise, behind the same Host guard', async () => {
    expect(await statusOf(host.port, `/bridge-check?token=${encodeURIComponent(host.token)}`)).toBe(204);
    expect(await statusOf(host.port, '/bridge-check?token=not-the-token')).toBe(403);
    expect(await statusOf(host.port, '/bridge-check')).toBe(403);
    expect(await statusOf(host.port, `/bridge-check?token=${encodeURIComponent(host.token)}`, 'rebind.example:80')).toBe(403);
  });
});
