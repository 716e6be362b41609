import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { rendererDirectory } from '../../electron/app-paths.js';
import { startPythonWs, type PythonWsPeer } from '../harness/python-ws.js';
import { requirePeer } from '../harness/require-peer.js';
import { artifacts, openInspector, type InspectorFixture } from './browser.js';

const chromiumPeer = requirePeer('chromium');
const python = requirePeer('python-websockets');

const bytesPerSecond = 1024 * 1024;
const floodCount = 32;
const floodBytes = 256 * 1024;

/** What a reader of each language clicks and reads. */
interface Words {
  readonly locale: string;
  readonly settings: string;
  readonly drawer: string;
  readonly offerDeflate: string;
  readonly inflatedPerSecond: string;
  readonly closeSettings: string;
  readonly url: string;
  readonly connect: string;
  readonly disconnect: string;
  /** The figures while open (`capture:inflatePauses.soFar`, more than once, then maybe `timeline:inflatePauses.waiting`), with the count in group 1. */
  readonly soFar: RegExp;
  /** The final figures (`capture:inflatePauses.summary`). */
  readonly summary: RegExp;
  /** A long wait still running (`timeline:inflatePauses.waiting`), its milliseconds in group 1. */
  readonly longWait: RegExp;
}

const english: Words = {
  locale: 'en-US',
  settings: 'Settings',
  drawer: 'Connection settings',
  offerDeflate: 'Offer permessage-deflate',
  inflatedPerSecond: 'Inflated bytes per second (0: no limit)',
  closeSettings: 'Close settings',
  url: 'URL',
  connect: 'Connect',
  disconnect: 'Disconnect',
  soFar: /^Reading has waited for the inflate budget of 1,048,576 bytes a second (\d+) times so far: [\d,]+ ms in all, the longest [\d,]+ ms\.(?:Reading has been waiting for [\d,]+ ms now\.)?$/,
  summary: /^Reading waited for the inflate budget of 1,048,576 bytes a second (\d+) times: [\d,]+ ms in all, the longest [\d,]+ ms\.$/,
  longWait: /^Reading has waited for the inflate budget of 2,097,152 bytes a second once so far: [\d,]+ ms\.Reading has been waiting for ([\d,]+) ms now\.$/,
};

const chinese: Words = {
  locale: 'zh-CN',
  settings: '连接设置',
  drawer: '连接设置',
  offerDeflate: '提议 permessage-deflate',
  inflatedPerSecond: '每秒解压字节数（0：不限）',
  closeSettings: '关闭设置',
  url: '地址',
  connect: '连接',
  disconnect: '断开',
  soFar: /^到目前为止，读取因每秒 1,048,576 字节的解压预算等待了 (\d+) 次：共 [\d,]+ 毫秒，最长一次 [\d,]+ 毫秒。(?:读取已等待 [\d,]+ 毫秒。)?$/,
  summary: /^读取因每秒 1,048,576 字节的解压预算等待了 (\d+) 次：共 [\d,]+ 毫秒，最长一次 [\d,]+ 毫秒。$/,
  longWait: /^到目前为止，读取因每秒 2,097,152 字节的解压预算等待了 1 次：共 [\d,]+ 毫秒，最长一次 [\d,]+ 毫秒。读取已等待 ([\d,]+) 毫秒。$/,
};

let inspector: InspectorFixture | undefined;
let server: PythonWsPeer | undefined;
afterEach(async () => {
  await inspector?.close();
  inspector = undefined;
  await server?.stop();
  server = undefined;
});

async function barText(page: Page): Promise<string> {
  const bar = page.getByTestId('inflate-pauses');
  return (await bar.count()) === 0 ? '' : ((await bar.textContent()) ?? '');
}

function countIn(text: string, pattern: RegExp): number {
  return Number(pattern.exec(text)?.[1] ?? 0);
}

/**
 * python3-websockets floods 8 MiB of hardly compressible text (base64 of random bytes) over many
 * socket reads; at 1 MiB a second of inflation each read past the first second waits, so reading
 * pauses again and again while the session is open. The bar above the timeline shows the pauses so
 * far and moves with them; at the close it shows the final figures, word for word the capture's last warning.
 */
