import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ProfileStore } from '../../../electron/engine/profiles/profile-store.js';
import { safeStorageCipher } from '../../../electron/engine/secrets/safe-storage-cipher.js';
import { defaultSessionOptions } from '../../../shared/contract/session-options.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { renderMessage } from '../../../shared/i18n/message.js';
import { aesSafeStorage } from '../../harness/aes-safe-storage.js';
import { type TempDir } from '../../harness/temp-dir.js';
import { tempDirPerTest } from '../../harness/temp-dir-per-test.js';

const userPassword = 'pa%40ss-in-userinfo';
const token = 'tok-9f8e7d6c5b4a';
const signature = 'sig-0123456789abcdef';
const url = `wss://alice:${userPassword}@127.0.0.1:9/chat?room=lobby&access_token=${token}&sig=${signature}#top`;
const emptied = 'wss://alice:@127.0.0.1:9/chat?room=lobby&access_token=&sig=#top';

const folder = tempDirPerTest('url-secrets');

function fileText(dir: TempDir, name: string): string {
  return readFileSync(dir.file(`${name}.profile.json`), 'utf8');
}

function fileOf(dir: TempDir, name: string): { options: { url: string }; secrets?: Record<string, { storage: string }> } {
  return JSON.parse(fileText(dir, name)) as { options: { url: string }; secrets?: Record<string, { storage: string }> };
}

function expectNoCredential(text: string): void {
  for (const value of [userPassword, token, signature]) {
    expect(text).not.toContain(value);
    expect(text).not.toContain(Buffer.from(value).toString('base64'));
  }
}

