import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { rendererDirectory } from '../../electron/app-paths.js';
import { FramelineEngine } from '../../electron/engine/api/engine.js';
import { startWebHost, type WebHost } from '../../electron/web-host/web-host.js';
import { freePort } from '../harness/free-port.js';
import { requirePeer } from '../harness/require-peer.js';
import { createTempDir, type TempDir } from '../harness/temp-dir.js';
import { connectWs, type TestClient } from '../harness/ws-client.js';
import { artifacts, frames, launchChromium } from './browser.js';

const chromiumPeer = requirePeer('chromium');
const isBuilt = existsSync(join(rendererDirectory(), 'index.html'));

/**
 * A `ws` server that echoes, and on request sends what the window must read whole: a JSON message
 * in three fragments (with an integer too large for a double), binary bytes that are all control
 * characters, or a flood of 10,000 messages a second until the next message (15 s at most).
 */
async function startPeer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  server.on('connection', (socket: WebSocket) => {
    socket.on('error', () => undefined);
    socket.on('message', (data, isBinary) => {
      const text = data.toString();
      if (text === 'fragments') {
        socket.send('{"type":"history","id":12345678901234567890,', { fin: false });
        socket.send('"items":["deploy started","build 4711 green",', { fin: false });
        socket.send('"rollback done"]}', { fin: true });
      } else if (text === 'misbehave') {
        // Reserved opcode 0x3 written straight onto the socket (ws itself never sends one), its payload in a second write.
        const raw = (socket as WebSocket & { _socket?: { write(bytes: Buffer): void } })._socket;
        raw?.write(Buffer.from([0x83, 0x0c]));
        setTimeout(() => raw?.write(Buffer.from('opcode three')), 50);
      } else if (text === 'binary') {
        socket.send(Buffer.from([1, 2, 3, 4]), { binary: true });
      } else if (text === 'flood') {
        let sent = 0;
        const timer = setInterval(() => {
          for (let i = 0; i < 100 && socket.readyState === socket.OPEN; i += 1) socket.send(`flood ${sent++}`);
          if (sent >= 150_000 || socket.readyState !== socket.OPEN) clearInterval(timer);
        }, 10);
        socket.once('message', () => clearInterval(timer));
      } else {
        socket.send(data, { binary: isBinary });
      }
    });
  });
  const { port } = server.address() as { port: number };
  return { url: `ws://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** `frameline ui` on a data folder that outlives it, so a restart can be tested. */
interface Ui {
  readonly engine: FramelineEngine;
  readonly host: WebHost;
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

async function openUi(browser: Browser, dataDirectory: string, width: number, locale = 'en-US'): Promise<Ui> {
  const engine = new FramelineEngine({ dataDirectory });
  const host = await startWebHost({ engine, rendererDirectory: rendererDirectory() });
  const context = await browser.newContext({ viewport: { width, height: 800 }, locale, acceptDownloads: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: `http://127.0.0.1:${host.port}` });
  const page = await context.newPage();
  await page.goto(host.launchUrl());
  await page.locator('.frames-grid').waitFor();
  return {
    engine,
    host,
    context,
    page,
    close: async () => {
      await context.close();
      await engine.dispose();
      await host.close();
    },
  };
}

/** Polls with room for a loaded 2-core machine (vitest's default is one second). */
function poll<T>(read: () => T | Promise<T>, options: { timeout?: number } = {}) {
  return expect.poll(read, { timeout: 10_000, ...options });
}

const tabs = (page: Page) => page.getByRole('tablist', { name: 'Sessions' }).getByRole('tab');
const activeTab = (page: Page) => page.getByRole('tablist', { name: 'Sessions' }).getByRole('tab', { selected: true });
const composer = (page: Page) => page.getByRole('region', { name: 'Composer' });
const detail = (page: Page) => page.getByRole('region', { name: 'Frame detail' });

/** Opens a session from the keyboard: the URL field (Alt+L selects it all), the URL, Enter; resolves once its tab is shown. */
async function connectByKeyboard(page: Page, url: string): Promise<void> {
  const before = await tabs(page).count();
  await page.keyboard.press('Alt+L');
  await poll(() => page.evaluate(() => document.activeElement?.id)).toBe('url-input');
  await page.keyboard.type(url);
  await page.keyboard.press('Enter');
  await poll(() => tabs(page).count()).toBe(before + 1);
}

