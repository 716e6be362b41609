import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDirectory } from '../../electron/app-paths.js';
import { RelaySettingsStore } from '../../electron/engine/relay/relay-settings-store.js';
import { SecretStore } from '../../electron/engine/workspace/secret-store.js';
import { safeStorageCipher } from '../../electron/engine/secrets/safe-storage-cipher.js';
import { TOKEN_STORAGE_KEY } from '../../renderer/api/bridge-token.js';
import { relaySettingsSchema } from '../../shared/contract/api-relay.js';
import { createTranslate } from '../../shared/i18n/create-i18n.js';
import { aesSafeStorage } from '../harness/aes-safe-storage.js';
import { requirePeer } from '../harness/require-peer.js';
import { createWorkspaceFixture, localEnvironment, type WorkspaceFixture } from '../harness/workspace-fixture.js';
import { artifacts, openInspector, type InspectorFixture } from './browser.js';
import { outOfBounds } from './layout-checks.js';

// Values this process cannot open, marked where the window edits them besides the settings drawer:
// a workspace connection copied from a sealed profile (its file keeps the marks) in the workspace
// editor, and the relay's saved upstream URL in the relay bar. The browser UI has no keychain, so
// the relay settings the desktop app sealed open without their token. Both languages, 1024 and
// 1920 px, light and dark; words come from the catalogues.

const chromiumPeer = requirePeer('chromium');
const isBuilt = existsSync(join(rendererDirectory(), 'index.html'));
const relayToken = 'relay-T0K-8c1e';

/** A connection file as copying a profile whose token and Authorization value could not be opened writes it. */
const markedConnection = {
  format: 'frameline-connection',
  version: 1,
  id: 'shop',
  name: 'Sealed feed',
  options: {
    url: 'ws://127.0.0.1:9/feed?access_token=',
    headers: [['X-Client', 'e2e'], ['Authorization', '']],
    unopenedSecrets: [{ kind: 'query-parameter', name: 'access_token', index: 0 }, { kind: 'header', name: 'Authorization', occurrence: 0 }],
  },
  messages: [],
};