describe('credentials in a profile URL', () => {
  it('round-trips through the keychain: the file keeps the URL shape with the values empty and each value sealed under its field', async () => {
    const dir = folder();
    const store = new ProfileStore(dir.path, safeStorageCipher(aesSafeStorage()));
    await store.save('chat', defaultSessionOptions(url));
    const text = fileText(dir, 'chat');
    expectNoCredential(text);
    const file = fileOf(dir, 'chat');
    expect(file.options.url).toBe(emptied);
    expect(Object.keys(file.secrets ?? {}).sort()).toEqual(['options.url.password', 'options.url.query.1', 'options.url.query.2']);
    expect(Object.values(file.secrets ?? {}).map((secret) => secret.storage)).toEqual(['safeStorage', 'safeStorage', 'safeStorage']);
    const listed = await store.list();
    expect(listed.problems).toEqual([]);
    expect(listed.profiles[0]?.options.url).toBe(url);
  });

  it('a URL without credentials is written as it is, with no secrets', async () => {
    const dir = folder();
    const plainUrl = 'ws://bob@127.0.0.1:9/feed?room=lobby&page=2';
    await new ProfileStore(dir.path, safeStorageCipher(aesSafeStorage())).save('feed', defaultSessionOptions(plainUrl));
    expect(fileOf(dir, 'feed')).toMatchObject({ options: { url: plainUrl } });
    expect(fileOf(dir, 'feed')).not.toHaveProperty('secrets');
  });

  it('loads a file written before URL secrets existed (credentials in clear), and seals them on load once a keychain works', async () => {
    const dir = folder();
    const old = { name: 'old', options: defaultSessionOptions(url), savedAt: 1_700_000_000_000 };
    writeFileSync(dir.file('old.profile.json'), `${JSON.stringify(old, null, 2)}\n`, { mode: 0o600 });
    expect(await new ProfileStore(dir.path, null).list()).toEqual({ profiles: [old], problems: [] });
    expect(JSON.parse(fileText(dir, 'old'))).toEqual(old);
    const sealing = new ProfileStore(dir.path, safeStorageCipher(aesSafeStorage()));
    expect((await sealing.list()).profiles).toEqual([old]);
    expectNoCredential(fileText(dir, 'old'));
    expect(fileOf(dir, 'old').options.url).toBe(emptied);
    expect((await sealing.list()).profiles).toEqual([old]);
  });

  it('values sealed by another keychain: the URL loads with them empty, one worded problem per value names the field, in English and Chinese; the file is untouched', async () => {
    const dir = folder();
    await new ProfileStore(dir.path, safeStorageCipher(aesSafeStorage())).save('team', defaultSessionOptions(url));
    const before = fileText(dir, 'team');
    const listed = await new ProfileStore(dir.path, safeStorageCipher(aesSafeStorage())).list();
    expect(listed.profiles[0]?.options.url).toBe(emptied);
    expect(listed.problems.map((problem) => problem.text)).toEqual([
      { key: 'errors:secret.urlPasswordUndecryptable', values: { file: 'team.profile.json', field: 'options.url.password' } },
      { key: 'errors:secret.queryUndecryptable', values: { file: 'team.profile.json', field: 'options.url.query.1', parameter: 'access_token' } },
      { key: 'errors:secret.queryUndecryptable', values: { file: 'team.profile.json', field: 'options.url.query.2', parameter: 'sig' } },
    ]);
    expect(listed.problems[1]?.message).toBe(
      "team.profile.json: the value of the URL's access_token query parameter (options.url.query.1) cannot be decrypted with this system keychain (another user, machine or keychain encrypted it), so the settings load with that value empty, and nothing connects with them until it is typed again. Type the value again and save to replace it.",
    );
    const chinese = renderMessage(createTranslate('zh-CN'), listed.problems[0]!.text!);
    expect(chinese).toContain('options.url.password');
    expect(chinese).toContain('无法用本机系统钥匙串解密 URL 中的密码');
    expectNoCredential(JSON.stringify(listed));
    expect(fileText(dir, 'team')).toBe(before);
  });

  it('read without a keychain (the web host), a sealed value is named as needing the desktop app', async () => {
    const dir = folder();
    await new ProfileStore(dir.path, safeStorageCipher(aesSafeStorage())).save('desk', defaultSessionOptions(url));
    const listed = await new ProfileStore(dir.path, null).list();
    expect(listed.problems[1]?.text).toEqual({ key: 'errors:secret.queryUnavailable', values: { file: 'desk.profile.json', field: 'options.url.query.1', parameter: 'access_token' } });
    expect(listed.problems[1]?.message).toContain('Open them in the Frameline desktop app');
  });

  it('saving the URL again without the values it could not open keeps them sealed; a typed value replaces one, and another parameter never inherits it', async () => {
    const dir = folder();
    const key = aesSafeStorage();
    await new ProfileStore(dir.path, safeStorageCipher(key)).save('team', defaultSessionOptions(url));
    const sealed = fileOf(dir, 'team').secrets;
    const webHost = new ProfileStore(dir.path, null);
    const shown = (await webHost.list()).profiles[0]!.options;
    await webHost.save('team', { ...shown, subprotocols: ['chat'] });
    expect(fileOf(dir, 'team').secrets).toEqual(sealed);
    const desktop = new ProfileStore(dir.path, safeStorageCipher(key));
    const reopened = (await desktop.list()).profiles[0]!.options;
    expect(reopened.url).toBe(url);
    expect(reopened.subprotocols).toEqual(['chat']);
    await webHost.save('team', defaultSessionOptions(emptied.replace('access_token=', 'access_token=typed-again')));
    expect((await desktop.list()).profiles[0]?.options.url).toBe(url.replace(token, 'typed-again'));
    await new ProfileStore(dir.path, safeStorageCipher(key)).save('team', defaultSessionOptions(url));
    await webHost.save('team', defaultSessionOptions('wss://bob:@127.0.0.1:9/chat?room=lobby&api_key=&sig=#top'));
    expect(Object.keys(fileOf(dir, 'team').secrets ?? {})).toEqual(['options.url.query.2']);
  });

  it('a file whose stored URL value cannot belong to its URL is kept aside with the field named', async () => {
    const dir = folder();
    const file = { name: 'odd', options: defaultSessionOptions('ws://127.0.0.1:9/?room=lobby'), savedAt: 1, secrets: { 'options.url.query.0': { storage: 'plain', value: token } } };
    writeFileSync(dir.file('odd.profile.json'), JSON.stringify(file));
    const listed = await new ProfileStore(dir.path, null).list();
    expect(listed.profiles).toEqual([]);
    expect(listed.problems[0]?.message).toBe('odd.profile.json: secrets.options.url.query.0: a stored value for query.0 of the URL, which has no such credential part');
  });
});
