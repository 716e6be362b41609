import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ProfileStore } from '../../../electron/engine/profiles/profile-store.js';
import { RelaySettingsStore } from '../../../electron/engine/relay/relay-settings-store.js';
import { safeStorageCipher } from '../../../electron/engine/secrets/safe-storage-cipher.js';
import { relaySettingsSchema, type RelaySettings } from '../../../shared/contract/api-relay.js';
import type { HeaderPair } from '../../../shared/contract/records.js';
import { defaultSessionOptions, type SessionOptions } from '../../../shared/contract/session-options.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { renderMessage } from '../../../shared/i18n/message.js';
import { aesSafeStorage } from '../../harness/aes-safe-storage.js';
import { type TempDir } from '../../harness/temp-dir.js';
import { tempDirPerTest } from '../../harness/temp-dir-per-test.js';

const bearer = 'Bearer eyJ-header-secret-41';
const cookie = 'session=cookie-secret-42; theme=dark';
const proxyAuth = 'Basic cHJveHktc2VjcmV0LTQz';

/** Secret headers among ordinary ones, names in mixed case, Cookie twice. */
function headers(authorization = bearer): HeaderPair[] {
  return [['X-Trace', 'trace-1'], ['authorization', authorization], ['Cookie', cookie], ['Proxy-Authorization', proxyAuth], ['COOKIE', 'second=cookie-secret-44']];
}

function options(list: HeaderPair[] = headers()): SessionOptions {
  return { ...defaultSessionOptions('ws://127.0.0.1:9/chat'), headers: list };
}

const secretValues = [bearer, cookie, proxyAuth, 'second=cookie-secret-44', 'cookie-secret', 'header-secret'];

const folder = tempDirPerTest('header-secrets');

interface FileShape {
  options: { headers: HeaderPair[] };
  secrets?: Record<string, { storage: string; sealed?: string; value?: string }>;
}

function profileFile(dir: TempDir, name: string): FileShape {
  return JSON.parse(readFileSync(dir.file(`${name}.profile.json`), 'utf8')) as FileShape;
}

