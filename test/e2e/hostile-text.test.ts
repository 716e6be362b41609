import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDirectory } from '../../electron/app-paths.js';
import { encodeFrame } from '../../shared/protocol/frame-encoder.js';
import { Opcode } from '../../shared/protocol/opcode.js';
import { startHostileServer, type HostileServerPeer } from '../harness/hostile-server.js';
import { requirePeer } from '../harness/require-peer.js';
import { artifacts, connect, frames, openInspector, type InspectorFixture } from './browser.js';

const chromiumPeer = requirePeer('chromium');

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const rightToLeftOverride = '\u202E';

/**
 * Issue 19, "hostile input shown safely", in the window: a server process sends a file name
 * spelled with U+202E (so that it reads as "exe.png"), a zero-width space, terminal escapes and a
 * close reason carrying them, and a header value with ESC and BEL. Every view shows escapes.
 */
describe.skipIf(!chromiumPeer.isAvailable || !existsSync(join(rendererDirectory(), 'index.html')))('hostile text in the window', () => {
  let server: HostileServerPeer;
  let inspector: InspectorFixture;
  let page: Page;

  beforeAll(async () => {
    server = await startHostileServer({
      head: 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {{accept}}\r\nX-Evil: \u001b[2J\u0007ring\r\n\r\n',
      frames: [
        encodeFrame({ opcode: Opcode.text, payload: utf8(`photo-${rightToLeftOverride}gnp.exe`) }),
        encodeFrame({ opcode: Opcode.text, payload: utf8(`{"file":"invoice${rightToLeftOverride}fdp.scr","user":"ad\u200Bmin"}`) }),
        encodeFrame({ opcode: Opcode.close, payload: Uint8Array.of(0x03, 0xe8, ...utf8(`bye${rightToLeftOverride}olleh`)) }),
      ],
    });
    inspector = await openInspector('e2e-hostile');
    page = inspector.page;
    await connect(page, server.url);
  });

  afterAll(async () => {
    await inspector?.close();
    await server?.stop();
  });

  it('shows U+202E as a marked escape in the timeline, so the name cannot read as exe.png', async () => {
    const row = frames(page).getByRole('row').filter({ hasText: 'photo-' });
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1);
    const preview = row.getByRole('gridcell').last();
    expect(await preview.textContent()).toContain('photo-\\u202egnp.exe');
    expect(await preview.textContent()).not.toContain(rightToLeftOverride);
    expect(await preview.locator('.hidden-char').textContent()).toBe('\\u202e');
    expect(await preview.locator('.hidden-char').getAttribute('title')).toContain('U+202E');
    // Nothing in the window's text holds the override raw.
    expect(await page.locator('body').innerText()).not.toContain(rightToLeftOverride);
    await row.click();
    await page.screenshot({ path: join(artifacts, '16-hostile-text-timeline.png') });
  });

  it('shows the escape in the frame detail, the close reason and the handshake headers', async () => {
    const detail = page.getByRole('region', { name: 'Frame detail' });
    await detail.getByRole('tab', { name: 'Text' }).click();
    await expect.poll(() => detail.locator('pre.payload-text').textContent()).toBe('photo-\\u202egnp.exe');
    const close = frames(page).getByRole('row').filter({ hasText: 'Normal Closure' }).first();
    expect(await close.textContent()).toContain('bye\\u202eolleh');
    const handshake = page.getByRole('region', { name: 'Handshake' });
    await expect.poll(() => handshake.textContent()).toContain('\\x1b[2J\\x07ring');
    expect(await handshake.textContent()).not.toContain('\u001b');
    expect(await handshake.textContent()).not.toContain('\u0007');
  });

  it('shows the override and the zero-width space visibly in monaco\'s JSON view', async () => {
    await frames(page).getByRole('row').filter({ hasText: 'invoice' }).click();
    const detail = page.getByRole('region', { name: 'Frame detail' });
    await detail.getByRole('tab', { name: 'JSON' }).click();
    const lines = detail.locator('.monaco-editor .view-lines');
    await expect.poll(() => lines.textContent()).toContain('invoice[U+202E]fdp.scr');
    expect(await lines.textContent()).not.toContain(rightToLeftOverride);
    // The zero-width space is boxed by monaco's invisible-character highlight.
    await expect.poll(() => detail.locator('.monaco-editor .unicode-highlight').count()).toBeGreaterThanOrEqual(1);
    await page.screenshot({ path: join(artifacts, '17-hostile-text-json.png') });
  });
});

/** Issue 19, "a handshake response that can't be parsed", in the handshake panel. */
describe.skipIf(!chromiumPeer.isAvailable || !existsSync(join(rendererDirectory(), 'index.html')))('an unreadable handshake response in the window', () => {
  let server: HostileServerPeer;
  let inspector: InspectorFixture;

  beforeAll(async () => {
    server = await startHostileServer({ head: 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nX Bad Header\u001b[2J\r\nConnection: Upgrade\r\n\r\n' });
    inspector = await openInspector('e2e-unreadable');
  });

  afterAll(async () => {
    await inspector?.close();
    await server?.stop();
  });

  it('shows the reason and the bytes the server sent, not "no response"', async () => {
    const page = inspector.page;
    await connect(page, server.url);
    const handshake = page.getByRole('region', { name: 'Handshake' });
    await expect.poll(() => handshake.getByRole('alert').textContent(), { timeout: 20_000 }).toContain('Unreadable response');
    expect(await handshake.getByRole('alert').textContent()).toContain('Line 3 is not a header field ("name: value"): "X Bad Header\\u001b[2J"');
    expect(await handshake.textContent()).not.toContain('No response to the upgrade request');
    const bytes = handshake.getByLabel('Unreadable response bytes');
    expect(await bytes.textContent()).toBe('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nX Bad Header\\x1b[2J\r\nConnection: Upgrade\r\n\r\n');
    const row = frames(page).getByRole('row').filter({ hasText: 'unreadable response' });
    await expect.poll(() => row.count()).toBeGreaterThanOrEqual(1);
    await page.screenshot({ path: join(artifacts, '18-unreadable-response.png') });
  });
});
