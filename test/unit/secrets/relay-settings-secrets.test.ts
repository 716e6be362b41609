import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RelaySettingsStore } from '../../../electron/engine/relay/relay-settings-store.js';
import { safeStorageCipher } from '../../../electron/engine/secrets/safe-storage-cipher.js';
import { relaySettingsSchema, type RelaySettings } from '../../../shared/contract/api-relay.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { renderMessage } from '../../../shared/i18n/message.js';
import { aesSafeStorage } from '../../harness/aes-safe-storage.js';
import { tempDirPerTest } from '../../harness/temp-dir-per-test.js';

const password = 'relay-upstream-pw-77';

function settingsWith(proxyPassword: string | undefined): RelaySettings {
  return relaySettingsSchema.parse({
    options: { port: 9090, upstreamUrl: 'ws://127.0.0.1:8080/', connection: { proxy: { kind: 'http-connect', host: '127.0.0.1', port: 3128, username: 'bob', ...(proxyPassword === undefined ? {} : { password: proxyPassword }) } } },
    interception: { rules: [{ id: 'drop-ping', match: { direction: 'out', pattern: 'ping' }, action: { kind: 'drop' } }] },
  });
}

const folder = tempDirPerTest('relay-secrets');

function settingsPath(): string {
  return folder().file('relay-settings.json');
}

describe('the upstream proxy password in the relay settings file', () => {
  it('round-trips through the keychain without the password on disk', async () => {
    const path = settingsPath();
    const store = new RelaySettingsStore(path, safeStorageCipher(aesSafeStorage()));
    const saved = await store.save(settingsWith(password));
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain(password);
    expect((JSON.parse(text) as { secrets: Record<string, { storage: string }> }).secrets['options.connection.proxy.password']?.storage).toBe('safeStorage');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(await store.load()).toEqual({ settings: saved, problem: null });
  });

  it('loads a file written before secrets were marked, and seals its password when the keychain works', async () => {
    const path = settingsPath();
    const old = { ...settingsWith(password), savedAt: 1_700_000_000_000 };
    writeFileSync(path, JSON.stringify(old), { mode: 0o600 });
    expect(await new RelaySettingsStore(path, null).load()).toEqual({ settings: old, problem: null });
    expect(readFileSync(path, 'utf8')).toContain(password);
    const store = new RelaySettingsStore(path, safeStorageCipher(aesSafeStorage()));
    expect(await store.load()).toEqual({ settings: old, problem: null });
    expect(readFileSync(path, 'utf8')).not.toContain(password);
    expect(await store.load()).toEqual({ settings: old, problem: null });
  });

  it('a password another keychain sealed: the settings load without it, rules intact, with a worded problem naming the field; the file is untouched', async () => {
    const path = settingsPath();
    await new RelaySettingsStore(path, safeStorageCipher(aesSafeStorage())).save(settingsWith(password));
    const before = readFileSync(path, 'utf8');
    const loaded = await new RelaySettingsStore(path, safeStorageCipher(aesSafeStorage())).load();
    expect(loaded.settings.options.connection.proxy).toEqual(settingsWith(undefined).options.connection.proxy);
    expect(loaded.settings.interception.rules.map((rule) => rule.id)).toEqual(['drop-ping']);
    expect(loaded.problemText).toEqual({ key: 'errors:secret.undecryptable', values: { file: 'relay-settings.json', field: 'options.connection.proxy.password' } });
    expect(loaded.problem).toContain('relay-settings.json: the proxy password (options.connection.proxy.password) cannot be decrypted');
    expect(renderMessage(createTranslate('zh-CN'), loaded.problemText!)).toContain('代理密码（options.connection.proxy.password）');
    expect(JSON.stringify(loaded)).not.toContain(password);
    expect(readFileSync(path, 'utf8')).toBe(before);
  });

  it('without a keychain, a sealed password is reported and kept through a save of the same proxy', async () => {
    const path = settingsPath();
    const key = aesSafeStorage();
    await new RelaySettingsStore(path, safeStorageCipher(key)).save(settingsWith(password));
    const webHost = new RelaySettingsStore(path, null);
    const loaded = await webHost.load();
    expect(loaded.problemText?.key).toBe('errors:secret.unavailable');
    await webHost.save(loaded.settings);
    expect(readFileSync(path, 'utf8')).not.toContain(password);
    expect((await new RelaySettingsStore(path, safeStorageCipher(key)).load()).settings.options.connection.proxy).toEqual(settingsWith(password).options.connection.proxy);
  });

  it('when the keychain asks for the password to be encrypted again, the file is rewritten with new sealed bytes that open to the same password', async () => {
    const path = settingsPath();
    const keychain = aesSafeStorage();
    const cipher = safeStorageCipher(keychain);
    const saved = await new RelaySettingsStore(path, cipher).save(settingsWith(password));
    const sealedOf = (): string => (JSON.parse(readFileSync(path, 'utf8')) as { secrets: Record<string, { sealed: string }> }).secrets['options.connection.proxy.password']!.sealed;
    const before = sealedOf();
    keychain.rotateKey();
    expect(await new RelaySettingsStore(path, cipher).load()).toEqual({ settings: saved, problem: null });
    const after = sealedOf();
    expect(after).not.toBe(before);
    expect(await cipher.decrypt(Buffer.from(after, 'base64'))).toEqual({ value: password, shouldReEncrypt: false });
    expect(readFileSync(path, 'utf8')).not.toContain(password);
  });
});

