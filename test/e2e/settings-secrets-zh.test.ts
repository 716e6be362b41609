import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDirectory } from '../../electron/app-paths.js';
import { ProfileStore } from '../../electron/engine/profiles/profile-store.js';
import { RelaySettingsStore } from '../../electron/engine/relay/relay-settings-store.js';
import { safeStorageCipher } from '../../electron/engine/secrets/safe-storage-cipher.js';
import { TOKEN_STORAGE_KEY } from '../../renderer/api/bridge-token.js';
import { relaySettingsSchema } from '../../shared/contract/api-relay.js';
import { defaultSessionOptions } from '../../shared/contract/session-options.js';
import { createTranslate } from '../../shared/i18n/create-i18n.js';
import { message, renderMessage } from '../../shared/i18n/message.js';
import { aesSafeStorage } from '../harness/aes-safe-storage.js';
import { requirePeer } from '../harness/require-peer.js';
import { artifacts, openInspector, type InspectorFixture } from './browser.js';

const chromiumPeer = requirePeer('chromium');
const password = 'drawer-pw-31';
const chinese = createTranslate('zh-CN');

// The browser UI has no keychain: settings the desktop app sealed open without their proxy password,
// and the window says which field and why, in the reader's language, from the first word to the last.
describe.skipIf(!chromiumPeer.isAvailable || !existsSync(join(rendererDirectory(), 'index.html')))('sealed proxy passwords in a zh-CN browser window', () => {
  let inspector: InspectorFixture;

  beforeAll(async () => {
    inspector = await openInspector('e2e-settings-secrets', { locale: 'zh-CN' });
    const keychain = safeStorageCipher(aesSafeStorage());
    const proxy = { kind: 'http-connect' as const, host: '127.0.0.1', port: 3128, username: 'dora', password };
    await new ProfileStore(inspector.temp.file('data', 'profiles'), keychain).save('desk', { ...defaultSessionOptions('ws://127.0.0.1:9/'), proxy });
    await new RelaySettingsStore(inspector.temp.file('data', 'relay-settings.json'), keychain).save(relaySettingsSchema.parse({ options: { port: 9080, connection: { proxy } }, interception: {} }));
    // The page listed the (empty) profiles when it opened; now it finds the files. The reload waits for
    // the launch link's one-time code to be traded for the tab's token, or it would send the spent code again.
    await inspector.page.waitForFunction((key) => sessionStorage.getItem(key) !== null, TOKEN_STORAGE_KEY);
    await inspector.page.reload();
  });

  afterAll(async () => {
    await inspector?.close();
  });

  it('names the profile field it cannot open, in Chinese', async () => {
    const page = inspector.page;
    const alert = page.locator('.status-bar').getByRole('alert').locator('.notice-text');
    const expected = renderMessage(chinese, message('errors:secret.unavailable', { file: 'desk.profile.json', field: 'options.proxy.password' }));
    await expect.poll(() => alert.textContent()).toBe(expected);
    expect(await page.content()).not.toContain(password);
    await page.screenshot({ path: join(artifacts, 'settings-secrets-zh-profile.png') });
  });

  it('names the relay settings field it cannot open, in Chinese, in the Relay view', async () => {
    const page = inspector.page;
    await page.getByRole('tablist', { name: '视图' }).getByRole('tab', { name: chinese('relay:view.tab'), exact: true }).click();
    const expected = renderMessage(chinese, message('errors:secret.unavailable', { file: 'relay-settings.json', field: 'options.connection.proxy.password' }));
    await expect.poll(() => page.locator('.relay-problem').textContent()).toBe(expected);
    // The notice is as tall as its text: it shares the bar's row of the window's grid instead of taking the row meant for the views.
    const room = await page.locator('.relay-problem').evaluate((element) => {
      const text = document.createRange();
      text.selectNodeContents(element);
      const style = getComputedStyle(element);
      return element.getBoundingClientRect().height - text.getBoundingClientRect().height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
    });
    expect(room, 'empty height under the relay notice').toBeLessThan(4);
    expect(await page.content()).not.toContain(password);
    await page.screenshot({ path: join(artifacts, 'settings-secrets-zh-relay.png') });
  });
});
