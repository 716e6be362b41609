import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dial } from '../../../electron/engine/net/dial.js';
import { ProfileStore } from '../../../electron/engine/profiles/profile-store.js';
import { safeStorageCipher } from '../../../electron/engine/secrets/safe-storage-cipher.js';
import { defaultSessionOptions, type SessionOptions, type UnopenedSecret } from '../../../shared/contract/session-options.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { renderMessage } from '../../../shared/i18n/message.js';
import { keepLiveUnopenedSecrets, liveUnopenedSecrets } from '../../../shared/settings/unopened-secrets.js';
import { aesSafeStorage } from '../../harness/aes-safe-storage.js';
import { tempDirPerTest } from '../../harness/temp-dir-per-test.js';

const folder = tempDirPerTest('unopened-secrets');

/** Options holding every kind of secret a settings file seals. */
function sealedOptions(): SessionOptions {
  return {
    ...defaultSessionOptions('ws://alice:pa55@127.0.0.1:9/chat?room=1&access_token=T0K&code=C0DE'),
    headers: [['X-Client', 'frameline'], ['Authorization', 'Bearer abc'], ['Cookie', 'sid=1']],
    proxy: { kind: 'socks5', host: '127.0.0.1', port: 1080, username: 'bob', password: 'pp', remoteDns: true },
  };
}

/** What a process without the keychain that sealed the file lists: the sealing app saves, another opens. */
async function openedElsewhere(): Promise<SessionOptions> {
  const dir = folder();
  await new ProfileStore(dir.path, safeStorageCipher(aesSafeStorage())).save('staging', sealedOptions());
  const listed = await new ProfileStore(dir.path, null).list();
  return listed.profiles[0]!.options;
}

const marks: UnopenedSecret[] = [
  { kind: 'proxy-password', proxyKind: 'socks5', host: '127.0.0.1', port: 1080, username: 'bob' },
  { kind: 'header', name: 'Authorization', occurrence: 0 },
  { kind: 'header', name: 'Cookie', occurrence: 0 },
  { kind: 'url-password', username: 'alice' },
  { kind: 'query-parameter', name: 'access_token', index: 1 },
  { kind: 'query-parameter', name: 'code', index: 2 },
];

describe('secrets a process cannot open travel with the options as marks', () => {
  it('a profile sealed by another keychain lists each secret empty and marked, where it sits', async () => {
    const options = await openedElsewhere();
    expect(options.url).toBe('ws://alice:@127.0.0.1:9/chat?room=1&access_token=&code=');
    expect(options.headers).toEqual([['X-Client', 'frameline'], ['Authorization', ''], ['Cookie', '']]);
    expect(options.unopenedSecrets).toEqual(marks);
    expect(liveUnopenedSecrets(options)).toEqual(marks);
  });

  it('saving the marked options again writes no mark and keeps every sealed value; typing one replaces it and ends its mark', async () => {
    const dir = folder();
    const keychain = aesSafeStorage();
    await new ProfileStore(dir.path, safeStorageCipher(keychain)).save('staging', sealedOptions());
    const elsewhere = new ProfileStore(dir.path, null);
    const options = (await elsewhere.list()).profiles[0]!.options;
    const typed: SessionOptions = { ...options, headers: [['X-Client', 'frameline'], ['Authorization', 'Bearer new'], ['Cookie', '']] };
    expect(liveUnopenedSecrets(typed).map((mark) => mark.kind === 'header' && mark.name)).not.toContain('Authorization');
    await elsewhere.save('staging', typed);
    const text = readFileSync(dir.file('staging.profile.json'), 'utf8');
    expect(text).not.toContain('unopenedSecrets');
    const file = JSON.parse(text) as { secrets: Record<string, { storage: string }> };
    expect(file.secrets['options.headers.1.1']).toEqual({ storage: 'plain', value: 'Bearer new' });
    expect(Object.keys(file.secrets).sort()).toEqual(['options.headers.1.1', 'options.headers.2.1', 'options.proxy.password', 'options.url.password', 'options.url.query.1', 'options.url.query.2']);
    const reopened = (await elsewhere.list()).profiles[0]!.options;
    expect(reopened.headers[1]).toEqual(['Authorization', 'Bearer new']);
    expect(reopened.unopenedSecrets).toEqual(marks.filter((mark) => !(mark.kind === 'header' && mark.name === 'Authorization')));
    const home = (await new ProfileStore(dir.path, safeStorageCipher(keychain)).list()).profiles[0]!.options;
    expect(home.unopenedSecrets).toBeUndefined();
    expect(home.headers).toEqual([['X-Client', 'frameline'], ['Authorization', 'Bearer new'], ['Cookie', 'sid=1']]);
  });

  const all = ['proxy-password', 'header:Authorization', 'header:Cookie', 'url-password', 'query-parameter:access_token', 'query-parameter:code'];
  const without = (...gone: string[]): string[] => all.filter((name) => !gone.includes(name));
  const url = 'ws://alice:@127.0.0.1:9/chat?room=1&access_token=&code=';

  it.each<[string, Partial<SessionOptions>, string[]]>([
    ['nothing changed', {}, all],
    ['the Authorization header typed', { headers: [['X-Client', 'frameline'], ['Authorization', 'Bearer t'], ['Cookie', '']] }, without('header:Authorization')],
    ['the headers moved and renamed in case, still empty', { headers: [['cookie', ''], ['authorization', '']] }, all],
    ['the Authorization header removed', { headers: [['Cookie', '']] }, without('header:Authorization')],
    ['the URL password typed', { url: url.replace('alice:@', 'alice:x@') }, without('url-password')],
    ['another user name', { url: url.replace('alice:@', 'carol:@') }, without('url-password')],
    ['the token typed', { url: url.replace('access_token=', 'access_token=T') }, without('query-parameter:access_token')],
    ['a parameter inserted before the credentials', { url: url.replace('?room=1', '?x=1&room=1') }, without('query-parameter:access_token', 'query-parameter:code')],
    ['the proxy password typed', { proxy: { kind: 'socks5', host: '127.0.0.1', port: 1080, username: 'bob', password: 'p', remoteDns: true } }, without('proxy-password')],
    ['another proxy', { proxy: { kind: 'socks5', host: '127.0.0.2', port: 1080, username: 'bob', remoteDns: true } }, without('proxy-password')],
    ['no proxy', { proxy: { kind: 'none' } }, without('proxy-password')],
  ])('with %s, the marks still live are %j', async (_case, edit, live) => {
    const edited = { ...(await openedElsewhere()), ...edit };
    expect(liveUnopenedSecrets(edited).map((mark) => (mark.kind === 'header' || mark.kind === 'query-parameter' ? `${mark.kind}:${mark.name}` : mark.kind))).toEqual(live);
  });
});