describe('credentials in the relay upstream URL', () => {
  const token = 'relay-upstream-token-31';
  const upstreamUrl = `wss://carol:relay-url-pw-5@127.0.0.1:8443/feed?token=${token}&room=1`;
  const withUpstream = (url: string): RelaySettings => relaySettingsSchema.parse({ options: { port: 9090, upstreamUrl: url }, interception: { rules: [] } });

  it('round-trips through the keychain with the URL shape kept and no credential on disk; an old file in clear loads and is sealed on load', async () => {
    const path = settingsPath();
    const store = new RelaySettingsStore(path, safeStorageCipher(aesSafeStorage()));
    const saved = await store.save(withUpstream(upstreamUrl));
    const file = JSON.parse(readFileSync(path, 'utf8')) as { options: { upstreamUrl: string }; secrets: Record<string, { storage: string }> };
    expect(file.options.upstreamUrl).toBe('wss://carol:@127.0.0.1:8443/feed?token=&room=1');
    expect(Object.keys(file.secrets)).toEqual(['options.upstreamUrl.password', 'options.upstreamUrl.query.0']);
    expect(readFileSync(path, 'utf8')).not.toContain(token);
    expect(readFileSync(path, 'utf8')).not.toContain('relay-url-pw-5');
    expect(await store.load()).toEqual({ settings: saved, problem: null });
    const old = { ...withUpstream(upstreamUrl), savedAt: 1 };
    writeFileSync(path, JSON.stringify(old), { mode: 0o600 });
    expect(await store.load()).toEqual({ settings: old, problem: null });
    expect(readFileSync(path, 'utf8')).not.toContain(token);
  });

  it('a value another keychain sealed loads empty with a worded problem naming the field, and a save without it keeps it sealed', async () => {
    const path = settingsPath();
    const key = aesSafeStorage();
    await new RelaySettingsStore(path, safeStorageCipher(key)).save(withUpstream(upstreamUrl));
    const other = new RelaySettingsStore(path, safeStorageCipher(aesSafeStorage()));
    const loaded = await other.load();
    expect(loaded.settings.options.upstreamUrl).toBe('wss://carol:@127.0.0.1:8443/feed?token=&room=1');
    expect(loaded.problemText).toEqual({ key: 'errors:secret.urlPasswordUndecryptable', values: { file: 'relay-settings.json', field: 'options.upstreamUrl.password' } });
    expect(loaded.problem).toContain("the value of the URL's token query parameter (options.upstreamUrl.query.0) cannot be decrypted");
    await other.save(loaded.settings);
    expect((await new RelaySettingsStore(path, safeStorageCipher(key)).load()).settings.options.upstreamUrl).toBe(upstreamUrl);
  });
});
