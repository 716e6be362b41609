import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDirectory } from '../../electron/app-paths.js';
import { requirePeer } from '../harness/require-peer.js';
import { artifacts, frames, openInspector, sendText, type InspectorFixture } from './browser.js';

const chromiumPeer = requirePeer('chromium');
const isBuilt = existsSync(join(rendererDirectory(), 'index.html'));

/** What a Chromium page saw as a WebSocket client: the agreed subprotocol and extensions, every message, and the close. */
interface BrowserClientLog {
  readonly protocol: string;
  readonly extensions: string;
  readonly messages: string[];
  readonly close: { readonly code: number; readonly reason: string } | null;
}

/** Opens `new WebSocket(url, protocols)` in a blank Chromium page (a client nobody here wrote) and records what happens to it. */
async function openBrowserClient(page: Page, url: string, protocols: readonly string[]): Promise<() => Promise<BrowserClientLog>> {
  await page.evaluate(
    ([target, offered]) =>
      new Promise<void>((resolve, reject) => {
        const log = { protocol: '', extensions: '', messages: [] as string[], close: null as { code: number; reason: string } | null };
        (globalThis as unknown as { clientLog: typeof log }).clientLog = log;
        const socket = new WebSocket(target, offered);
        socket.onopen = () => {
          log.protocol = socket.protocol;
          log.extensions = socket.extensions;
          resolve();
        };
        socket.onmessage = (event) => void log.messages.push(String(event.data));
        socket.onclose = (event) => {
          log.close = { code: event.code, reason: event.reason };
          reject(new Error(`closed before opening: ${event.code}`));
        };
      }),
    [url, [...protocols]] as [string, string[]],
  );
  return () => page.evaluate(() => (globalThis as unknown as { clientLog: BrowserClientLog }).clientLog);
}