async function showsLivePauses(words: Words, name: string): Promise<void> {
  server = await startPythonWs({ perMessageDeflate: true, flood: { count: floodCount, bytes: floodBytes, isIncompressible: true } });
  inspector = await openInspector(`e2e-inflate-pauses-${words.locale}`, { locale: words.locale, viewport: { width: 1024, height: 768 } });
  const { page } = inspector;
  await connectWithBudget(page, words, server.url, bytesPerSecond);

  // Live: the figures while open, and again with more pauses counted, the session still open.
  await expect.poll(() => barText(page), { timeout: 30_000 }).toMatch(words.soFar);
  const first = countIn(await barText(page), words.soFar);
  await page.screenshot({ path: join(artifacts, `inflate-pauses-${name}-1024.png`) });
  await expect.poll(async () => countIn(await barText(page), words.soFar), { timeout: 30_000 }).toBeGreaterThan(first);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: join(artifacts, `inflate-pauses-${name}-1920.png`) });
  expect(await page.getByRole('button', { name: words.disconnect, exact: true }).isEnabled()).toBe(true);

  await page.getByRole('button', { name: words.disconnect, exact: true }).click();
  await expect.poll(() => barText(page), { timeout: 30_000 }).toMatch(words.summary);
  const final = await barText(page);
  expect(countIn(final, words.summary)).toBeGreaterThan(first);
  // The capture's last word, in the timeline's last warning row (after its "warning:"), says the same.
  const grid = page.getByRole('grid');
  await expect.poll(() => grid.getByText(final).count(), { timeout: 10_000 }).toBe(1);
  await page.screenshot({ path: join(artifacts, `inflate-pauses-${name}-closed-1920.png`) });
}

/** Offers permessage-deflate with an inflate budget in the settings drawer, then connects. */
async function connectWithBudget(page: Page, words: Words, url: string, budget: number): Promise<void> {
  await page.getByRole('button', { name: words.settings, exact: true }).click();
  const drawer = page.getByRole('complementary', { name: words.drawer });
  await drawer.getByRole('checkbox', { name: words.offerDeflate }).setChecked(true);
  await drawer.getByRole('spinbutton', { name: words.inflatedPerSecond }).fill(String(budget));
  await drawer.getByRole('button', { name: words.closeSettings }).click();
  await page.getByRole('textbox', { name: words.url }).fill(url);
  await page.getByRole('button', { name: words.connect, exact: true }).click();
}

/**
 * One 16 MiB message that compresses about a thousand to one, at 2 MiB a second: seconds of
 * inflating in slices with no record, yet the bar counts the one running pause and says how long
 * reading has been waiting, growing (main checks once a second for figures that moved).
 */
async function showsLongWait(words: Words, name: string): Promise<void> {
  server = await startPythonWs({ perMessageDeflate: true, flood: { count: 1, bytes: 16 * 1024 * 1024 } });
  inspector = await openInspector(`e2e-inflate-wait-${words.locale}`, { locale: words.locale, viewport: { width: 1024, height: 768 } });
  const { page } = inspector;
  await connectWithBudget(page, words, server.url, 2 * bytesPerSecond);
  await expect.poll(() => barText(page), { timeout: 30_000 }).toMatch(words.longWait);
  const first = Number(words.longWait.exec(await barText(page))?.[1]?.replaceAll(',', ''));
  await expect.poll(async () => Number(words.longWait.exec(await barText(page))?.[1]?.replaceAll(',', '') ?? 0), { timeout: 30_000 }).toBeGreaterThan(first);
  await page.screenshot({ path: join(artifacts, `inflate-wait-${name}-1024.png`) });
}

describe.skipIf(!chromiumPeer.isAvailable || !python.isAvailable || !existsSync(join(rendererDirectory(), 'index.html')))('the inflate-budget pauses above the timeline', () => {
  it('in English: counted while open, then the final figures at the close', async () => {
    await showsLivePauses(english, 'en');
  }, 120_000);

  it('in Chinese (zh-CN): the same figures in Chinese', async () => {
    await showsLivePauses(chinese, 'zh');
  }, 120_000);

  it('in English: one long wait, counted and timed while it runs', async () => {
    await showsLongWait(english, 'en');
  }, 120_000);

  it('in Chinese (zh-CN): one long wait, in Chinese', async () => {
    await showsLongWait(chinese, 'zh');
  }, 120_000);
});