describe.skipIf(!chromiumPeer.isAvailable || !isBuilt)('unopened secrets marked in the workspace editor and the relay bar', () => {
  for (const locale of ['en-US', 'zh-CN'] as const) {
    describe(locale, () => {
      const t = createTranslate(locale === 'en-US' ? 'en' : 'zh-CN');
      let inspector: InspectorFixture;
      let workspace: WorkspaceFixture;

      beforeAll(async () => {
        workspace = createWorkspaceFixture();
        workspace.write('connections/shop.json', markedConnection);
        workspace.write('environments/local.json', localEnvironment(9));
        inspector = await openInspector(`e2e-unopened-marks-${locale}`, { locale, viewport: { width: 1024, height: 768 } });
        // The workspace's secrets as the desktop app sealed them; this window's engine has no keychain.
        const sealed = new SecretStore(SecretStore.pathFor(inspector.temp.file('data'), 'test-workspace-0001'), 'test-workspace-0001', safeStorageCipher(aesSafeStorage()));
        await sealed.set('local', { apiKey: 'sealed-api-key-e2e' });
        await sealed.set('*', { 'shop.authorization': 'Bearer sealed-e2e' });
        await new RelaySettingsStore(inspector.temp.file('data', 'relay-settings.json'), safeStorageCipher(aesSafeStorage())).save(
          relaySettingsSchema.parse({ options: { port: 0, upstreamUrl: `ws://127.0.0.1:9/orders?access_token=${relayToken}` }, interception: {} }),
        );
        await inspector.page.waitForFunction((key) => sessionStorage.getItem(key) !== null, TOKEN_STORAGE_KEY);
      });
      afterAll(async () => {
        await inspector?.close();
        workspace?.root.remove();
      });

      it('the workspace editor flags the URL, names every value in a note, and a typed token saved ends its mark', async () => {
        const { page } = inspector;
        // The sidebar starts folded at 1024 px.
        await page.locator('.workspace-rail').getByRole('button', { name: t('workspace:sidebar.expand') }).click();
        const sidebar = page.getByRole('complementary', { name: t('workspace:sidebar.label'), exact: true });
        await sidebar.getByText(t('workspace:sidebar.openFolder')).first().click();
        await sidebar.getByRole('textbox', { name: t('workspace:sidebar.folderPlaceholder') }).fill(workspace.path);
        await sidebar.getByRole('button', { name: t('workspace:sidebar.openFolder') }).click();
        await sidebar.getByText('Sealed feed').first().waitFor({ timeout: 15_000 });
        await sidebar.locator('select.row-menu').first().selectOption('settings');
        const editor = page.getByRole('complementary', { name: t('workspace:editor.connectionTitle', { name: 'Sealed feed' }) });
        const url = editor.locator('input.mono').first();
        await expect.poll(() => url.getAttribute('aria-invalid')).toBe('true');
        const tokenField = t('failure:settings.field.queryParameter', { name: 'access_token' });
        const headerField = t('failure:settings.field.header', { name: 'Authorization' });
        expect(await url.getAttribute('title')).toBe(t('connection:unopened.urlTitle', { fields: [tokenField] }));
        const note = editor.locator('.unopened-secrets');
        expect(await note.textContent()).toBe(t('connection:unopened.noteWorkspace', { fields: [tokenField, headerField] }));
        for (const [width, height] of [[1024, 768], [1920, 1080]] as const) {
          await page.setViewportSize({ width, height });
          for (const scheme of ['light', 'dark'] as const) {
            await page.emulateMedia({ colorScheme: scheme });
            expect(await outOfBounds(editor), `${locale} at ${width} px, ${scheme}`).toEqual([]);
            await page.screenshot({ path: join(artifacts, `unopened-marks-workspace-${locale}-${width}-${scheme}.png`) });
          }
        }
        await page.emulateMedia({ colorScheme: 'light' });
        await page.setViewportSize({ width: 1024, height: 768 });

        await url.fill('ws://127.0.0.1:9/feed?access_token=typed-again');
        await expect.poll(() => url.getAttribute('aria-invalid')).toBeNull();
        expect(await note.textContent()).toBe(t('connection:unopened.noteWorkspace', { fields: [headerField] }));
        await editor.locator('button[type="submit"]').click();
        await expect.poll(() => JSON.parse(readFileSync(join(workspace.path, 'connections', 'shop.json'), 'utf8')).options.unopenedSecrets).toEqual([{ kind: 'header', name: 'Authorization', occurrence: 0 }]);
        expect(await url.getAttribute('aria-invalid')).toBeNull();
        await editor.getByRole('button', { name: t('workspace:editor.done') }).click();
      });

      it('the environments editor marks stored secrets it cannot open, and their new-value field as the drawer marks one', async () => {
        const { page } = inspector;
        const sidebar = page.getByRole('complementary', { name: t('workspace:sidebar.label'), exact: true });
        await sidebar.getByRole('button', { name: t('workspace:sidebar.editEnvironments') }).click();
        const editor = page.getByRole('complementary', { name: t('workspace:editor.environmentsTitle') });
        const unopened = t('workspace:editor.secretUnopened');
        await expect.poll(() => editor.locator('.secret-state.is-unopened').count()).toBe(2);
        expect(await editor.getByLabel(`apiKey: ${unopened}`).count()).toBe(1);
        expect(await editor.getByLabel(`shop.authorization: ${unopened}`).count()).toBe(1);
        const notes = editor.locator('.unopened-secrets');
        expect(await notes.allTextContents()).toEqual([t('workspace:editor.unopenedNote', { names: ['apiKey'] }), t('workspace:editor.unopenedNote', { names: ['shop.authorization'] })]);
        // Nothing can be revealed: there is no value here to show.
        const field = editor.getByLabel(`apiKey: ${unopened}`).locator('xpath=..');
        expect(await field.getByRole('button').allTextContents()).toEqual([t('workspace:editor.change'), t('workspace:editor.clear')]);
        await field.getByRole('button', { name: t('workspace:editor.change') }).click();
        const input = editor.getByRole('textbox', { name: t('workspace:editor.secretNew', { name: 'apiKey' }) });
        expect(await input.getAttribute('aria-invalid')).toBe('true');
        expect(await input.getAttribute('placeholder')).toBe(t('connection:unopened.placeholder'));
        for (const [width, height] of [[1024, 768], [1920, 1080]] as const) {
          await page.setViewportSize({ width, height });
          for (const scheme of ['light', 'dark'] as const) {
            await page.emulateMedia({ colorScheme: scheme });
            expect(await outOfBounds(editor), `${locale} at ${width} px, ${scheme}`).toEqual([]);
            await page.screenshot({ path: join(artifacts, `unopened-marks-environments-${locale}-${width}-${scheme}.png`) });
          }
        }
        await page.emulateMedia({ colorScheme: 'light' });
        await page.setViewportSize({ width: 1024, height: 768 });
        await input.fill('typed-again');
        expect(await input.getAttribute('aria-invalid')).toBeNull();
        await editor.getByRole('button', { name: t('workspace:editor.save') }).first().click();
        await expect.poll(() => editor.locator('.secret-state.is-unopened').count()).toBe(1);
        await expect.poll(() => inspector.engine.run('revealWorkspaceSecret', ['local', 'apiKey']).then((result) => result.value)).toBe('typed-again');
        await editor.getByRole('button', { name: t('workspace:editor.done') }).click();
      });

      it('the relay bar flags a saved upstream URL whose token cannot be opened, the drawer names it, and typing it ends the mark', async () => {
        const { page } = inspector;
        await page.getByRole('tablist', { name: t('common:view.label') }).getByRole('tab', { name: t('relay:view.tab'), exact: true }).click();
        const bar = page.locator('form.relay-bar');
        const upstream = bar.locator('input.url');
        await expect.poll(() => upstream.inputValue()).toBe('ws://127.0.0.1:9/orders?access_token=');
        expect(await upstream.getAttribute('aria-invalid')).toBe('true');
        const tokenField = t('failure:settings.field.queryParameter', { name: 'access_token' });
        expect(await upstream.getAttribute('title')).toBe(t('connection:unopened.urlTitle', { fields: [tokenField] }));
        await bar.getByRole('button', { name: t('connection:settings.toggle'), exact: true }).click();
        const note = page.locator('#settings-drawer .unopened-secrets');
        expect(await note.textContent()).toBe(t('connection:unopened.noteRelay', { fields: [tokenField] }));
        for (const [width, height] of [[1024, 768], [1920, 1080]] as const) {
          await page.setViewportSize({ width, height });
          for (const scheme of ['light', 'dark'] as const) {
            await page.emulateMedia({ colorScheme: scheme });
            expect(await outOfBounds(bar), `${locale} at ${width} px, ${scheme}`).toEqual([]);
            await page.screenshot({ path: join(artifacts, `unopened-marks-relay-${locale}-${width}-${scheme}.png`) });
          }
        }
        await upstream.fill('ws://127.0.0.1:9/orders?access_token=typed-again');
        await expect.poll(() => upstream.getAttribute('aria-invalid')).toBeNull();
        expect(await note.count()).toBe(0);
        // Cleared again, the field is the user's choice: the mark does not come back.
        await upstream.fill('ws://127.0.0.1:9/orders?access_token=');
        expect(await upstream.getAttribute('aria-invalid')).toBeNull();
        expect(await page.content()).not.toContain(relayToken);
      });
    });
  }
});
