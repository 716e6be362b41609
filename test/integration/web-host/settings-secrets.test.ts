import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ProfileStore } from '../../../electron/engine/profiles/profile-store.js';
import { RelaySettingsStore } from '../../../electron/engine/relay/relay-settings-store.js';
import { safeStorageCipher } from '../../../electron/engine/secrets/safe-storage-cipher.js';
import type { ProfileList } from '../../../shared/contract/profile.js';
import { relaySettingsSchema } from '../../../shared/contract/api-relay.js';
import { defaultSessionOptions, type SessionOptions } from '../../../shared/contract/session-options.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { renderMessage, type Message } from '../../../shared/i18n/message.js';
import { aesSafeStorage } from '../../harness/aes-safe-storage.js';
import { bridgeCredentials } from '../../harness/bridge-credentials.js';
import { eventually } from '../../harness/eventually.js';
import { startFramelineUi, type FramelineUiProcess } from '../../harness/frameline-ui.js';
import { startMicrosocks } from '../../harness/microsocks.js';
import { requirePeer } from '../../harness/require-peer.js';
import type { RunningPeer } from '../../harness/running-peer.js';
import { startWsServer, type WsServerPeer } from '../../harness/ws-server.js';

/**
 * The web host has no keychain (no Electron): a real `frameline ui` process reads profile and relay
 * settings files the desktop app would write (sealed with an AES stand-in for safeStorage) and
 * files from before secrets were marked, connects through a SOCKS5 proxy that checks the password
 * (microsocks with RFC 1929 auth) with the old file's Authorization header reaching the server, and
 * never lets the password into its logs, exports or answers.
 */

const microsocks = requirePeer('microsocks');

const username = 'alice';
const password = 'socks-pw-9f3c1e';
const bearer = 'Bearer header-secret-5d2a';
const urlToken = 'url-token-7c41b9';