describe('Authorization, Proxy-Authorization and Cookie header values in profile files', () => {
  it('are sealed into secrets under their field paths, the headers kept in order with empty values, and read back whole', async () => {
    const dir = folder();
    const store = new ProfileStore(dir.path, safeStorageCipher(aesSafeStorage()));
    await store.save('api', options());
    const text = readFileSync(dir.file('api.profile.json'), 'utf8');
    for (const value of secretValues) expect(text).not.toContain(value);
    const file = profileFile(dir, 'api');
    expect(file.options.headers).toEqual([['X-Trace', 'trace-1'], ['authorization', ''], ['Cookie', ''], ['Proxy-Authorization', ''], ['COOKIE', '']]);
    expect(Object.keys(file.secrets!).sort()).toEqual(['options.headers.1.1', 'options.headers.2.1', 'options.headers.3.1', 'options.headers.4.1']);
    expect(Object.values(file.secrets!).every((secret) => secret.storage === 'safeStorage')).toBe(true);
    expect(await store.list()).toMatchObject({ problems: [], profiles: [{ options: { headers: headers() } }] });
  });

  it('without a keychain are written plain in secrets, and an empty secret header stays in the options', async () => {
    const dir = folder();
    const store = new ProfileStore(dir.path, null);
    await store.save('local', options([['Authorization', bearer], ['Cookie', '']]));
    const file = profileFile(dir, 'local');
    expect(file.options.headers).toEqual([['Authorization', ''], ['Cookie', '']]);
    expect(file.secrets).toEqual({ 'options.headers.0.1': { storage: 'plain', value: bearer } });
    expect((await store.list()).profiles[0]?.options.headers).toEqual([['Authorization', bearer], ['Cookie', '']]);
  });

  it('a file from before (values inline, in clear) loads as it is without a keychain and is sealed on load with one', async () => {
    const dir = folder();
    const old = { name: 'old', options: options(), savedAt: 1_700_000_000_000 };
    writeFileSync(dir.file('old.profile.json'), `${JSON.stringify(old, null, 2)}\n`, { mode: 0o600 });
    expect(await new ProfileStore(dir.path, null).list()).toEqual({ profiles: [old], problems: [] });
    expect(JSON.parse(readFileSync(dir.file('old.profile.json'), 'utf8'))).toEqual(old);
    const sealing = new ProfileStore(dir.path, safeStorageCipher(aesSafeStorage()));
    expect((await sealing.list()).profiles).toEqual([old]);
    const text = readFileSync(dir.file('old.profile.json'), 'utf8');
    for (const value of secretValues) expect(text).not.toContain(value);
    expect((await sealing.list()).profiles).toEqual([old]);
  });

  it('values another keychain sealed: the profile lists with those headers empty and a worded problem per header naming it and its field; the file is untouched', async () => {
    const dir = folder();
    await new ProfileStore(dir.path, safeStorageCipher(aesSafeStorage())).save('team', options());
    const before = readFileSync(dir.file('team.profile.json'), 'utf8');
    const listed = await new ProfileStore(dir.path, safeStorageCipher(aesSafeStorage())).list();
    expect(listed.profiles[0]?.options.headers).toEqual([['X-Trace', 'trace-1'], ['authorization', ''], ['Cookie', ''], ['Proxy-Authorization', ''], ['COOKIE', '']]);
    expect(listed.problems.map((problem) => problem.text)).toEqual([
      { key: 'errors:secret.headerUndecryptable', values: { file: 'team.profile.json', field: 'options.headers.1.1', header: 'authorization' } },
      { key: 'errors:secret.headerUndecryptable', values: { file: 'team.profile.json', field: 'options.headers.2.1', header: 'Cookie' } },
      { key: 'errors:secret.headerUndecryptable', values: { file: 'team.profile.json', field: 'options.headers.3.1', header: 'Proxy-Authorization' } },
      { key: 'errors:secret.headerUndecryptable', values: { file: 'team.profile.json', field: 'options.headers.4.1', header: 'COOKIE' } },
    ]);
    expect(listed.problems[0]?.message).toBe(
      'team.profile.json: the value of the authorization header (options.headers.1.1) cannot be decrypted with this system keychain (another user, machine or keychain encrypted it), so the settings load with that header empty, and nothing connects with them until it is typed again. Type the value again and save to replace it.',
    );
    expect(renderMessage(createTranslate('zh-CN'), listed.problems[0]!.text!)).toContain('无法用本机系统钥匙串解密 authorization 请求头的值（options.headers.1.1）');
    const serialized = JSON.stringify(listed);
    for (const value of secretValues) expect(serialized).not.toContain(value);
    expect(readFileSync(dir.file('team.profile.json'), 'utf8')).toBe(before);
  });

  it('a sealed value read without a keychain (the web host) is named as needing the desktop app', async () => {
    const dir = folder();
    await new ProfileStore(dir.path, safeStorageCipher(aesSafeStorage())).save('desk', options([['Authorization', bearer]]));
    const listed = await new ProfileStore(dir.path, null).list();
    expect(listed.problems.map((problem) => problem.text)).toEqual([{ key: 'errors:secret.headerUnavailable', values: { file: 'desk.profile.json', field: 'options.headers.0.1', header: 'Authorization' } }]);
    expect(listed.problems[0]?.message).toContain('Open them in the Frameline desktop app');
  });

  it('saving the same header again empty keeps its sealed value; a typed value replaces it; a header that moved to another occurrence or was removed does not inherit it', async () => {
    const dir = folder();
    const key = aesSafeStorage();
    const desktop = new ProfileStore(dir.path, safeStorageCipher(key));
    await desktop.save('team', options([['Authorization', bearer], ['Cookie', cookie]]));
    const webHost = new ProfileStore(dir.path, null);
    const loaded = (await webHost.list()).profiles[0]!;
    expect(loaded.options.headers).toEqual([['Authorization', ''], ['Cookie', '']]);
    await webHost.save('team', { ...loaded.options, headers: [['X-New', '1'], ...loaded.options.headers], subprotocols: ['chat'] });
    expect((await desktop.list()).profiles[0]?.options.headers).toEqual([['X-New', '1'], ['Authorization', bearer], ['Cookie', cookie]]);
    await webHost.save('team', options([['Authorization', 'Bearer typed-again'], ['Cookie', '']]));
    expect((await desktop.list()).profiles[0]?.options.headers).toEqual([['Authorization', 'Bearer typed-again'], ['Cookie', cookie]]);
    await desktop.save('team', options([['Cookie', cookie]]));
    await webHost.save('team', options([['Cookie', 'first=typed'], ['Cookie', '']]));
    expect((await desktop.list()).profiles[0]?.options.headers).toEqual([['Cookie', 'first=typed'], ['Cookie', '']]);
    await webHost.save('team', options([['X-Only', '1']]));
    expect(profileFile(dir, 'team')).not.toHaveProperty('secrets');
  });

  it('a rotated key: the file is rewritten with new sealed header values that open to the same values', async () => {
    const dir = folder();
    const keychain = aesSafeStorage();
    const cipher = safeStorageCipher(keychain);
    await new ProfileStore(dir.path, cipher).save('rotating', options([['Authorization', bearer]]));
    const before = profileFile(dir, 'rotating').secrets!['options.headers.0.1']!.sealed!;
    keychain.rotateKey();
    expect((await new ProfileStore(dir.path, cipher).list()).profiles[0]?.options.headers).toEqual([['Authorization', bearer]]);
    const after = profileFile(dir, 'rotating').secrets!['options.headers.0.1']!.sealed!;
    expect(after).not.toBe(before);
    expect(await cipher.decrypt(Buffer.from(after, 'base64'))).toEqual({ value: bearer, shouldReEncrypt: false });
  });

  it.each([
    [{ 'options.headers.0.1': { storage: 'plain', value: 'x' } }, [['X-Trace', '']], 'secrets.options.headers.0.1: a stored value for the X-Trace header, which is kept in the settings'],
    [{ 'options.headers.3.1': { storage: 'plain', value: 'x' } }, [['Cookie', '']], 'secrets.options.headers.3.1: a value for header 3, and the settings have 1 headers'],
    [{ 'options.headers.0.1': { storage: 'plain', value: 'x' } }, [['Cookie', 'inline']], 'secrets.options.headers.0.1: the Cookie header has a value in the settings too; a file keeps it in one place'],
    [{ 'options.url': { storage: 'plain', value: 'x' } }, [], 'secrets.options.url: not a field whose secret a settings file keeps'],
  ])('a file whose secrets cannot belong to its options is kept aside with the field named (%j)', async (secrets, list, message) => {
    const dir = folder();
    writeFileSync(dir.file('odd.profile.json'), JSON.stringify({ name: 'odd', options: options(list as HeaderPair[]), savedAt: 1, secrets }));
    const listed = await new ProfileStore(dir.path, null).list();
    expect(listed.profiles).toEqual([]);
    expect(listed.problems[0]?.message).toBe(`odd.profile.json: ${message}`);
    expect(listed.problems[0]?.keptAs).toMatch(/^odd\.profile\.json\.corrupt-\d+$/);
  });
});

