import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDirectory } from '../../electron/app-paths.js';
import { requirePeer } from '../harness/require-peer.js';
import { chatScenario, createWorkspaceFixture, localEnvironment, orderScenario, shopConnection, type WorkspaceFixture } from '../harness/workspace-fixture.js';
import { startWsChat, type WsChatPeer } from '../harness/ws-chat-server.js';
import { startWsPubsub, type WsPubsubPeer } from '../harness/ws-pubsub-server.js';
import { artifacts, openInspector, type InspectorFixture } from './browser.js';
import { clippedControls, drawsChinese } from './layout-checks.js';

const chromiumPeer = requirePeer('chromium');
const isBuilt = existsSync(join(rendererDirectory(), 'index.html'));

const password = 's3cret-e2e-7d1c';
const apiKey = 'key-e2e-4b9f02aa';
const extraSecret = 'xtra-5e0f-77c2-SECRET';

function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => (statSync(join(directory, name)).isDirectory() ? filesUnder(join(directory, name)) : [join(directory, name)]));
}

function readJsonFile<T>(workspace: WorkspaceFixture, path: string): T {
  return JSON.parse(readFileSync(join(workspace.path, path), 'utf8')) as T;
}

describe.skipIf(!chromiumPeer.isAvailable || !isBuilt)('editing the workspace in Chromium', () => {
  let inspector: InspectorFixture;
  let server: WsPubsubPeer;
  let chat: WsChatPeer;
  let workspace: WorkspaceFixture;
  let page: Page;
  const sidebar = () => page.getByRole('complementary', { name: 'Workspace' });
  const environments = () => page.getByRole('complementary', { name: 'Environments' });
  const variable = (index: number) => environments().locator('li.variable-row').nth(index);
  /** Saves the environment and waits until the window shows it saved. */
  const save = async (): Promise<void> => {
    await environments().getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => environments().getByText('unsaved changes').count()).toBe(0);
  };
  const reveal = (name: string) => inspector.engine.run('revealWorkspaceSecret', ['local', name]).then((result) => result.value);

  beforeAll(async () => {
    server = await startWsPubsub({ password });
    chat = await startWsChat();
    workspace = createWorkspaceFixture();
    workspace.write('connections/shop.json', shopConnection);
    workspace.write('environments/local.json', localEnvironment(server.port));
    workspace.write('scenarios/order-flow.json', orderScenario);
    workspace.write('scenarios/chat.json', JSON.parse(JSON.stringify(chatScenario).replaceAll('{{port}}', '{{chatPort}}')));
    inspector = await openInspector('e2e-workspace-editor', { viewport: { width: 1920, height: 1080 } });
    page = inspector.page;
    await sidebar().getByText('Open folder').first().click();
    await sidebar().getByRole('textbox', { name: 'Path of a workspace folder' }).fill(workspace.path);
    await sidebar().getByRole('button', { name: 'Open folder' }).click();
    await sidebar().getByText('Shop orders').first().waitFor({ timeout: 15_000 });
    await inspector.engine.run('setWorkspaceSecrets', ['local', { password, apiKey }]);
  });
  afterAll(async () => {
    await inspector?.close();
    await server?.stop();
    await chat?.stop();
    workspace?.root.remove();
  });

  it('adds a variable and a secret, reveals a secret only when asked, renames and clears it; no secret reaches the folder', async () => {
    await sidebar().getByRole('button', { name: 'Edit environments, variables and secrets' }).click();
    await expect.poll(() => environments().getByRole('combobox', { name: 'Environment' }).inputValue()).toBe('local');
    await expect.poll(() => variable(2).textContent()).toContain('stored');
    expect(await environments().textContent()).not.toContain(password);
    await variable(2).getByRole('button', { name: 'Reveal' }).click();
    await expect.poll(() => environments().getByRole('textbox', { name: 'Value of password, revealed' }).inputValue()).toBe(password);
    await variable(2).getByRole('button', { name: 'Hide' }).click();
    expect(await environments().getByRole('textbox', { name: 'Value of password, revealed' }).count()).toBe(0);

    await environments().getByRole('button', { name: 'Add variable' }).click();
    await variable(4).getByRole('textbox', { name: 'Variable name', exact: true }).fill('chatPort');
    await variable(4).getByRole('textbox', { name: 'Value of chatPort' }).fill(String(chat.port));
    await environments().getByRole('button', { name: 'Add variable' }).click();
    await variable(5).getByRole('textbox', { name: 'Variable name', exact: true }).fill('9extra');
    expect(await environments().getByRole('alert').textContent()).toContain('9extra: a letter or _ first');
    expect(await environments().getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await variable(5).getByRole('textbox', { name: 'Variable name', exact: true }).fill('extra');
    await variable(5).getByRole('checkbox', { name: 'secret' }).check();
    await variable(5).getByRole('button', { name: 'Set value' }).click();
    await variable(5).getByLabel('New value of extra').fill(extraSecret);
    await save();
    await expect.poll(() => readJsonFile<{ variables: unknown[] }>(workspace, 'environments/local.json').variables.slice(4)).toEqual([{ name: 'chatPort', value: String(chat.port) }, { name: 'extra', secret: true }]);
    expect(await reveal('extra')).toBe(extraSecret);
    await expect.poll(() => variable(5).textContent()).toContain('stored');

    await variable(5).getByRole('textbox', { name: 'Variable name', exact: true }).fill('extraToken');
    await save();
    await expect.poll(() => reveal('extraToken')).toBe(extraSecret);
    expect(await reveal('extra')).toBeNull();
    await variable(5).getByRole('button', { name: 'Clear' }).click();
    expect(await variable(5).textContent()).toContain('cleared when you save');
    await save();
    await expect.poll(() => reveal('extraToken')).toBeNull();
    for (const file of filesUnder(workspace.path)) {
      const bytes = readFileSync(file);
      for (const secret of [password, apiKey, extraSecret]) expect(bytes.includes(Buffer.from(secret)), `${file} holds ${secret}`).toBe(false);
    }
  });

  it('adds, renames and deletes an environment, and shares the secrets of every environment', async () => {
    await environments().getByRole('textbox', { name: 'Name of the new environment' }).fill('Staging');
    await environments().getByRole('button', { name: 'Add environment' }).click();
    await expect.poll(() => environments().getByRole('combobox', { name: 'Environment' }).inputValue()).toBe('staging');
    expect(readJsonFile<{ name: string }>(workspace, 'environments/staging.json').name).toBe('Staging');
    await environments().getByRole('textbox', { name: 'Name', exact: true }).fill('Staging EU');
    await save();
    await expect.poll(() => readJsonFile<{ name: string }>(workspace, 'environments/staging.json').name).toBe('Staging EU');
    await environments().getByRole('button', { name: 'Delete environment' }).click();
    await environments().getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => existsSync(join(workspace.path, 'environments', 'staging.json'))).toBe(false);
    await expect.poll(() => environments().getByRole('combobox', { name: 'Environment' }).inputValue()).toBe('local');

    await inspector.engine.run('setWorkspaceSecrets', ['*', { 'shop.authorization': 'Bearer tok-e2e-91' }]);
    await page.getByRole('button', { name: 'Done' }).click();
    await sidebar().getByRole('button', { name: 'Edit environments, variables and secrets' }).click();
    const shared = environments().getByRole('region', { name: 'Secrets of every environment' });
    await expect.poll(() => shared.textContent()).toContain('shop.authorization');
    expect(await shared.textContent()).not.toContain('tok-e2e-91');
    await shared.getByRole('button', { name: 'Change' }).click();
    await shared.getByLabel('New value of shop.authorization').fill('Bearer tok-e2e-92');
    await shared.getByRole('button', { name: 'Set', exact: true }).click();
    await expect.poll(() => inspector.engine.run('revealWorkspaceSecret', ['*', 'shop.authorization']).then((result) => result.value)).toBe('Bearer tok-e2e-92');
    await page.keyboard.press('Escape');
    await expect.poll(() => environments().count()).toBe(0);
  });

  it('edits a connection’s auto-reconnect settings: on, base, cap, attempts, and the messages sent again in order', async () => {
    await sidebar().getByRole('combobox', { name: 'More actions for Shop orders' }).selectOption('settings');
    const editor = page.getByRole('complementary', { name: 'Connection Shop orders' });
    await editor.getByRole('checkbox', { name: 'Reconnect after an unexpected close' }).check();
    await editor.getByRole('textbox', { name: 'Base (ms)' }).fill('5');
    expect(await editor.getByRole('alert').textContent()).toBe('Whole milliseconds from 10 to 3600000.');
    expect(await editor.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await editor.getByRole('textbox', { name: 'Base (ms)' }).fill('250');
    await editor.getByRole('textbox', { name: 'Cap (ms)' }).fill('4000');
    await editor.getByRole('textbox', { name: 'Attempts in a row' }).fill('3');
    const replay = editor.getByRole('group', { name: 'Send again after each reconnect, in this order' });
    await replay.getByRole('checkbox', { name: /Subscribe to orders/ }).check();
    await replay.getByRole('checkbox', { name: /Log in/ }).check();
    await editor.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => readJsonFile<{ reconnect?: unknown }>(workspace, 'connections/shop.json').reconnect).toEqual({ isEnabled: true, baseMs: 250, capMs: 4000, maxAttempts: 3, replay: ['login', 'subscribe'] });
    await expect.poll(() => sidebar().getByRole('button', { name: 'auto-reconnect' }).count()).toBe(1);
    await editor.getByRole('button', { name: 'Done' }).click();
  });

  it('runs a scenario whose branches chat at the same time, grouped by branch, step titles in the reader’s language', async () => {
    await sidebar().getByRole('button', { name: 'Run' }).first().click();
    const run = page.getByRole('region', { name: 'Run of Two clients chat' });
    await expect.poll(() => run.textContent(), { timeout: 20_000 }).toMatch(/passed in \d+ ms/);
    expect(await run.locator('.run-branch').allTextContents()).toEqual(['3.1 branch alice', '3.2 branch bob']);
    expect(await run.textContent()).toContain('send "hi bob" on alice');
    expect(chat.received()).toEqual(['alice: hi bob', 'bob: hi alice', 'alice: how are you?', 'bob: fine', 'alice: bob said hi alice']);
    await page.locator('select.language-switch').selectOption('zh-CN');
    const zhRun = page.getByRole('region', { name: 'Two clients chat 的运行' });
    await expect.poll(() => zhRun.textContent()).toContain('alice：发送 "hi bob"');
    expect(await zhRun.locator('.run-branch').allTextContents()).toEqual(['3.1 分支 alice', '3.2 分支 bob']);
    expect(await drawsChinese(zhRun.locator('.run-branch').first(), '分')).toBe(true);
    await page.locator('select.language-switch').selectOption('en');
  });

  it('folds the sidebar away and resizes it; the sidebar and the editor hold at 1024 and 1920 px, light and dark, in English and Chinese', async () => {
    await page.setViewportSize({ width: 1024, height: 768 });
    const timelineWidth = () => page.locator('.column-main').evaluate((element) => element.getBoundingClientRect().width);
    const open = await timelineWidth();
    await sidebar().getByRole('button', { name: 'Hide the workspace sidebar' }).click();
    await expect.poll(timelineWidth).toBeGreaterThan(open + 150);
    await page.getByRole('button', { name: 'Show the workspace sidebar' }).click();
    await expect.poll(timelineWidth).toBe(open);
    const handle = page.getByRole('separator', { name: /Workspace sidebar width/ });
    const before = Number(await handle.getAttribute('aria-valuenow'));
    await handle.focus();
    for (let press = 0; press < 4; press++) await page.keyboard.press('ArrowRight');
    await expect.poll(async () => Number(await handle.getAttribute('aria-valuenow'))).toBe(before + 64);
    // Kept with the preferences main writes (not the page's storage, which a new port of frameline ui loses).
    await expect.poll(async () => (await inspector.engine.run('loadUserData', [])).preferences.panes).toMatchObject({ sidebarWidthPx: before + 64, isSidebarHidden: false });
    expect(await page.evaluate(() => localStorage.getItem('frameline.workspace.sidebar'))).toBeNull();
    await handle.dblclick();
    await expect.poll(async () => Number(await handle.getAttribute('aria-valuenow'))).toBe(before);
    for (const language of ['en', 'zh-CN'] as const) {
      await page.locator('select.language-switch').selectOption(language);
      const label = language === 'en' ? 'Workspace' : '工作区';
      const editLabel = language === 'en' ? 'Edit environments, variables and secrets' : '编辑环境、变量和机密';
      for (const width of [1024, 1920]) {
        await page.setViewportSize({ width, height: width === 1024 ? 768 : 1080 });
        for (const scheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme: scheme });
          await page.getByRole('complementary', { name: label }).getByRole('button', { name: editLabel }).click();
          const drawer = page.locator('.workspace-editor');
          await drawer.waitFor();
          // The colours as the page computes them: headless Chromium's 1024 px screenshots can keep the light backgrounds after a switch to dark.
          await expect.poll(() => page.evaluate(() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.querySelector('.workspace-editor')!).backgroundColor]), { message: `${scheme} at ${width} px` }).toEqual(scheme === 'dark' ? ['rgb(30, 31, 34)', 'rgb(30, 31, 34)'] : ['rgb(255, 255, 255)', 'rgb(255, 255, 255)']);
          expect(await clippedControls(page.locator('.workspace-sidebar')), `sidebar ${language} ${scheme} ${width}`).toEqual([]);
          expect(await clippedControls(drawer), `editor ${language} ${scheme} ${width}`).toEqual([]);
          await page.screenshot({ path: join(artifacts, `workspace-editor-${width}-${scheme}-${language}.png`) });
          await page.keyboard.press('Escape');
          await page.getByRole('complementary', { name: label }).getByRole('button', { name: language === 'en' ? 'auto-reconnect' : '自动重连' }).click();
          await drawer.waitFor();
          expect(await clippedControls(drawer), `connection editor ${language} ${scheme} ${width}`).toEqual([]);
          await page.screenshot({ path: join(artifacts, `workspace-connection-${width}-${scheme}-${language}.png`) });
          await page.keyboard.press('Escape');
        }
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.locator('select.language-switch').selectOption('en');
  });
});