describe.skipIf(!chromiumPeer.isAvailable || !isBuilt)('listen mode as a server the window drives, with Chromium as the client', () => {
  let inspector: InspectorFixture;
  let page: Page;

  beforeAll(async () => {
    inspector = await openInspector('e2e-listen-drive');
    page = inspector.page;
  });
  afterAll(async () => {
    await inspector?.close();
  });

  it('accepts chat.v1 and permessage-deflate, sends a text, a crafted unmasked fragmented text and a close 4001 from the composer', async () => {
    await page.getByRole('tablist', { name: 'View' }).getByRole('tab', { name: 'Listen', exact: true }).click();
    await page.getByRole('textbox', { name: 'Port' }).fill('0');
    await page.getByRole('checkbox', { name: 'Echo messages' }).setChecked(false);
    await page.getByRole('textbox', { name: 'Subprotocols to accept' }).fill('chat.v2, chat.v1');
    await page.getByRole('checkbox', { name: 'Accept permessage-deflate' }).setChecked(true);
    await page.getByRole('button', { name: 'Start listening' }).click();
    const listeners = page.getByRole('list', { name: 'Listeners' });
    await expect.poll(() => listeners.textContent()).toMatch(/ws:\/\/127\.0\.0\.1:\d+\//);
    expect(await listeners.textContent()).toContain('subprotocols chat.v2, chat.v1');
    const url = /ws:\/\/127\.0\.0\.1:\d+\//.exec((await listeners.textContent()) ?? '')![0];

    const clientPage = await inspector.browser.newPage();
    const clientLog = await openBrowserClient(clientPage, `${url}room`, ['chat.v1', 'superchat']);
    const opened = await clientLog();
    expect(opened.protocol).toBe('chat.v1');
    expect(opened.extensions).toMatch(/^permessage-deflate/);

    const connections = page.getByRole('table', { name: 'Connections' });
    await expect.poll(() => connections.textContent()).toContain('GET /room HTTP/1.1');
    await connections.getByRole('button', { name: 'Inspect' }).first().click();
    const handshake = page.getByRole('region', { name: 'Handshake' });
    await expect.poll(() => handshake.textContent()).toContain('Sec-WebSocket-Protocol');
    expect(await handshake.textContent()).toContain('chat.v1');
    const composer = page.getByRole('region', { name: 'Composer' });
    await expect.poll(() => composer.getByRole('button', { name: 'Send', exact: true }).isEnabled()).toBe(true);

    await sendText(page, 'hello chromium');
    await expect.poll(async () => (await clientLog()).messages).toEqual(['hello chromium']);

    // A crafted text in three frames; the mask left "by role" goes unmasked from a server (§5.1), or Chromium would fail the connection.
    await composer.getByRole('button', { name: 'Frame options', exact: true }).click();
    await composer.getByRole('textbox', { name: 'Fragment size (bytes, 0 = one frame)' }).or(composer.getByRole('spinbutton', { name: 'Fragment size (bytes, 0 = one frame)' })).fill('5');
    await sendText(page, 'crafted by hand');
    await expect.poll(async () => (await clientLog()).messages).toEqual(['hello chromium', 'crafted by hand']);
    const grid = frames(page);
    await expect.poll(() => grid.getByRole('row').filter({ hasText: 'craft' }).count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(artifacts, '16-listen-drive.png') });

    await composer.getByRole('button', { name: 'Frame options', exact: true }).click();
    await composer.getByRole('button', { name: 'Close', exact: true }).click();
    await composer.getByRole('textbox', { name: 'Close code' }).fill('4001');
    await composer.getByRole('textbox', { name: 'Close reason' }).fill('done here');
    await composer.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(async () => (await clientLog()).close).toEqual({ code: 4001, reason: 'done here' });
    await expect.poll(() => composer.getByRole('button', { name: 'Send', exact: true }).isEnabled()).toBe(false);
    await clientPage.close();
  });

  it('closes an accepted connection from its row in the Listen panel: 1000 by default, or the code chosen', async () => {
    await page.getByRole('tablist', { name: 'View' }).getByRole('tab', { name: 'Listen', exact: true }).click();
    const url = /ws:\/\/127\.0\.0\.1:\d+\//.exec((await page.getByRole('list', { name: 'Listeners' }).textContent()) ?? '')![0];
    const connections = page.getByRole('table', { name: 'Connections' });
    const rowsBefore = await connections.getByRole('row').count();
    const first = await inspector.browser.newPage();
    const firstLog = await openBrowserClient(first, `${url}first`, ['chat.v1']);
    await expect.poll(() => connections.getByRole('row').count()).toBe(rowsBefore + 1);
    const second = await inspector.browser.newPage();
    const secondLog = await openBrowserClient(second, `${url}second`, ['chat.v1']);
    await expect.poll(() => connections.getByRole('row').count()).toBe(rowsBefore + 2);
    const rowOf = (path: string) => connections.getByRole('row').filter({ hasText: `GET /${path} HTTP/1.1` });
    const numberOf = async (path: string) => (await rowOf(path).getByRole('cell').first().textContent())!.trim();

    const firstNumber = await numberOf('first');
    expect(await rowOf('first').getByRole('combobox', { name: `Close code for connection ${firstNumber}` }).inputValue()).toBe('1000');
    await rowOf('first').getByRole('button', { name: `Close connection ${firstNumber}` }).click();
    await expect.poll(async () => (await firstLog()).close?.code).toBe(1000);

    const secondNumber = await numberOf('second');
    await rowOf('second').getByRole('combobox', { name: `Close code for connection ${secondNumber}` }).selectOption('1011');
    await rowOf('second').getByRole('button', { name: `Close connection ${secondNumber}` }).click();
    await expect.poll(async () => (await secondLog()).close?.code).toBe(1011);
    await expect.poll(() => rowOf('second').getByRole('button', { name: `Close connection ${secondNumber}` }).count()).toBe(0);
    await page.screenshot({ path: join(artifacts, '16-listen-close-buttons.png') });
    await first.close();
    await second.close();
  });
});
