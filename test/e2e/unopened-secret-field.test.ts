import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDirectory } from '../../electron/app-paths.js';
import { ProfileStore } from '../../electron/engine/profiles/profile-store.js';
import { safeStorageCipher } from '../../electron/engine/secrets/safe-storage-cipher.js';
import { TOKEN_STORAGE_KEY } from '../../renderer/api/bridge-token.js';
import { defaultSessionOptions } from '../../shared/contract/session-options.js';
import { aesSafeStorage } from '../harness/aes-safe-storage.js';
import { requirePeer } from '../harness/require-peer.js';
import { artifacts, openInspector, type InspectorFixture } from './browser.js';

const chromiumPeer = requirePeer('chromium');
const bearer = 'Bearer e2e-sealed-61';

// A profile the desktop app sealed, opened in the browser UI (no keychain): the drawer marks the
// Authorization value to be typed again, Connect is refused at the settings stage, and a typed
// value, saved, clears the mark for good.
describe.skipIf(!chromiumPeer.isAvailable || !existsSync(join(rendererDirectory(), 'index.html')))('a sealed header value in the browser window', () => {
  let inspector: InspectorFixture;

  beforeAll(async () => {
    inspector = await openInspector('e2e-unopened-secret');
    const options = { ...defaultSessionOptions('ws://127.0.0.1:9/chat'), headers: [['X-Client', 'e2e'], ['Authorization', bearer]] as [string, string][] };
    await new ProfileStore(inspector.temp.file('data', 'profiles'), safeStorageCipher(aesSafeStorage())).save('desk', options);
    // The page listed the (empty) profiles when it opened; the reload waits until the launch code was traded for the tab's token.
    await inspector.page.waitForFunction((key) => sessionStorage.getItem(key) !== null, TOKEN_STORAGE_KEY);
    await inspector.page.reload();
  });

  afterAll(async () => {
    await inspector?.close();
  });

  it('marks the field, refuses to connect naming it, and a typed value saved clears the mark', async () => {
    const page = inspector.page;
    const picker = page.getByRole('combobox', { name: 'Profile', exact: true });
    await expect.poll(() => picker.locator('option', { hasText: 'desk' }).count()).toBe(1);
    await picker.selectOption('desk');
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const value = page.getByRole('textbox', { name: 'Header 2 value', exact: true });
    await expect.poll(() => value.getAttribute('aria-invalid')).toBe('true');
    expect(await value.getAttribute('placeholder')).toBe('Type again: the saved value cannot be opened here');
    expect(await page.getByRole('textbox', { name: 'Header 1 value', exact: true }).getAttribute('aria-invalid')).toBeNull();
    const note = page.locator('.settings-drawer .unopened-secrets');
    expect(await note.textContent()).toContain("Saved settings this process cannot open: the Authorization header's value.");
    await page.screenshot({ path: join(artifacts, 'unopened-secret-marked.png') });

    await page.locator('.connection-bar').getByRole('button', { name: 'Connect', exact: true }).click();
    const banner = page.locator('.connect-failure');
    await expect.poll(() => banner.locator('.failure-status').textContent()).toBe('The saved settings hold a secret this process cannot open');
    expect(await banner.locator('.failure-message').textContent()).toContain("The saved settings hold the Authorization header's value, which this process cannot open");
    expect(await banner.locator('.failure-hint').textContent()).toContain("Type the Authorization header's value again");
    await page.screenshot({ path: join(artifacts, 'unopened-secret-refused.png') });

    await value.fill('Bearer typed-again');
    await expect.poll(() => value.getAttribute('aria-invalid')).toBeNull();
    expect(await note.count()).toBe(0);
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('desk');
    await page.getByRole('button', { name: 'Save profile', exact: true }).click();
    await expect.poll(() => page.locator('.status-bar').textContent()).toContain('Profile "desk" saved');

    await page.reload();
    await expect.poll(() => picker.locator('option', { hasText: 'desk' }).count()).toBe(1);
    await picker.selectOption('desk');
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await expect.poll(() => value.inputValue()).toBe('Bearer typed-again');
    expect(await value.getAttribute('aria-invalid')).toBeNull();
    expect(await note.count()).toBe(0);
    expect(await page.content()).not.toContain(bearer);
  }, 60_000);
});
