import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rendererDirectory } from '../../electron/app-paths.js';
import { freePort } from '../harness/free-port.js';
import { startNginx, type NginxMode } from '../harness/nginx.js';
import { requirePeer } from '../harness/require-peer.js';
import type { RunningPeer } from '../harness/running-peer.js';
import { startWsServer, type WsServerPeer } from '../harness/ws-server.js';
import { artifacts, openInspector, type InspectorFixture } from './browser.js';
import { clippedControls, drawsChinese } from './layout-checks.js';

const chromiumPeer = requirePeer('chromium');
const nginxPeer = requirePeer('nginx');
const isBuilt = existsSync(join(rendererDirectory(), 'index.html'));

/** Fills the Doctor's form in Chinese (labels as a Chinese reader sees them) and presses 诊断. */
async function diagnose(page: Page, url: string, listenPort: number | null): Promise<void> {
  await page.getByRole('tablist', { name: '视图' }).getByRole('tab', { name: '诊断', exact: true }).click();
  await page.getByRole('textbox', { name: '地址' }).fill(url);
  await page.getByRole('checkbox', { name: /空闲探测/ }).setChecked(false);
  await page.getByRole('checkbox', { name: /路径测试/ }).setChecked(listenPort !== null);
  if (listenPort !== null) await page.getByRole('textbox', { name: '监听端口' }).fill(String(listenPort));
  await page.getByRole('button', { name: '诊断', exact: true }).click();
}

/** The verdict once the run has finished (no longer 正在诊断, and 诊断 is back). */
async function finishedVerdict(page: Page): Promise<string> {
  const verdict = page.getByRole('status', { name: '结论' });
  await expect.poll(async () => (await verdict.textContent()) ?? '', { timeout: 30_000 }).not.toMatch(/正在诊断/);
  await page.getByRole('button', { name: '诊断', exact: true }).waitFor({ timeout: 30_000 });
  return (await verdict.locator('.verdict-text').textContent()) ?? '';
}

/** Column edges of a table's header row and of every body row: aligned when they agree. */
async function columnEdges(table: Locator): Promise<number[][]> {
  return table.evaluate((node) => Array.from((node as HTMLTableElement).rows).map((row) => Array.from(row.cells).map((cell) => Math.round(cell.getBoundingClientRect().left))));
}