describe('a connection from options with a live mark is refused before dialing', () => {
  it('fails at the settings stage, naming each field, with no lookup or socket event, in English and Chinese', async () => {
    const options = await openedElsewhere();
    const events: unknown[] = [];
    const dialed = await dial(options, { nowMicros: () => 0, onEvent: (event) => events.push(event) });
    expect(events).toEqual([]);
    expect(dialed.ok).toBe(false);
    if (dialed.ok) return;
    expect(dialed.failure.stage).toBe('settings');
    expect(dialed.failure.message).toBe(
      "The saved settings hold the proxy password, the Authorization header's value, the Cookie header's value, the password in the URL, the value of the URL's access_token parameter, and the value of the URL's code parameter, which this process cannot open: nothing was dialled, since the request would have gone out with them empty",
    );
    expect(dialed.failure.hint).toContain("Type the proxy password, the Authorization header's value");
    expect(dialed.failure.hint).toContain('keychain');
    const chinese = createTranslate('zh-CN');
    expect(renderMessage(chinese, dialed.failure.i18n.message)).toBe(
      '当前进程无法打开保存的设置中的这些值，请求会把它们发成空值，因此没有建立连接：代理密码、Authorization 请求头的值、Cookie 请求头的值、URL 中的密码、URL 查询参数 access_token 的值和 URL 查询参数 code 的值',
    );
    expect(renderMessage(chinese, dialed.failure.i18n.hint)).toContain('请重新输入这些值');
  });

  it('words one field in the singular', async () => {
    const options = { ...(await openedElsewhere()), unopenedSecrets: [{ kind: 'header', name: 'Authorization', occurrence: 0 }] satisfies UnopenedSecret[] };
    const dialed = await dial(options, { nowMicros: () => 0, onEvent: () => undefined });
    if (dialed.ok) throw new Error('dialled');
    expect(dialed.failure.message).toBe("The saved settings hold the Authorization header's value, which this process cannot open: nothing was dialled, since the request would have gone out with it empty");
    expect(dialed.failure.hint).toBe(
      "Type the Authorization header's value again (and save), or open these settings in the desktop app that saved them: the keychain that sealed it is not available here, or has changed.",
    );
  });

  it('dials as usual once every marked field is typed again', async () => {
    const options = await openedElsewhere();
    const typed: SessionOptions = {
      ...options,
      url: 'ws://alice:p@127.0.0.1:1/chat?room=1&access_token=t&code=c',
      headers: [['Authorization', 'Bearer t'], ['Cookie', 'c=1']],
      proxy: { kind: 'none' },
      connectTimeoutMs: 2_000,
    };
    const dialed = await dial(typed, { nowMicros: () => 0, onEvent: () => undefined });
    expect(dialed.ok).toBe(false);
    if (!dialed.ok) expect(dialed.failure.stage).toBe('tcp');
  });
});

describe('keeping only the live marks (the drawer, the relay bar and the workspace editor)', () => {
  const empty: SessionOptions = { ...defaultSessionOptions('ws://alice:@127.0.0.1:9/chat?access_token='), headers: [['Authorization', '']], unopenedSecrets: [marks[1]!, marks[3]!, { kind: 'query-parameter', name: 'access_token', index: 0 }] };

  it('leaves options whose marked fields are all still empty as they are', () => {
    expect(keepLiveUnopenedSecrets(empty, empty)).toBe(empty);
  });

  it('drops the mark of a value typed in the URL as given, and the list when none is left', () => {
    const typedUrl = 'ws://alice:typed@127.0.0.1:9/chat?access_token=typed';
    expect(keepLiveUnopenedSecrets(empty, { ...empty, url: typedUrl }).unopenedSecrets).toEqual([marks[1]]);
    const typed = { ...empty, url: typedUrl, headers: [['Authorization', 'Bearer typed']] as [string, string][] };
    expect('unopenedSecrets' in keepLiveUnopenedSecrets(typed, typed)).toBe(false);
  });
});
