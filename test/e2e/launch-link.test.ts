import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDirectory } from '../../electron/app-paths.js';
import { eventually } from '../harness/eventually.js';
import { startFramelineUi, type FramelineUiProcess } from '../harness/frameline-ui.js';
import { requirePeer } from '../harness/require-peer.js';
import { createTempDir, type TempDir } from '../harness/temp-dir.js';
import { artifacts, launchChromium } from './browser.js';

const chromiumPeer = requirePeer('chromium');

/** Every URL in the tab's session history (back and forward entries), from Chromium itself. */
async function historyUrls(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const history = (await cdp.send('Page.getNavigationHistory')) as { entries: { url: string }[] };
  await cdp.detach();
  return history.entries.map((entry) => entry.url);
}

/** The status bar reads "connected": the page holds a token the bridge accepted. */
async function waitConnected(page: Page): Promise<void> {
  await expect.poll(() => page.locator('.status-bar').textContent(), { timeout: 20_000 }).toContain('Browser UI · connected');
}

/**
 * Issue 19, "the web host's token": `frameline ui` (the real process) opens the browser through
 * an opener whose command line other local users can read. Here `xdg-open` is a script that
 * records its arguments; Chromium then opens what it was given, as a desktop browser would.
 */
describe.skipIf(process.platform !== 'linux' || !chromiumPeer.isAvailable || !existsSync(join(rendererDirectory(), 'index.html')))('the launch link of frameline ui', () => {
  let bin: TempDir;
  let ui: FramelineUiProcess;
  let browser: Browser;
  let openerArguments: string[];
  let launchFile: string;
  let launchLink: string;
  let page: Page;
  let token: string;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    bin = createTempDir('opener');
    const record = bin.file('opened.txt');
    writeFileSync(bin.file('xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$@" > ${JSON.stringify(record)}\n`);
    chmodSync(bin.file('xdg-open'), 0o755);
    ui = await startFramelineUi({ args: [], env: { PATH: `${bin.path}:${process.env.PATH ?? ''}` } });
    openerArguments = (await eventually(() => (existsSync(record) ? readFileSync(record, 'utf8') : undefined), 'frameline ui runs xdg-open')).trim().split('\n');
    launchFile = openerArguments[0]!;
    launchLink = /url=([^"]+)"/.exec(readFileSync(launchFile, 'utf8'))?.[1] ?? '';
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await ui?.stop();
    bin?.remove();
  });

  it('gives the opener only the path of a page that only this user can read', () => {
    expect(openerArguments).toHaveLength(1);
    expect(launchFile).toMatch(/open-frameline\.html$/);
    expect(statSync(launchFile).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(launchFile)).mode & 0o777).toBe(0o700);
    expect(statSync(launchFile).uid).toBe(process.getuid?.());
    // The page forwards to a launch link with a one-time code, not the token.
    expect(launchLink).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${ui.port}/#code=[A-Za-z0-9_-]{32}$`));
    expect(ui.printedUrl).toMatch(/#code=/);
    expect(ui.printedUrl).not.toBe(launchLink);
  });

  it('opens the window from that page, and the address bar and history keep no code or token', async () => {
    await page.goto(`file://${launchFile}`);
    await waitConnected(page);
    token = await page.evaluate(() => sessionStorage.getItem('frameline.bridgeToken') ?? '');
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(await page.evaluate(() => location.href)).toBe(`http://127.0.0.1:${ui.port}/`);
    const urls = await historyUrls(page);
    expect(urls.some((url) => url.startsWith(`http://127.0.0.1:${ui.port}/`))).toBe(true);
    for (const url of urls) {
      expect(url).not.toContain('code=');
      expect(url).not.toContain(token);
    }
    for (const argument of openerArguments) expect(argument).not.toContain(token);
    expect(readFileSync(`/proc/${ui.process.pid}/cmdline`, 'latin1')).not.toContain(token);
    await page.screenshot({ path: join(artifacts, '15-launch-link.png') });
  });

  it('deletes the launch page once its code is spent, and the spent link opens nothing', async () => {
    await eventually(() => (existsSync(launchFile) ? undefined : true), 'the launch page is deleted');
    expect(existsSync(dirname(launchFile))).toBe(false);
    const replay = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const sockets: string[] = [];
    replay.on('websocket', (socket) => sockets.push(socket.url()));
    await replay.goto(launchLink);
    await expect.poll(() => replay.getByRole('alert').filter({ hasText: 'link was already used' }).count()).toBe(1);
    expect(await replay.evaluate(() => location.href)).toBe(`http://127.0.0.1:${ui.port}/`);
    expect(sockets).toEqual([]);
    await replay.close();
  });

  it('keeps the tab connected across a reload without any link', async () => {
    await page.reload();
    await waitConnected(page);
    expect(await page.evaluate(() => location.href)).toBe(`http://127.0.0.1:${ui.port}/`);
  });

  it('prints a fresh link once the printed one is used', async () => {
    const other = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await other.goto(ui.printedUrl);
    await waitConnected(other);
    expect(await other.evaluate(() => location.href)).toBe(`http://127.0.0.1:${ui.port}/`);
    const fresh = await eventually(() => /the link above was used; a fresh one\): (\S+)/.exec(ui.process.logs())?.[1], 'a fresh link is printed');
    expect(fresh).toMatch(/#code=/);
    expect(fresh).not.toBe(ui.printedUrl);
    await other.close();
  });
});
