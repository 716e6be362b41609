import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDirectory } from '../../electron/app-paths.js';
import { requirePeer } from '../harness/require-peer.js';
import { startWsServer } from '../harness/ws-server.js';
import { runCli } from '../integration/cli/run-cli.js';
import { artifacts, openInspector, type InspectorFixture } from './browser.js';

const chromiumPeer = requirePeer('chromium');

/** Picks `path` through the "Open capture…" button, as a reader of Chinese sees it. */
async function openCapture(page: Page, path: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '打开抓包…' }).click();
  await (await chooser).setFiles(path);
}

// A capture of a real session (the CLI against the ws library's server), then edited by hand the way
// a corrupt or tampered file arrives: one frame's FIN no longer matches its headerBytes, and a HAR
// message's opcode is not a number. The window must say so in Chinese from the first word to the last.
describe.skipIf(!chromiumPeer.isAvailable || !existsSync(join(rendererDirectory(), 'index.html')))('a corrupt capture opened in a zh-CN window', () => {
  let inspector: InspectorFixture;
  let native = '';
  let har = '';

  beforeAll(async () => {
    inspector = await openInspector('e2e-captures-zh', { locale: 'zh-CN' });
    const echo = await startWsServer();
    try {
      native = inspector.temp.file('echo.frameline.json');
      const connect = await runCli(['connect', echo.url, '--send', 'hello', '--ping', '', '--wait', '0.2', '--capture', native]);
      expect(connect.status, connect.stderr).toBe(0);
    } finally {
      await echo.stop();
    }
    har = inspector.temp.file('echo.har');
    const convert = await runCli(['convert', native, '--to', 'har', '-o', har, '--no-redact']);
    expect(convert.status, convert.stderr).toBe(0);
  });

  afterAll(async () => {
    await inspector?.close();
  });

  it('names the frame field that disagrees with its header bytes, in Chinese', async () => {
    const lines = readFileSync(native, 'utf8').split('\n');
    const index = lines.findIndex((line) => line.includes('"kind":"frame"') && line.includes('"fin":true'));
    expect(index).toBeGreaterThan(0);
    const seq = (JSON.parse((lines[index] as string).replace(/,$/, '')) as { seq: number }).seq;
    lines[index] = (lines[index] as string).replace('"fin":true', '"fin":false');
    const flipped = inspector.temp.file('flipped.frameline.json');
    writeFileSync(flipped, lines.join('\n'));
    const page = inspector.page;
    await openCapture(page, flipped);
    const alert = page.locator('.status-bar').getByRole('alert').locator('.notice-text');
    await expect.poll(() => alert.textContent()).toContain('flipped.frameline.json');
    expect(await alert.textContent()).toBe(`flipped.frameline.json 第 ${index + 1} 行的字段有误：records[${seq}].fin：应为 true，与 headerBytes 中的 FIN 位一致`);
    await page.screenshot({ path: join(artifacts, 'captures-zh-frame-disagrees.png') });
  });

  it('names the bad HAR field, its path as written, in Chinese', async () => {
    const document = JSON.parse(readFileSync(har, 'utf8')) as { log: { entries: { _webSocketMessages: Record<string, unknown>[] }[] } };
    document.log.entries[0]!._webSocketMessages[0]!['opcode'] = 'text';
    const bad = inspector.temp.file('bad-opcode.har');
    writeFileSync(bad, JSON.stringify(document, null, 2));
    const page = inspector.page;
    await openCapture(page, bad);
    const alert = page.locator('.status-bar').getByRole('alert').locator('.notice-text');
    await expect.poll(() => alert.textContent()).toContain('bad-opcode.har');
    expect(await alert.textContent()).toBe('bad-opcode.har 中的字段有误：log.entries[0]._webSocketMessages[0].opcode：应为 0–15 的数字');
    await page.screenshot({ path: join(artifacts, 'captures-zh-har-field.png') });
  });
});