function relaySettings(list: HeaderPair[]): RelaySettings {
  return relaySettingsSchema.parse({ options: { port: 9090, upstreamUrl: 'ws://127.0.0.1:8080/', connection: { headers: list } }, interception: {} });
}

describe('secret header values of the relay settings file (the upstream connection)', () => {
  it('are sealed under options.connection.headers, read back, and one another keychain sealed is named with its field', async () => {
    const path = folder().file('relay-settings.json');
    const saved = await new RelaySettingsStore(path, safeStorageCipher(aesSafeStorage())).save(relaySettings([['Authorization', bearer], ['X-Trace', 't'], ['Cookie', cookie]]));
    const text = readFileSync(path, 'utf8');
    for (const value of secretValues) expect(text).not.toContain(value);
    expect(Object.keys((JSON.parse(text) as FileShape).secrets!).sort()).toEqual(['options.connection.headers.0.1', 'options.connection.headers.2.1']);
    const loaded = await new RelaySettingsStore(path, safeStorageCipher(aesSafeStorage())).load();
    expect(loaded.settings.options.connection.headers).toEqual([['Authorization', ''], ['X-Trace', 't'], ['Cookie', '']]);
    expect(loaded.problemText).toEqual({ key: 'errors:secret.headerUndecryptable', values: { file: 'relay-settings.json', field: 'options.connection.headers.0.1', header: 'Authorization' } });
    expect(loaded.problem).toContain('(options.connection.headers.0.1)');
    expect(loaded.problem).toContain('(options.connection.headers.2.1)');
    expect(readFileSync(path, 'utf8')).toBe(text);
    expect(saved.options.connection.headers[0]).toEqual(['Authorization', bearer]);
  });
});