/** Waits until the shown tab is the one for `path` and its session is open. */
async function waitOpen(page: Page, path: string): Promise<void> {
  await poll(() => activeTab(page).textContent(), { timeout: 15_000 }).toContain(path);
  await poll(() => page.locator('.connection-bar .state-badge').getAttribute('class'), { timeout: 15_000 }).toContain('state-open');
}

/** Types into the composer editor and sends with Ctrl/Cmd+Enter. */
async function sendTyped(page: Page, text: string): Promise<void> {
  await composer(page).getByRole('button', { name: 'Text', exact: true }).click();
  await composer(page).locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
  await page.keyboard.press('ControlOrMeta+Enter');
}

/** Nothing is wider than the window, and every pane and button a user needs is inside it. */
async function expectLayoutHolds(page: Page, width: number): Promise<void> {
  const scroll = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    bodyWidth: document.body.scrollWidth,
    // Nothing slid the window sideways (a scrollIntoView on an overflowing box would).
    shifts: [document.documentElement.scrollLeft, document.body.scrollLeft, document.querySelector('.app')?.scrollLeft ?? 0],
  }));
  expect(scroll.scrollWidth).toBeLessThanOrEqual(width);
  expect(scroll.bodyWidth).toBeLessThanOrEqual(width);
  expect(scroll.shifts).toEqual([0, 0, 0]);
  expect((await page.getByRole('tablist', { name: 'View' }).boundingBox())!.x).toBeGreaterThanOrEqual(0);
  const needed: Locator[] = [
    page.getByRole('button', { name: 'Export', exact: true }),
    page.getByRole('button', { name: 'Settings', exact: true }),
    page.getByRole('region', { name: 'Handshake' }),
    detail(page),
    composer(page).getByRole('button', { name: /^Send/ }),
    page.getByRole('button', { name: /^All tabs/ }),
  ];
  for (const locator of needed) {
    const box = await locator.boundingBox();
    expect(box, await locator.evaluate((element) => element.outerHTML.slice(0, 80))).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(width + 0.5);
  }
  // The Send button stays on one row.
  const send = await composer(page).getByRole('button', { name: /^Send/ }).boundingBox();
  expect(send!.height).toBeLessThan(30);
  await expectColumnLabelsWhole(page);
}

/** Every timeline column label reads whole, at whatever minimum the columns were squeezed to. */
async function expectColumnLabelsWhole(page: Page): Promise<void> {
  // Measured to the sub-pixel: a label a fraction of a pixel too wide is drawn with an ellipsis, yet scrollWidth and clientWidth round to the same number.
  const cutHeaders = await page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('.frames-grid [role=columnheader]')).flatMap((header) => {
      const label = Array.from(header.childNodes).find((node) => node.nodeType === Node.TEXT_NODE);
      if (!label || header.offsetParent === null) return [];
      const range = document.createRange();
      range.selectNodeContents(label);
      const style = getComputedStyle(header);
      const innerPx = header.getBoundingClientRect().width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - parseFloat(style.borderLeftWidth) - parseFloat(style.borderRightWidth);
      const labelPx = range.getBoundingClientRect().width;
      return labelPx > innerPx + 0.01 ? [`${header.textContent}: ${labelPx.toFixed(1)} px in ${innerPx.toFixed(1)} px`] : [];
    }),
  );
  expect(cutHeaders).toEqual([]);
}

