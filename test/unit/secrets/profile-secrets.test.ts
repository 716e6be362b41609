import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ProfileStore } from '../../../electron/engine/profiles/profile-store.js';
import { safeStorageCipher } from '../../../electron/engine/secrets/safe-storage-cipher.js';
import { defaultSessionOptions, type SessionOptions } from '../../../shared/contract/session-options.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { renderMessage } from '../../../shared/i18n/message.js';
import { aesSafeStorage } from '../../harness/aes-safe-storage.js';
import { type TempDir } from '../../harness/temp-dir.js';
import { tempDirPerTest } from '../../harness/temp-dir-per-test.js';

const password = 'hunter2-proxy-pass';

function withProxy(proxyPassword: string | undefined, host = '127.0.0.1'): SessionOptions {
  return { ...defaultSessionOptions('ws://127.0.0.1:9/chat'), proxy: { kind: 'socks5', host, port: 1080, username: 'alice', remoteDns: true, ...(proxyPassword === undefined ? {} : { password: proxyPassword }) } };
}

/** The file of profile `name` as text. */
function fileText(temp: TempDir, name: string): string {
  return readFileSync(temp.file(`${name}.profile.json`), 'utf8');
}

const folder = tempDirPerTest('profile-secrets');

describe('proxy passwords in profile files', () => {
  it('round-trips through the keychain: the file holds ciphertext marked safeStorage, never the password, and is readable by the user only', async () => {
    const dir = folder();
    const store = new ProfileStore(dir.path, safeStorageCipher(aesSafeStorage()));
    await store.save('staging', withProxy(password));
    const text = fileText(dir, 'staging');
    expect(text).not.toContain(password);
    expect(text).not.toContain(Buffer.from(password).toString('base64'));
    const file = JSON.parse(text) as { options: { proxy: Record<string, unknown> }; secrets: Record<string, { storage: string; sealed: string }> };
    expect(file.options.proxy).not.toHaveProperty('password');
    expect(file.options.proxy).toMatchObject({ kind: 'socks5', username: 'alice' });
    expect(file.secrets['options.proxy.password']?.storage).toBe('safeStorage');
    expect(statSync(dir.file('staging.profile.json')).mode & 0o777).toBe(0o600);
    const listed = await store.list();
    expect(listed.problems).toEqual([]);
    expect(listed.profiles[0]?.options.proxy).toEqual(withProxy(password).proxy);
  });

  it('without a keychain (CLI, web host) writes the password marked plain, 0600, and reads it back', async () => {
    const dir = folder();
    const store = new ProfileStore(dir.path, null);
    await store.save('local', withProxy(password));
    const file = JSON.parse(fileText(dir, 'local')) as { secrets: Record<string, unknown> };
    expect(file.secrets['options.proxy.password']).toEqual({ storage: 'plain', value: password });
    expect(statSync(dir.file('local.profile.json')).mode & 0o777).toBe(0o600);
    expect((await store.list()).profiles[0]?.options.proxy).toEqual(withProxy(password).proxy);
  });

  it('a desktop app whose keychain is locked writes plain, then seals the password on the first load once it is unlocked', async () => {
    const dir = folder();
    const keychain = aesSafeStorage();
    keychain.available = false;
    const store = new ProfileStore(dir.path, safeStorageCipher(keychain));
    await store.save('locked', withProxy(password));
    expect(fileText(dir, 'locked')).toContain(password);
    keychain.available = true;
    expect((await store.list()).profiles[0]?.options.proxy).toEqual(withProxy(password).proxy);
    expect(fileText(dir, 'locked')).not.toContain(password);
    expect(fileText(dir, 'locked')).toContain('"storage": "safeStorage"');
  });

  it('loads a file written before secrets were marked (the password in the proxy, in clear), with and without a keychain', async () => {
    const dir = folder();
    const old = { name: 'old', options: withProxy(password), savedAt: 1_700_000_000_000 };
    writeFileSync(dir.file('old.profile.json'), `${JSON.stringify(old, null, 2)}\n`, { mode: 0o600 });
    const plainListed = await new ProfileStore(dir.path, null).list();
    expect(plainListed).toEqual({ profiles: [old], problems: [] });
    // Without a keychain the file is left as it was.
    expect(JSON.parse(fileText(dir, 'old'))).toEqual(old);
    const sealing = new ProfileStore(dir.path, safeStorageCipher(aesSafeStorage()));
    expect((await sealing.list()).profiles).toEqual([old]);
    // With one, the old file is encrypted in place on load.
    expect(fileText(dir, 'old')).not.toContain(password);
    expect((await sealing.list()).profiles).toEqual([old]);
  });

  it('a password sealed by another keychain: the profile lists without it and a worded problem names the field, in English and Chinese; the file is untouched', async () => {
    const dir = folder();
    await new ProfileStore(dir.path, safeStorageCipher(aesSafeStorage())).save('team', withProxy(password));
    const before = fileText(dir, 'team');
    const listed = await new ProfileStore(dir.path, safeStorageCipher(aesSafeStorage())).list();
    expect(listed.profiles.map((profile) => profile.options.proxy)).toEqual([withProxy(undefined).proxy]);
    const problem = listed.problems[0]!;
    expect(problem.keptAs).toBeUndefined();
    expect(problem.text?.key).toBe('errors:secret.undecryptable');
    expect(problem.message).toBe(
      'team.profile.json: the proxy password (options.proxy.password) cannot be decrypted with this system keychain (another user, machine or keychain encrypted it), so the settings load without it, and nothing connects with them until it is typed again. Type the password again and save to replace it.',
    );
    const chinese = renderMessage(createTranslate('zh-CN'), problem.text!);
    expect(chinese).toContain('options.proxy.password');
    expect(chinese).toContain('无法用本机系统钥匙串解密代理密码');
    expect(JSON.stringify(listed)).not.toContain(password);
    expect(fileText(dir, 'team')).toBe(before);
    expect(readdirSync(dir.path)).toEqual(['team.profile.json']);
  });

  it('a sealed password read without a keychain (the web host) is named as needing the desktop app', async () => {
    const dir = folder();
    await new ProfileStore(dir.path, safeStorageCipher(aesSafeStorage())).save('desk', withProxy(password));
    const listed = await new ProfileStore(dir.path, null).list();
    expect(listed.problems[0]?.text).toEqual({ key: 'errors:secret.unavailable', values: { file: 'desk.profile.json', field: 'options.proxy.password' } });
    expect(listed.problems[0]?.message).toContain('Open them in the Frameline desktop app');
    expect(listed.profiles).toHaveLength(1);
  });

  it('saving the same proxy again without the password it could not open keeps it as sealed; another proxy never inherits it', async () => {
    const dir = folder();
    const key = aesSafeStorage();
    await new ProfileStore(dir.path, safeStorageCipher(key)).save('team', withProxy(password));
    const sealed = (JSON.parse(fileText(dir, 'team')) as { secrets: unknown }).secrets;
    const webHost = new ProfileStore(dir.path, null);
    await webHost.save('team', { ...withProxy(undefined), subprotocols: ['chat'] });
    expect((JSON.parse(fileText(dir, 'team')) as { secrets: unknown }).secrets).toEqual(sealed);
    const desktop = new ProfileStore(dir.path, safeStorageCipher(key));
    const reopened = (await desktop.list()).profiles[0]!;
    expect(reopened.options.proxy).toEqual(withProxy(password).proxy);
    expect(reopened.options.subprotocols).toEqual(['chat']);
    // A new password replaces it; a different proxy host drops it rather than send it elsewhere.
    await webHost.save('team', withProxy('typed-again'));
    expect((await desktop.list()).profiles[0]?.options.proxy).toEqual(withProxy('typed-again').proxy);
    await new ProfileStore(dir.path, safeStorageCipher(key)).save('team', withProxy(password));
    await webHost.save('team', withProxy(undefined, '127.0.0.2'));
    expect(JSON.parse(fileText(dir, 'team'))).not.toHaveProperty('secrets');
  });

  it('a file whose stored password cannot belong to its proxy is kept aside with the field named', async () => {
    const dir = folder();
    const file = { name: 'odd', options: { ...defaultSessionOptions('ws://127.0.0.1:9/'), proxy: { kind: 'socks4a', host: '127.0.0.1', port: 1080 } }, savedAt: 1, secrets: { 'options.proxy.password': { storage: 'plain', value: password } } };
    writeFileSync(dir.file('odd.profile.json'), JSON.stringify(file));
    const listed = await new ProfileStore(dir.path, null).list();
    expect(listed.profiles).toEqual([]);
    expect(listed.problems[0]?.message).toBe('odd.profile.json: secrets.options.proxy.password: a password for a socks4a proxy, which takes none');
    expect(listed.problems[0]?.keptAs).toMatch(/^odd\.profile\.json\.corrupt-\d+$/);
  });

  it('loads a password an earlier release sealed with the synchronous encryptString', async () => {
    const dir = folder();
    const keychain = aesSafeStorage();
    const file = { name: 'sync', options: withProxy(undefined), savedAt: 1, secrets: { 'options.proxy.password': { storage: 'safeStorage', sealed: keychain.encryptString(password).toString('base64') } } };
    writeFileSync(dir.file('sync.profile.json'), JSON.stringify(file), { mode: 0o600 });
    const before = fileText(dir, 'sync');
    expect((await new ProfileStore(dir.path, safeStorageCipher(keychain)).list()).profiles[0]?.options.proxy).toEqual(withProxy(password).proxy);
    expect(fileText(dir, 'sync')).toBe(before);
  });

  it('when the keychain asks for the password to be encrypted again (a rotated key), the file is rewritten with new sealed bytes that open to the same password', async () => {
    const dir = folder();
    const keychain = aesSafeStorage();
    const cipher = safeStorageCipher(keychain);
    await new ProfileStore(dir.path, cipher).save('rotating', withProxy(password));
    const sealedOf = (): string => (JSON.parse(fileText(dir, 'rotating')) as { secrets: Record<string, { sealed: string }> }).secrets['options.proxy.password']!.sealed;
    const before = sealedOf();
    keychain.rotateKey();
    expect(await cipher.decrypt(Buffer.from(before, 'base64'))).toEqual({ value: password, shouldReEncrypt: true });
    const listed = await new ProfileStore(dir.path, cipher).list();
    expect(listed).toMatchObject({ problems: [], profiles: [{ options: { proxy: withProxy(password).proxy } }] });
    const after = sealedOf();
    expect(after).not.toBe(before);
    expect(await cipher.decrypt(Buffer.from(after, 'base64'))).toEqual({ value: password, shouldReEncrypt: false });
    expect(fileText(dir, 'rotating')).not.toContain(password);
    expect(statSync(dir.file('rotating.profile.json')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir.path)).toEqual(['rotating.profile.json']);
  });

  it('a re-encryption the keychain refuses leaves the file as it was, and the password still loads', async () => {
    const dir = folder();
    const keychain = aesSafeStorage();
    await new ProfileStore(dir.path, safeStorageCipher(keychain)).save('refused', withProxy(password));
    const before = fileText(dir, 'refused');
    keychain.rotateKey();
    keychain.isEncryptRefused = true;
    const store = new ProfileStore(dir.path, safeStorageCipher(keychain));
    expect((await store.list()).profiles[0]?.options.proxy).toEqual(withProxy(password).proxy);
    expect(fileText(dir, 'refused')).toBe(before);
    keychain.isEncryptRefused = false;
    await store.list();
    expect(fileText(dir, 'refused')).not.toBe(before);
    expect((await store.list()).profiles[0]?.options.proxy).toEqual(withProxy(password).proxy);
  });
});