describe.skipIf(!microsocks.isAvailable)('proxy passwords in settings files, read by frameline ui', () => {
  let ui: FramelineUiProcess;
  let proxy: RunningPeer;
  let echo: WsServerPeer;
  let bridge: WebSocket;
  const keychain = aesSafeStorage();
  const waiting = new Map<number, (answer: { result?: unknown; error?: { message: string } }) => void>();
  let nextId = 1;

  const dataFolder = (...parts: string[]): string => ui.temp.file('config', 'frameline', ...parts);
  /** With or without its secrets: the proxy password, the Authorization header's value (the header stays, empty) and the URL's access_token value (the parameter stays, empty). */
  const options = (withSecrets: boolean): SessionOptions => ({
    ...defaultSessionOptions(`${echo.url}?room=1&access_token=${withSecrets ? urlToken : ''}`),
    headers: [['Authorization', withSecrets ? bearer : '']],
    proxy: { kind: 'socks5', host: proxy.host, port: proxy.port, username, remoteDns: true, ...(withSecrets ? { password } : {}) },
  });

  async function call<T>(command: string, args: unknown[]): Promise<T> {
    const id = nextId++;
    const answer = await new Promise<{ result?: unknown; error?: { message: string } }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${command}: no answer within 10 s\n${ui.process.logs()}`)), 10_000);
      waiting.set(id, (value) => {
        clearTimeout(timer);
        resolve(value);
      });
      bridge.send(JSON.stringify({ type: 'call', id, command, args }));
    });
    if (answer.error) throw new Error(`${command}: ${answer.error.message}`);
    return answer.result as T;
  }

  beforeAll(async () => {
    echo = await startWsServer();
    proxy = await startMicrosocks({ auth: { username, password } });
    ui = await startFramelineUi();
    const origin = new URL(ui.printedUrl).origin;
    const { token } = await bridgeCredentials(ui);
    bridge = new WebSocket(`ws://127.0.0.1:${ui.port}/bridge?token=${encodeURIComponent(token)}`, { headers: { Origin: origin } });
    bridge.on('message', (data) => {
      const parsed = JSON.parse(data.toString()) as { id?: number };
      if (parsed.id !== undefined) waiting.get(parsed.id)?.(parsed as never);
    });
    await new Promise((resolve, reject) => {
      bridge.once('open', resolve);
      bridge.once('error', reject);
    });
    // What the desktop app writes (its keychain here is the AES stand-in), and a profile from before secrets were marked.
    await new ProfileStore(dataFolder('profiles'), safeStorageCipher(keychain)).save('desk', options(true));
    await new RelaySettingsStore(dataFolder('relay-settings.json'), safeStorageCipher(keychain)).save(
      relaySettingsSchema.parse({ options: { port: 9080, connection: { proxy: options(true).proxy, headers: options(true).headers } }, interception: { rules: [{ id: 'keep-me', match: { pattern: 'x' }, action: { kind: 'drop' } }] } }),
    );
    mkdirSync(dataFolder('profiles'), { recursive: true });
    writeFileSync(dataFolder('profiles', 'old.profile.json'), `${JSON.stringify({ name: 'old', options: options(true), savedAt: 1_700_000_000_000 }, null, 2)}\n`, { mode: 0o600 });
  }, 60_000);

  afterAll(async () => {
    bridge?.close();
    await ui?.stop();
    await proxy?.stop();
    await echo?.stop();
  });

  it('lists the old plaintext profile whole and the sealed one without its secrets, with a worded problem naming each field', async () => {
    const list = await call<ProfileList>('listProfiles', []);
    expect(list.profiles.map((profile) => profile.name)).toEqual(['desk', 'old']);
    expect(list.profiles[1]!.options).toEqual(options(true));
    expect(list.profiles[0]!.options).toEqual({
      ...options(false),
      unopenedSecrets: [
        { kind: 'proxy-password', proxyKind: 'socks5', host: proxy.host, port: proxy.port, username },
        { kind: 'header', name: 'Authorization', occurrence: 0 },
        { kind: 'query-parameter', name: 'access_token', index: 1 },
      ],
    });
    expect(list.problems).toHaveLength(3);
    expect(list.problems[1]!.text).toEqual({ key: 'errors:secret.headerUnavailable', values: { file: 'desk.profile.json', field: 'options.headers.0.1', header: 'Authorization' } });
    expect(list.problems[2]!.text).toEqual({ key: 'errors:secret.queryUnavailable', values: { file: 'desk.profile.json', field: 'options.url.query.1', parameter: 'access_token' } });
    expect(JSON.stringify(list.problems)).not.toContain(urlToken);
    expect(JSON.stringify(list.problems)).not.toContain(bearer);
    const problem = list.problems[0]!;
    expect(problem.text).toEqual({ key: 'errors:secret.unavailable', values: { file: 'desk.profile.json', field: 'options.proxy.password' } });
    expect(problem.message).toContain('desk.profile.json: the proxy password (options.proxy.password) is encrypted with the desktop app');
    expect(renderMessage(createTranslate('zh-CN'), problem.text!)).toContain('desk.profile.json：代理密码（options.proxy.password）已由桌面应用通过系统钥匙串');
    expect(JSON.stringify(list.problems)).not.toContain(password);
    const relay = await call<{ settings: { options: { connection: { proxy: unknown } }; interception: { rules: { id: string }[] } }; problem: string | null; problemText?: Message }>('loadRelaySettings', []);
    expect(relay.problemText).toEqual({ key: 'errors:secret.unavailable', values: { file: 'relay-settings.json', field: 'options.connection.proxy.password' } });
    expect(relay.settings.options.connection.proxy).toEqual(options(false).proxy);
    expect(relay.problem).toContain('the value of the Authorization header (options.connection.headers.0.1)');
    expect(relay.settings.interception.rules.map((rule) => rule.id)).toEqual(['keep-me']);
    expect(JSON.stringify(relay)).not.toContain(password);
    expect(JSON.stringify(relay)).not.toContain(bearer);
  });

  it('connects through the authenticating proxy with the old file’s password, and a session from the sealed profile is refused before dialing', async () => {
    const list = await call<ProfileList>('listProfiles', []);
    const { sessionId } = await call<{ sessionId: string }>('openSession', [list.profiles.find((profile) => profile.name === 'old')!.options]);
    const { sessionId: refusedId } = await call<{ sessionId: string }>('openSession', [list.profiles.find((profile) => profile.name === 'desk')!.options]);
    type Summary = { id: string; state: string; closed?: { how: string; message?: string } };
    const summaryOf = async (id: string): Promise<Summary | undefined> => (await call<Summary[]>('listSessions', [])).find((session) => session.id === id);
    await eventually(async () => ((await summaryOf(sessionId))?.state === 'open' ? true : undefined), () => `the session through the proxy opens\n${ui.process.logs()}`, 20_000);
    const refused = await eventually(async () => {
      const summary = await summaryOf(refusedId);
      return summary?.state === 'closed' ? summary : undefined;
    }, 'the session from the sealed profile ends', 20_000);
    expect(refused.closed?.how).toBe('error');
    expect(refused.closed?.message).toMatch(/^The saved settings hold the proxy password, the Authorization header's value, and the value of the URL's access_token parameter, which this process cannot open/);
    expect(refused.closed?.message).not.toContain(password);
    await call('send', [sessionId, { type: 'text', data: 'through the proxy' }]);
    const authorizations = echo.upgradeRequests().map((request) => request.rawHeaders[request.rawHeaders.findIndex((name, index) => index % 2 === 0 && name === 'Authorization') + 1]);
    expect(authorizations).toContain(bearer);
    expect(echo.upgradeRequests().map((request) => request.url)).toContain(`/?room=1&access_token=${urlToken}`);
    for (const format of ['json', 'har', 'pcapng']) {
      const exported = await call<{ kind: string; downloadId: string }>('exportCapture', [sessionId, { format, redact: false }]);
      expect(exported.kind).toBe('download');
      const body = Buffer.from(await (await fetch(`http://127.0.0.1:${ui.port}/download?id=${exported.downloadId}`, { headers: { 'Sec-Fetch-Site': 'same-origin' } })).arrayBuffer());
      expect(body.length).toBeGreaterThan(0);
      expect(body.includes(Buffer.from(password))).toBe(false);
      expect(body.includes(Buffer.from(Buffer.from(`${username}:${password}`).toString('base64')))).toBe(false);
    }
  }, 60_000);

  it('saves without a keychain as plain, marked, 0600, and keeps a sealed password it cannot open when the same proxy is saved again', async () => {
    const sealedBefore = (JSON.parse(readFileSync(dataFolder('profiles', 'desk.profile.json'), 'utf8')) as { secrets: unknown }).secrets;
    await call('saveProfile', ['desk', { ...options(false), subprotocols: ['chat'] }]);
    const desk = JSON.parse(readFileSync(dataFolder('profiles', 'desk.profile.json'), 'utf8')) as { options: { subprotocols: string[] }; secrets: unknown };
    expect(desk.secrets).toEqual(sealedBefore);
    expect(desk.options.subprotocols).toEqual(['chat']);
    // The desktop app, with its keychain, opens it again.
    const reopened = await new ProfileStore(dataFolder('profiles'), safeStorageCipher(keychain)).list();
    expect(reopened.profiles.find((profile) => profile.name === 'desk')?.options).toEqual({ ...options(true), subprotocols: ['chat'] });

    await call('saveProfile', ['fresh', options(true)]);
    const fresh = dataFolder('profiles', 'fresh.profile.json');
    expect((JSON.parse(readFileSync(fresh, 'utf8')) as { secrets: unknown }).secrets).toEqual({
      'options.headers.0.1': { storage: 'plain', value: bearer },
      'options.url.query.1': { storage: 'plain', value: urlToken },
      'options.proxy.password': { storage: 'plain', value: password },
    });
    expect(readFileSync(fresh, 'utf8')).toContain('"url": "ws://127.0.0.1:');
    expect(readFileSync(fresh, 'utf8')).toContain('?room=1&access_token=",');
    expect(statSync(fresh).mode & 0o777).toBe(0o600);
  });

  it('never writes the password, the header value or the URL token to its logs', () => {
    expect(ui.process.logs()).not.toContain(password);
    expect(ui.process.logs()).not.toContain(bearer);
    expect(ui.process.logs()).not.toContain(urlToken);
  });
});