describe.skipIf(!chromiumPeer.isAvailable || !isBuilt)('a working day in the window', () => {
  let browser: Browser;
  let peer: Awaited<ReturnType<typeof startPeer>>;
  let data: TempDir;

  beforeAll(async () => {
    browser = await launchChromium();
    peer = await startPeer();
    data = createTempDir('e2e-daily');
  });

  afterAll(async () => {
    await browser?.close();
    await peer?.close();
    data?.remove();
  });

  describe.each([1024, 1920])('at %i px', (width) => {
    let ui: Ui;
    let page: Page;
    const clients: TestClient[] = [];

    beforeAll(async () => {
      ui = await openUi(browser, data.file(`data-${width}`), width);
      page = ui.page;
    });

    afterAll(async () => {
      for (const client of clients) client.socket.terminate();
      await ui?.close();
    });

    it('opens 30 tabs from the keyboard and keeps every pane in the window; the strip scrolls under the labels and lists them all', async () => {
      for (let index = 0; index < 30; index += 1) await connectByKeyboard(page, `${peer.url}feed/${index}`);
      await poll(() => tabs(page).count(), { timeout: 30_000 }).toBe(30);
      await waitOpen(page, '/feed/29');
      await expectLayoutHolds(page, width);
      const strip = await page.getByRole('tablist', { name: 'Sessions' }).evaluate((element) => ({ scrollWidth: element.scrollWidth, clientWidth: element.clientWidth, clientHeight: element.clientHeight }));
      expect(strip.scrollWidth).toBeGreaterThan(strip.clientWidth);
      // The scrollbar sits below the labels, never over them.
      const label = await activeTab(page).locator('.tab-label').boundingBox();
      const list = await page.getByRole('tablist', { name: 'Sessions' }).boundingBox();
      expect(label!.y + label!.height).toBeLessThanOrEqual(list!.y + strip.clientHeight);
      await page.getByRole('button', { name: /^All tabs/ }).click();
      await poll(() => page.getByRole('menu', { name: 'All tabs' }).getByRole('menuitem').count()).toBe(32);
      await page.screenshot({ path: join(artifacts, `20-daily-${width}-30-tabs.png`) });
      await page.keyboard.press('Escape');
    });

    it('closes tabs: Alt+W, the close button, Delete in the strip, then every ended one; their sessions are forgotten', async () => {
      const before = (await ui.engine.run('listSessions', [])).length;
      await page.keyboard.press('Alt+W');
      await poll(() => tabs(page).count()).toBe(29);
      const label = (await activeTab(page).locator('.tab-label').textContent()) ?? '';
      await activeTab(page).getByRole('button', { name: `Close ${label}` }).click();
      await poll(() => tabs(page).count()).toBe(28);
      await activeTab(page).focus();
      await page.keyboard.press('Delete');
      await poll(() => tabs(page).count()).toBe(27);
      expect((await ui.engine.run('listSessions', [])).length).toBe(before - 3);
      await page.keyboard.press('Alt+PageDown');
      await page.keyboard.press('Alt+R');
      await poll(() => tabs(page).count()).toBe(28);
      // The reconnected tab is linked to the one it reopened.
      const sessions = await ui.engine.run('listSessions', []);
      expect(sessions.some((summary) => summary.previousSessionId !== undefined)).toBe(true);
      await activeTab(page).click({ button: 'right' });
      await page.getByRole('menuitem', { name: /^Close ended tabs/ }).click();
      await poll(() => tabs(page).count()).toBe(27);
      await expectLayoutHolds(page, width);
    });

    it('renames and moves a tab from the keyboard', async () => {
      await tabs(page).nth(4).click();
      await activeTab(page).focus();
      await page.keyboard.press('F2');
      await page.keyboard.type('prices feed');
      await page.keyboard.press('Enter');
      await poll(() => activeTab(page).textContent()).toContain('prices feed');
      const index = async () => (await tabs(page).allTextContents()).findIndex((text) => text.includes('prices feed'));
      const from = await index();
      await activeTab(page).focus();
      await page.keyboard.press('Alt+Shift+ArrowLeft');
      await poll(index).toBe(from - 1);
      // The tab shows the name at once; main has it when the window's update reaches it.
      await poll(async () => (await ui.engine.run('listSessions', [])).some((summary) => summary.name === 'prices feed')).toBe(true);
    });

    it('listens with 20 clients and the layout still holds', async () => {
      await page.keyboard.press('Alt+3');
      await page.getByRole('textbox', { name: 'Port' }).fill('0');
      await page.getByRole('button', { name: 'Start listening' }).click();
      const url = await page.locator('.listener-url').first().textContent();
      expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/$/);
      const before = await tabs(page).count();
      for (let index = 0; index < 20; index += 1) clients.push(await connectWs(`${url!}client/${index}`));
      await poll(() => tabs(page).count(), { timeout: 20_000 }).toBe(before + 20);
      await poll(() => page.getByRole('table', { name: 'Connections' }).getByRole('row').count()).toBe(21);
      // Each row's Close (with its code) fits in the window beside Inspect.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      const close = await page.getByRole('table', { name: 'Connections' }).getByRole('button', { name: /^Close connection \d+$/ }).first().boundingBox();
      expect(close!.x + close!.width).toBeLessThanOrEqual(width);
      await page.screenshot({ path: join(artifacts, `21-daily-${width}-listen-20.png`) });
      await page.getByRole('table', { name: 'Connections' }).getByRole('button', { name: 'Inspect' }).first().click();
      await expectLayoutHolds(page, width);
      await page.screenshot({ path: join(artifacts, `22-daily-${width}-listened-inspect.png`) });
    });

    it('reads a fragmented JSON message whole: the messages view, the tree with a JSONPath filter, exact digits', async () => {
      await connectByKeyboard(page, `${peer.url}messages`);
      await waitOpen(page, '/messages');
      await sendTyped(page, 'fragments');
      await poll(() => frames(page).getByRole('row').filter({ hasText: '"rollback done"]}' }).count()).toBe(1);
      await page.getByRole('button', { name: 'Messages', exact: true }).click();
      const message = frames(page).getByRole('row').filter({ hasText: '3 frames' });
      await poll(() => message.count()).toBe(1);
      expect(await message.textContent()).toContain('"deploy started"');
      await message.click();
      await poll(() => detail(page).textContent()).toContain('3 frames');
      await detail(page).getByRole('tab', { name: 'Tree' }).click();
      const tree = detail(page).getByRole('tree', { name: 'JSON tree' });
      await poll(() => tree.textContent()).toContain('12345678901234567890');
      await detail(page).getByRole('textbox', { name: 'JSONPath filter' }).fill('$.items[1]');
      await poll(() => tree.textContent()).toBe("$['items'][1]: \"build 4711 green\"");
      await page.screenshot({ path: join(artifacts, `23-daily-${width}-message-tree.png`) });
      // A fragment offers its whole message too.
      await page.getByRole('button', { name: 'Frames', exact: true }).click();
      await frames(page).getByRole('row').filter({ hasText: '"rollback done"]}' }).click();
      await detail(page).getByRole('button', { name: 'Whole message' }).click();
      await poll(() => detail(page).textContent()).toContain('3 frames');
    });

    it('shows control bytes as hex, an invalid regex in the filter bar with no stale rows, and the diff of two messages', async () => {
      await sendTyped(page, 'binary');
      await poll(() => frames(page).getByRole('row').filter({ hasText: '01 02 03 04' }).count()).toBe(1);
      await page.getByRole('checkbox', { name: 'Regex' }).check();
      await page.getByRole('searchbox', { name: 'Search payloads' }).fill('flood (');
      await poll(() => page.getByRole('toolbar', { name: 'Timeline filters' }).getByRole('alert').textContent()).toMatch(/^Invalid regular expression/);
      await poll(() => frames(page).getAttribute('aria-rowcount')).toBe('1');
      await page.getByRole('searchbox', { name: 'Search payloads' }).fill('');
      await page.getByRole('checkbox', { name: 'Regex' }).uncheck();
      await poll(() => frames(page).getAttribute('aria-rowcount').then(Number)).toBeGreaterThan(5);
      // The typing delay of the cleared search must not bring the Regex box back.
      await page.waitForTimeout(400);
      expect(await page.getByRole('checkbox', { name: 'Regex' }).isChecked()).toBe(false);
      // A diff of two messages: select one, Ctrl/Cmd+click another.
      await frames(page).getByRole('row').filter({ hasText: 'binary' }).first().click();
      await frames(page).getByRole('row').filter({ hasText: 'fragments' }).first().click({ modifiers: ['ControlOrMeta'] });
      await poll(() => detail(page).getByRole('tab', { name: 'Diff' }).getAttribute('aria-selected')).toBe('true');
      await poll(() => detail(page).locator('.diff-editor .view-lines').first().textContent()).toMatch(/fragments|binary/);
      expect(await detail(page).textContent()).toContain('Changes from row #');
    });

    it('copies, resends and edits a received message; copies the handshake as curl', async () => {
      const row = frames(page).getByRole('row').filter({ hasText: 'fragments' }).last();
      await row.click();
      await detail(page).getByRole('button', { name: 'Copy', exact: true }).click();
      await page.getByRole('menuitem', { name: 'Payload as hex' }).click();
      await poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('66 72 61 67 6d 65 6e 74 73');
      const count = await frames(page).getByRole('row').filter({ hasText: 'fragments' }).count();
      await detail(page).getByRole('button', { name: 'Resend' }).click();
      await poll(() => frames(page).getByRole('row').filter({ hasText: 'fragments' }).count()).toBeGreaterThan(count);
      await row.click();
      await detail(page).getByRole('button', { name: 'Edit in composer' }).click();
      await poll(() => composer(page).locator('.monaco-editor .view-lines').textContent()).toBe('fragments');
      // The editor has the focus, so Ctrl/Cmd+Enter sends at once.
      expect(await page.evaluate(() => document.activeElement?.closest('.composer .monaco-editor') !== null)).toBe(true);
      await page.getByRole('region', { name: 'Handshake' }).getByRole('button', { name: 'Copy as…' }).click();
      await page.getByRole('menuitem', { name: 'curl' }).click();
      await poll(() => page.evaluate(() => navigator.clipboard.readText())).toMatch(/^curl --include --no-buffer --http1\.1 \\\n {2}-H 'Host: 127\.0\.0\.1:\d+'/);
    });

    it('never traps the keyboard: Tab leaves the editor; a snippet loads from the keyboard and sends with Ctrl/Cmd+Enter', async () => {
      await sendTyped(page, 'from a snippet');
      await poll(() => frames(page).getByRole('row').filter({ hasText: 'from a snippet' }).count()).toBeGreaterThan(0);
      const sent = await frames(page).getByRole('row').filter({ hasText: 'from a snippet' }).count();
      await composer(page).getByRole('textbox', { name: 'Snippet name' }).fill('hello snippet');
      await composer(page).getByRole('button', { name: 'Save', exact: true }).click();
      await composer(page).locator('.monaco-editor .view-lines').click();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.press('Delete');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.closest('.monaco-editor') === null)).toBe(true);
      await composer(page).getByRole('button', { name: /^Snippets/ }).focus();
      await page.keyboard.press('Enter');
      await poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('menuitem');
      await page.keyboard.press('Enter');
      await poll(() => page.evaluate(() => document.activeElement?.closest('.composer .monaco-editor') !== null)).toBe(true);
      await page.keyboard.press('ControlOrMeta+Enter');
      await poll(() => frames(page).getByRole('row').filter({ hasText: 'from a snippet' }).count()).toBeGreaterThan(sent);
      await frames(page).focus();
      await page.keyboard.press('?');
      await poll(() => page.getByRole('dialog', { name: 'Keyboard shortcuts' }).isVisible()).toBe(true);
      await page.screenshot({ path: join(artifacts, `24-daily-${width}-shortcuts.png`) });
      await page.keyboard.press('Escape');
      await poll(() => page.getByRole('dialog', { name: 'Keyboard shortcuts' }).count()).toBe(0);
    });

    it('selects rows clicked while following a 10,000 messages/s flood, and their detail loads', async () => {
      await sendTyped(page, 'flood');
      await poll(() => frames(page).getAttribute('aria-rowcount').then(Number), { timeout: 20_000 }).toBeGreaterThan(2_000);
      const viewport = await frames(page).locator('.frames-scroller').boundingBox();
      const shownSeq = async (): Promise<number | null> => {
        const match = /#(\d+) ·/.exec((await detail(page).locator('.detail-summary').textContent().catch(() => '')) ?? '');
        return match ? Number(match[1]) : null;
      };
      for (let click = 0; click < 8; click += 1) {
        await page.getByRole('button', { name: 'Follow tail' }).click();
        await page.waitForTimeout(120);
        const before = await shownSeq();
        // Near the top of the moving tail, where rows are often still loading: every click selects a row and its detail follows.
        await page.mouse.click(viewport!.x + 200, viewport!.y + 30);
        try {
          await poll(shownSeq, { timeout: 10_000 }).not.toBe(before);
          expect(await shownSeq()).not.toBeNull();
        } catch (error) {
          await page.screenshot({ path: join(artifacts, `27-daily-${width}-flood-click-failed-${click}.png`) });
          throw error;
        }
      }
      await page.screenshot({ path: join(artifacts, `27-daily-${width}-flood-click.png`) });
      // Five-digit row numbers squeeze the other columns to their minimums: their labels still read whole.
      await expectColumnLabelsWhole(page);
      await sendTyped(page, 'stop');
    });

    it('exports through a download with a name that says whether it is redacted', async () => {
      const names: string[] = [];
      for (const isRedacted of [true, false]) {
        await page.keyboard.press('ControlOrMeta+E');
        const menu = page.getByRole('dialog', { name: 'Export capture' });
        await menu.getByRole('checkbox', { name: 'Redact secrets' }).setChecked(isRedacted);
        const downloading = page.waitForEvent('download');
        await menu.getByRole('button', { name: /^Export HAR/ }).click();
        const download = await downloading;
        names.push(download.suggestedFilename());
        // The browser keeps a download's URL in its list: it holds a one-time id, never the bridge token.
        const url = new URL(download.url());
        expect(url.pathname).toBe('/download');
        expect([...url.searchParams.keys()]).toEqual(['id']);
        expect(download.url()).not.toContain(ui.host.token);
        expect(JSON.parse(readFileSync((await download.path())!, 'utf8')).log.entries).toHaveLength(1);
        // Spent: the same URL from the page itself gives nothing the second time.
        expect(await page.evaluate((href) => fetch(href).then((response) => response.status), download.url())).toBe(404);
      }
      expect(names[0]).toMatch(/-redacted\.har$/);
      expect(names[1]).toMatch(/-unredacted\.har$/);
    });

    it('says in one sentence that a pcapng is not a capture it opens', async () => {
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Open capture…' }).click();
      await (await chooser).setFiles({ name: 'trace.pcapng', mimeType: 'application/octet-stream', buffer: Buffer.from([0x0a, 0x0d, 0x0d, 0x0a, 0x1c, 0, 0, 0, 0x4d, 0x3c, 0x2b, 0x1a]) });
      await poll(() => page.locator('.status-bar').getByRole('alert').textContent()).toBe('trace.pcapng is a pcapng file: pcapng is an export format (for Wireshark), so open a .frameline.json or .har capture instead.×');
    });

    it('shows a refused connection as a banner with the Doctor one click away, on its own URL', async () => {
      const closedPort = await freePort();
      await connectByKeyboard(page, `ws://127.0.0.1:${closedPort}/`);
      const banner = page.getByRole('region', { name: 'Handshake' }).getByRole('alert');
      await poll(() => banner.textContent(), { timeout: 15_000 }).toContain('The TCP connection failed');
      expect(await banner.textContent()).toMatch(/refused/i);
      await expectLayoutHolds(page, width);
      await page.screenshot({ path: join(artifacts, `25-daily-${width}-refused.png`) });
      await banner.getByRole('button', { name: 'Run the Doctor' }).click();
      await poll(() => page.getByRole('textbox', { name: 'URL' }).inputValue()).toBe(`ws://127.0.0.1:${closedPort}/`);
      // The Doctor's URL is its own: another tab's stays as it was.
      await page.keyboard.press('Alt+1');
      await page.keyboard.press('Alt+PageUp');
      expect(await page.getByRole('textbox', { name: 'URL' }).inputValue()).not.toBe(`ws://127.0.0.1:${closedPort}/`);
    });
  });

  it('names, in strict mode, the rule that failed the connection on the frame that broke it', async () => {
    const ui = await openUi(browser, data.file('data-strict'), 1400);
    const { page } = ui;
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('complementary', { name: 'Connection settings' }).getByRole('combobox', { name: 'Protocol errors' }).selectOption('strict');
    await page.getByRole('button', { name: 'Close settings' }).click();
    await connectByKeyboard(page, `${peer.url}strict`);
    await waitOpen(page, '/strict');
    await sendTyped(page, 'misbehave');
    const broken = frames(page).getByRole('row').filter({ hasText: 'reserved-opcode' });
    await poll(() => broken.count()).toBe(1);
    await broken.click();
    await poll(() => detail(page).getByRole('list', { name: 'Violations' }).textContent()).toContain('Strict mode failed the connection on this frame: reserved-opcode');
    // The frame that broke the rule keeps the payload it carried (read before failing).
    expect(await broken.textContent()).toContain('opcode three');
    // Ended before any application protocol was recognised: no longer "detecting".
    await poll(() => page.getByRole('toolbar', { name: 'Application protocol' }).locator('strong').first().textContent()).toBe('No application protocol');
    await page.screenshot({ path: join(artifacts, '28-daily-strict-failure.png') });

    // Exported as a native file and opened again, the read-only tab names the same frame and rule.
    await page.keyboard.press('ControlOrMeta+Shift+S');
    const downloading = page.waitForEvent('download');
    await page.getByRole('dialog', { name: 'Export capture' }).getByRole('button', { name: /^Export \.frameline\.json/ }).click();
    const exported = data.file('strict.frameline.json');
    await (await downloading).saveAs(exported);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Open capture…' }).click();
    await (await chooser).setFiles(exported);
    await poll(() => page.getByRole('tablist', { name: 'Sessions' }).getByRole('tab', { selected: true }).textContent()).toContain('imported');
    const importedBroken = frames(page).getByRole('row').filter({ hasText: 'reserved-opcode' });
    await poll(() => importedBroken.count()).toBe(1);
    await importedBroken.click();
    await poll(() => detail(page).getByRole('list', { name: 'Violations' }).textContent()).toContain('Strict mode failed the connection on this frame: reserved-opcode');
    await page.screenshot({ path: join(artifacts, '28-daily-strict-failure-imported.png') });
    await ui.close();
  });

  it('keeps snippets and preferences across a restart of frameline ui (a new port)', async () => {
    const folder = data.file('data-restart');
    let ui = await openUi(browser, folder, 1400);
    const time = ui.page.getByRole('toolbar', { name: 'Timeline filters' }).getByRole('combobox', { name: 'Time' });
    await time.selectOption('sinceStart');
    await composer(ui.page).getByRole('textbox', { name: 'Snippet name' }).fill('kept across restarts');
    await composer(ui.page).getByRole('button', { name: 'Save', exact: true }).click();
    // The sidebar's width and fold go with the preferences too (the page's storage changes with the port).
    const sidebarWidth = ui.page.getByRole('separator', { name: /^Workspace sidebar width/ });
    await sidebarWidth.focus();
    await ui.page.keyboard.press('Home');
    await poll(() => sidebarWidth.getAttribute('aria-valuenow')).toBe('160');
    await ui.page.getByRole('button', { name: 'Hide the workspace sidebar' }).click();
    await ui.page.waitForTimeout(800);
    await ui.close();
    ui = await openUi(browser, folder, 1400);
    await poll(() => ui.page.getByRole('button', { name: 'Show the workspace sidebar' }).count()).toBe(1);
    await ui.page.getByRole('button', { name: 'Show the workspace sidebar' }).click();
    await poll(() => ui.page.getByRole('separator', { name: /^Workspace sidebar width/ }).getAttribute('aria-valuenow')).toBe('160');
    await poll(() => composer(ui.page).getByRole('button', { name: /^Snippets/ }).textContent()).toBe('Snippets (1)');
    await composer(ui.page).getByRole('button', { name: /^Snippets/ }).click();
    expect(await ui.page.getByRole('menuitem').first().textContent()).toContain('kept across restarts');
    await ui.page.keyboard.press('Escape');
    await poll(() => ui.page.getByRole('toolbar', { name: 'Timeline filters' }).getByRole('combobox', { name: 'Time' }).inputValue()).toBe('sinceStart');
    await ui.close();
  });

  it('holds its layout in Chinese at 1024 px', async () => {
    const ui = await openUi(browser, data.file('data-zh'), 1024, 'zh-CN');
    await ui.page.getByRole('textbox', { name: '地址' }).fill(`${peer.url}zh`);
    await ui.page.getByRole('button', { name: '连接', exact: true }).click();
    await poll(() => ui.page.getByRole('region', { name: '握手' }).textContent(), { timeout: 15_000 }).toContain('101');
    await ui.page.getByRole('region', { name: '编辑器' }).locator('.monaco-editor .view-lines').click();
    await ui.page.keyboard.type('{"你好":"世界"}');
    await ui.page.keyboard.press('ControlOrMeta+Enter');
    await poll(() => ui.page.getByRole('grid', { name: '帧' }).getByRole('row').filter({ hasText: '世界' }).count()).toBe(2);
    await ui.page.getByRole('grid', { name: '帧' }).getByRole('row').filter({ hasText: '世界' }).first().click();
    expect(await ui.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
    await ui.page.screenshot({ path: join(artifacts, '26-daily-1024-zh-CN.png') });
    await ui.close();
  });
});
