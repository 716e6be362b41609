import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDirectory } from '../../electron/app-paths.js';
import { requirePeer } from '../harness/require-peer.js';
import { createWorkspaceFixture, localEnvironment, orderScenario, shopConnection, type WorkspaceFixture } from '../harness/workspace-fixture.js';
import { startWsPubsub, type WsPubsubPeer } from '../harness/ws-pubsub-server.js';
import { artifacts, frames, openInspector, type InspectorFixture } from './browser.js';
import { brokenWords } from './layout-checks.js';

const chromiumPeer = requirePeer('chromium');
const isBuilt = existsSync(join(rendererDirectory(), 'index.html'));

function sidebar(page: Page) {
  return page.getByRole('complementary', { name: 'Workspace' });
}

function messageNames(workspace: WorkspaceFixture): string[] {
  return (JSON.parse(readFileSync(join(workspace.path, 'connections', 'shop.json'), 'utf8')) as { messages: { name: string }[] }).messages.map((message) => message.name);
}

describe.skipIf(!chromiumPeer.isAvailable || !isBuilt)('the workspace sidebar in Chromium', () => {
  let inspector: InspectorFixture;
  let server: WsPubsubPeer;
  let workspace: WorkspaceFixture;
  let page: Page;

  beforeAll(async () => {
    server = await startWsPubsub({ password: 's3cret' });
    workspace = createWorkspaceFixture();
    workspace.write('connections/shop.json', { ...shopConnection, reconnect: { isEnabled: true, replay: ['login'] } });
    workspace.write('environments/local.json', localEnvironment(server.port));
    workspace.write('scenarios/order-flow.json', orderScenario);
    workspace.write('scenarios/wrong-price.json', { ...orderScenario, name: 'Wrong price', steps: orderScenario.steps.map((step) => (step.name === 'order pushed' ? { ...step, json: { '$.op': 'event', '$.data.price': 40 }, timeoutMs: 1500 } : step)) });
    inspector = await openInspector('e2e-workspace');
    page = inspector.page;
    // The window opens the default workspace first; the test opens the shop folder as a user would.
    await sidebar(page).getByText('Open folder').first().click();
    await sidebar(page).getByRole('textbox', { name: 'Path of a workspace folder' }).fill(workspace.path);
    await sidebar(page).getByRole('button', { name: 'Open folder' }).click();
    await sidebar(page).getByText('Shop orders').first().waitFor({ timeout: 15_000 });
    await inspector.engine.run('setWorkspaceSecrets', ['local', { password: 's3cret', apiKey: 'key-e2e' }]);
  });
  afterAll(async () => {
    await inspector?.close();
    await server?.stop();
    workspace?.root.remove();
  });

  it('connects a saved connection and sends a saved message with one click and with Enter', async () => {
    await expect.poll(() => sidebar(page).textContent()).toContain('Shop orders');
    await sidebar(page).getByRole('button', { name: 'Connect', exact: true }).click();
    await expect.poll(() => frames(page).textContent(), { timeout: 10_000 }).toContain('101');
    await sidebar(page).getByRole('treeitem', { name: /Log in/ }).getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => frames(page).textContent()).toContain('"op":"welcome"');
    await sidebar(page).getByRole('treeitem', { name: /Log in/ }).press('Enter');
    await expect.poll(async () => ((await frames(page).textContent()) ?? '').split('"op":"welcome"').length - 1).toBe(2);
  });

  it('saves the composer’s message and a timeline row’s message, renames, and reorders by keyboard and by drag', async () => {
    const composer = page.getByRole('region', { name: 'Composer' });
    await composer.getByRole('button', { name: 'Text', exact: true }).click();
    await composer.locator('.monaco-editor').click();
    await page.keyboard.type('{"op":"ping-app"}');
    await composer.getByRole('button', { name: 'Save to workspace' }).click();
    await expect.poll(() => messageNames(workspace)).toEqual(['Log in', 'Subscribe to orders', 'Acknowledge the order', 'Message 4']);
    const saved = sidebar(page).getByRole('treeitem', { name: /Message 4/ });
    await saved.press('F2');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('App ping');
    await page.keyboard.press('Enter');
    await expect.poll(() => messageNames(workspace)).toContain('App ping');
    await sidebar(page).getByRole('treeitem', { name: /App ping/ }).press('Alt+ArrowUp');
    await expect.poll(() => messageNames(workspace)).toEqual(['Log in', 'Subscribe to orders', 'App ping', 'Acknowledge the order']);
    // The window shows the new order a moment after the file has it; drag only once the rows are where the drag will aim.
    await expect.poll(() => sidebar(page).locator('.saved-message .item-name').allTextContents()).toEqual(['Log in', 'Subscribe to orders', 'App ping', 'Acknowledge the order']);
    await sidebar(page).getByRole('treeitem', { name: /Acknowledge the order/ }).dragTo(sidebar(page).getByRole('treeitem', { name: /Log in/ }));
    await expect.poll(() => messageNames(workspace)).toEqual(['Acknowledge the order', 'Log in', 'Subscribe to orders', 'App ping']);

    await frames(page).getByText('"op":"welcome"').first().click();
    await page.getByRole('region', { name: 'Frame detail' }).getByRole('button', { name: 'Save message' }).click();
    await expect.poll(() => messageNames(workspace).at(-1)).toMatch(/^Received #\d+$/);
    const stored = JSON.parse(readFileSync(join(workspace.path, 'connections', 'shop.json'), 'utf8')) as { messages: { mode: string; text: string }[] };
    expect(stored.messages.at(-1)).toMatchObject({ mode: 'json' });
    expect(stored.messages.at(-1)!.text).toContain('"op":"welcome"');
  });

  it('runs a scenario with steps ticking off, shows expected and received for the failed step, and opens its record', async () => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    const scenarios = sidebar(page);
    await scenarios.getByRole('button', { name: 'Run' }).nth(1).click();
    const run = page.getByRole('region', { name: 'Run of Wrong price' });
    await expect.poll(() => run.textContent(), { timeout: 15_000 }).toContain('failed');
    const text = (await run.textContent()) ?? '';
    expect(text).toContain('$.data.price = 40');
    expect(text).toContain('$.data.price: expected 40, got 42.5');
    // The failure's lines break between words in the narrow sidebar ("event", and 40 stay whole).
    for (const width of [1920, 1024]) {
      await page.setViewportSize({ width, height: width === 1024 ? 768 : 1080 });
      for (const line of await run.locator('.step-failure code').all()) expect(await brokenWords(line), `${await line.textContent()} at ${width} px`).toEqual([]);
    }
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: join(artifacts, 'workspace-1920.png') });
    await run.getByRole('button', { name: /Show record #\d+/ }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Frame detail' }).textContent()).toContain('42.5');
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.screenshot({ path: join(artifacts, 'workspace-1024.png') });
    await scenarios.getByRole('button', { name: 'Run' }).first().click();
    await expect.poll(() => page.getByRole('region', { name: 'Run of Order flow' }).textContent(), { timeout: 15_000 }).toMatch(/passed in \d+ ms/);
  });

  it('speaks Chinese, a failed expectation’s reasons too', async () => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.locator('select.language-switch').selectOption('zh-CN');
    await expect.poll(() => page.getByRole('complementary', { name: '工作区' }).textContent()).toContain('连接');
    // A failed expectation's reasons are worded in Chinese, the path and the values as they are.
    await page.getByRole('complementary', { name: '工作区' }).getByRole('button', { name: '运行', exact: true }).nth(1).click();
    const run = page.getByRole('region', { name: 'Wrong price 的运行' });
    await expect.poll(() => run.textContent(), { timeout: 15_000 }).toContain('失败');
    await expect.poll(() => run.getByRole('list', { name: '不匹配的原因' }).textContent()).toBe('$.data.price：应为 40，实际为 42.5');
    await page.screenshot({ path: join(artifacts, 'workspace-1920-zh.png') });
    await page.locator('select.language-switch').selectOption('en');
  });

  it('imports an Apifox export from the import box: its Postman form adds the connection, its own format is refused naming the field, in either language', async () => {
    const apifox = (name: string): string => readFileSync(new URL(`../fixtures/apifox/${name}`, import.meta.url), 'utf8');
    const importFrom = async (text: string): Promise<void> => {
      await sidebar(page).getByRole('combobox', { name: 'What to import' }).selectOption('apifox');
      await sidebar(page).getByRole('textbox', { name: 'Paste the exported JSON or the command line here' }).fill(text);
      await sidebar(page).getByRole('button', { name: 'Import', exact: true }).click();
    };
    const notice = page.locator('.notice-error');
    await sidebar(page).locator('details.import-box > summary').click();
    await importFrom(apifox('apifox-postman-export.json'));
    await expect.poll(() => sidebar(page).textContent()).toContain('推送 / 订阅行情');
    await importFrom(apifox('apifox-native-project.json'));
    await expect.poll(() => notice.textContent()).toContain('webSocketCollection: Apifox does not document how its own project format stores WebSocket interfaces');
    await page.locator('select.language-switch').selectOption('zh-CN');
    const chineseSidebar = page.getByRole('complementary', { name: '工作区' });
    await chineseSidebar.locator('details.import-box textarea').fill(apifox('apifox-openapi-export.json'));
    await chineseSidebar.getByRole('button', { name: '导入', exact: true }).click();
    await expect.poll(() => notice.textContent()).toContain('openapi：OpenAPI 文档描述的是 HTTP 操作');
    await page.locator('select.language-switch').selectOption('en');
  });
});
