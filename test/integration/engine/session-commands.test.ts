import { readdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../../shared/contract/api.js';
import { defaultSessionOptions } from '../../../shared/contract/session-options.js';
import { FramelineEngine } from '../../../electron/engine/api/engine.js';
import { createTempDir, type TempDir } from '../../harness/temp-dir.js';
import { startWsServer, type WsServerPeer } from '../../harness/ws-server.js';

/** Tab management through the engine against a real `ws` echo server: forget, reconnect, rename, move. */

let server: WsServerPeer;
let directory: TempDir;
let engine: FramelineEngine;
const events: Array<{ name: EventName; payload: unknown }> = [];

beforeAll(async () => {
  server = await startWsServer();
});
afterAll(async () => server?.stop());
afterEach(async () => {
  await engine?.dispose();
  directory?.remove();
  events.length = 0;
});

function startEngine(): FramelineEngine {
  directory = createTempDir('engine-sessions');
  // No payload budget: every full slab spills, so a few MiB make a spill file to free.
  engine = new FramelineEngine({ dataDirectory: directory.file('data'), batchIntervalMs: 10, captureBudgets: { payloadMemoryBudgetBytes: 0, spillDirectory: directory.path } });
  engine.onEvent((name, payload) => events.push({ name, payload }));
  return engine;
}

async function until<T>(read: () => T | Promise<T>, isDone: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (isDone(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function openEchoSession(api: FramelineEngine, url = `${server.url}chat`): Promise<string> {
  const { sessionId } = await api.run('openSession', [{ ...defaultSessionOptions(url), headers: [['X-Trace', '42']] }]);
  await until(() => api.run('listSessions', []), (list) => list.find((each) => each.id === sessionId)?.state === 'open', 'the session to open');
  return sessionId;
}

const spillFolders = (): string[] => readdirSync(directory.path).filter((name) => name.startsWith('frameline-capture-'));

describe('forgetSession', () => {
  it('closes a live session with a close frame, forgets it, and deletes its spill file', async () => {
    const api = startEngine();
    const sessionId = await openEchoSession(api);
    const megabyte = Buffer.alloc(1024 * 1024, 0x61).toString('base64');
    for (let index = 0; index < 6; index += 1) await api.run('send', [sessionId, { type: 'binary', base64: megabyte }]);
    await until(() => api.run('listSessions', []), (list) => (list.find((each) => each.id === sessionId)?.counts.framesIn ?? 0) >= 6, 'the echoes');
    expect(spillFolders()).toHaveLength(1);

    await api.run('forgetSession', [sessionId]);
    expect((await api.run('listSessions', [])).map((each) => each.id)).not.toContain(sessionId);
    await expect(api.run('getRecords', [sessionId, 0, 10])).rejects.toThrow(/no session/);
    expect(events.some((event) => event.name === 'sessionRemoved' && (event.payload as EventPayload<'sessionRemoved'>).sessionId === sessionId && (event.payload as EventPayload<'sessionRemoved'>).reason === 'forgotten')).toBe(true);
    await until(() => spillFolders(), (folders) => folders.length === 0, 'the spill folder to go');
  });

  it('forgets a closed session at once', async () => {
    const api = startEngine();
    const sessionId = await openEchoSession(api);
    await api.run('closeSession', [sessionId, {}]);
    await until(() => api.run('listSessions', []), (list) => list.find((each) => each.id === sessionId)?.state === 'closed', 'the close');
    await api.run('forgetSession', [sessionId]);
    expect(await api.run('listSessions', [])).toEqual([]);
  });
});

describe('reconnectSession', () => {
  it("opens a new session with the old one's settings, placed after it and linked to it", async () => {
    const api = startEngine();
    const first = await openEchoSession(api);
    const other = await openEchoSession(api);
    await api.run('closeSession', [first, {}]);
    const { sessionId } = await api.run('reconnectSession', [first]);
    await until(() => api.run('listSessions', []), (list) => list.find((each) => each.id === sessionId)?.state === 'open', 'the reconnect');
    const list = await api.run('listSessions', []);
    expect(list.map((each) => each.id)).toEqual([first, sessionId, other]);
    expect(list[1]).toMatchObject({ previousSessionId: first, url: `${server.url}chat` });
    expect(await api.run('getSessionOptions', [sessionId])).toEqual(await api.run('getSessionOptions', [first]));
    // The settings went on the wire again: the server saw the header a second time.
    expect(server.upgradeRequests().filter((request) => request.rawHeaders.includes('X-Trace')).length).toBeGreaterThanOrEqual(3);
  });

  it('reconnects with edited settings when the tab was changed', async () => {
    const api = startEngine();
    const first = await openEchoSession(api);
    const edited = { ...defaultSessionOptions(`${server.url}edited`), headers: [['X-Edited', 'yes']] as [string, string][] };
    const { sessionId } = await api.run('reconnectSession', [first, edited]);
    await until(() => api.run('listSessions', []), (list) => list.find((each) => each.id === sessionId)?.state === 'open', 'the reconnect');
    expect(server.upgradeRequests().at(-1)).toMatchObject({ url: '/edited' });
    expect((await api.run('getSessionOptions', [sessionId]))?.headers).toEqual([['X-Edited', 'yes']]);
  });
});

describe('updateSession', () => {
  it('renames a tab and moves it, and the summaries say so', async () => {
    const api = startEngine();
    const [a, b, c] = [await openEchoSession(api), await openEchoSession(api), await openEchoSession(api)];
    await api.run('updateSession', [c, { name: 'prices feed', index: 0 }]);
    let list = await api.run('listSessions', []);
    expect(list.map((each) => each.id)).toEqual([c, a, b]);
    expect(list[0]?.name).toBe('prices feed');
    await api.run('updateSession', [c, { name: null, index: 99 }]);
    list = await api.run('listSessions', []);
    expect(list.map((each) => each.id)).toEqual([a, b, c]);
    expect(list[2]?.name).toBeUndefined();
  });
});

describe('importCapture', () => {
  it('refuses a pcapng with one sentence', async () => {
    const api = startEngine();
    const pcapng = Buffer.from([0x0a, 0x0d, 0x0d, 0x0a, 0x1c, 0, 0, 0, 0x4d, 0x3c, 0x2b, 0x1a]);
    await expect(api.run('importCapture', [{ kind: 'content', fileName: 'session.pcapng', base64: pcapng.toString('base64') }])).rejects.toThrow(
      'session.pcapng is a pcapng file: pcapng is an export format (for Wireshark), so open a .frameline.json or .har capture instead.',
    );
  });
});