describe.skipIf(!chromiumPeer.isAvailable || !nginxPeer.isAvailable || !isBuilt)('the Doctor view in Simplified Chinese against real nginx', () => {
  let inspector: InspectorFixture;
  let echo: WsServerPeer;
  let page: Page;
  const proxies: RunningPeer[] = [];
  const startProxy = async (mode: NginxMode, upstreamPort: number): Promise<RunningPeer & { port: number }> => {
    const proxy = await startNginx({ upstreamPort, mode });
    proxies.push(proxy);
    return proxy;
  };

  beforeAll(async () => {
    echo = await startWsServer();
    inspector = await openInspector('e2e-doctor-zh', { locale: 'zh-CN', viewport: { width: 1024, height: 768 } });
    page = inspector.page;
  });
  afterEach(async () => {
    await Promise.all(proxies.splice(0).map((proxy) => proxy.stop()));
  });
  afterAll(async () => {
    await inspector?.close();
    await echo?.stop();
  });

  it('follows the browser language: verdict, probes, causes and fix tabs in Chinese, laid out at 1024 and 1920 px', async () => {
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    const proxy = await startProxy('no-upgrade-headers', echo.port);
    await diagnose(page, `ws://127.0.0.1:${proxy.port}/`, null);
    expect(await finishedVerdict(page)).toMatch(/^426 响应来自 nginx（Server: nginx[^）]*）。有两种原因都符合这个响应/);
    expect(await page.getByRole('status', { name: '结论' }).textContent()).toContain('运行路径测试来区分它们');

    const probes = page.getByRole('list', { name: '探测' });
    expect(await probes.textContent()).toMatch(/失败\s*WebSocket 握手\s*收到 HTTP\/1\.1 426 Upgrade Required，而不是 101 Switching Protocols/);
    expect(await probes.textContent()).toMatch(/跳过\s*空闲连接/);
    expect(await page.getByRole('list', { name: '根据响应识别出的各跳' }).textContent()).toContain('nginx');

    const causes = page.getByRole('list', { name: '原因' });
    expect(await causes.textContent()).toContain('upgrade-headers-dropped中等置信度');
    expect(await causes.textContent()).toContain('修复：让路径上的每个代理都通过 HTTP/1.1 把 Upgrade 和 Connection 请求头转发给后端。');
    const firstCause = causes.getByRole('listitem').first();
    expect(await firstCause.getByLabel('nginx 修复配置').textContent()).toContain('# 放在 http 块中：\nmap $http_upgrade $connection_upgrade');
    await firstCause.getByRole('tab', { name: '阿里云 CDN/DCDN' }).click();
    expect(await firstCause.getByLabel('alibaba-cdn 修复配置').textContent()).toContain('DCDN 控制台 → 域名管理 → 配置 → WebSocket');
    await firstCause.getByRole('tab', { name: 'nginx', exact: true }).click();

    expect(await drawsChinese(page.locator('.verdict-text'), '应')).toBe(true);
    expect(await drawsChinese(firstCause.getByRole('tab', { name: '阿里云 CLB（SLB）' }), '阿')).toBe(true);
    for (const width of [1024, 1920]) {
      await page.setViewportSize({ width, height: width === 1024 ? 768 : 1080 });
      expect(await clippedControls(page.locator('form.doctor-bar'))).toEqual([]);
      expect(await clippedControls(page.locator('.cause-list'))).toEqual([]);
      expect(await clippedControls(page.locator('.status-bar'))).toEqual([]);
      await page.screenshot({ path: join(artifacts, `20-doctor-zh-${width}.png`) });
    }
    await page.setViewportSize({ width: 1024, height: 768 });
  });

  it('the path test through nginx left at HTTP/1.0: the comparison tables in Chinese, columns aligned', async () => {
    const listenPort = await freePort();
    const proxy = await startProxy('http1.0', listenPort);
    await diagnose(page, `ws://127.0.0.1:${proxy.port}/`, listenPort);
    expect(await finishedVerdict(page)).toContain('客户端发送的是 HTTP/1.1，代理却以 HTTP/1.0');
    const path = page.getByRole('region', { name: '路径做了什么' });
    await expect.poll(() => path.textContent()).toContain('HTTP/1.1 → HTTP/1.0');
    for (const name of ['头部变化', '穿过路径的帧']) {
      const table = path.getByRole('table', { name });
      const rows = await columnEdges(table);
      expect(rows.length).toBeGreaterThan(1);
      for (const row of rows) expect(row).toEqual(rows[0]);
    }
    expect(await path.getByRole('table', { name: '穿过路径的帧' }).textContent()).toContain('客户端 → 后端');
    for (const width of [1024, 1920]) {
      await page.setViewportSize({ width, height: width === 1024 ? 768 : 1080 });
      expect(await clippedControls(page.locator('.path-comparison'))).toEqual([]);
      await page.screenshot({ path: join(artifacts, `21-doctor-zh-path-test-${width}.png`) });
    }
    await page.setViewportSize({ width: 1024, height: 768 });
  });

  it('the language switch in the status bar re-renders the Doctor view at once, report included', async () => {
    const proxy = await startProxy('no-upgrade-headers', echo.port);
    await diagnose(page, `ws://127.0.0.1:${proxy.port}/`, null);
    await finishedVerdict(page);
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    const verdict = page.getByRole('status', { name: 'Verdict' });
    await expect.poll(() => verdict.textContent()).toMatch(/The 426 came from nginx/);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.getByRole('list', { name: 'Probes' }).textContent()).toMatch(/fail\s*WebSocket handshake/i);
    expect(await page.getByRole('tablist', { name: 'View' }).getByRole('tab', { name: 'Doctor', exact: true }).getAttribute('aria-selected')).toBe('true');
    expect(await page.getByRole('button', { name: 'Diagnose', exact: true }).count()).toBe(1);
    await page.screenshot({ path: join(artifacts, '22-doctor-switched-to-en.png') });

    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await expect.poll(() => page.getByRole('status', { name: '结论' }).textContent()).toMatch(/426 响应来自 nginx/);
  });
});
