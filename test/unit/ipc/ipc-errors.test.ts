import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FramelineEngine } from '../../../electron/engine/api/engine.js';
import { noRedaction } from '../../../electron/engine/capture/export/redaction-rules.js';
import type { FramelineApi } from '../../../shared/contract/api.js';
import type { PreloadApi } from '../../../shared/contract/ipc-answer.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { errorText } from '../../../shared/i18n/message-error.js';
import { renderMessage } from '../../../shared/i18n/message.js';
import { fromPreload } from '../../../renderer/api/electron-api.js';
import { createTempDir, type TempDir } from '../../harness/temp-dir.js';
import { exportBytes, fixtureLog } from '../export/export-fixture.js';

// Electron's binary cannot run on this machine, so `ipcMain`, `ipcRenderer` and `contextBridge` are
// fakes wired to each other: an invoke reaches the handler main registered, from our own window's
// top frame, and what the preload exposes is what the page would get. Both ends are the real code:
// register-handlers.ts in main, preload.ts, and the page's electron-api.ts over a real engine.
const electron = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
  exposed: new Map<string, unknown>(),
  sender: { isDestroyed: () => false, on: () => undefined, send: () => undefined },
  frameUrl: 'frameline://app/index.html',
}));
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => electron.handlers.set(channel, handler),
    removeHandler: (channel: string) => electron.handlers.delete(channel),
    on: () => undefined,
    removeListener: () => undefined,
  },
  ipcRenderer: {
    // Like Electron: the handler's resolved value arrives as it was; a rejection would arrive as its message only.
    invoke: async (channel: string, ...args: unknown[]) => {
      const handler = electron.handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      return handler({ sender: electron.sender, senderFrame: { parent: null, url: electron.frameUrl } }, ...args);
    },
    on: () => undefined,
    send: () => undefined,
  },
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => electron.exposed.set(key, value) },
}));

const { registerIpcHandlers } = await import('../../../electron/ipc/register-handlers.js');
await import('../../../electron/preload.js');

const zh = createTranslate('zh-CN');

/** What the page shows for a failed call: the engine's message in Chinese, or the error's own text. */
async function failureInChinese(call: Promise<unknown>): Promise<string> {
  const error = await call.then(
    () => expect.fail('the call succeeded'),
    (failure: unknown) => failure,
  );
  const text = errorText(error);
  return text ? renderMessage(zh, text) : `untranslated: ${(error as Error).message}`;
}

describe('engine errors through Electron IPC, worded in the window’s language', () => {
  let temp: TempDir;
  let engine: FramelineEngine;
  let api: FramelineApi;
  let importedId: string;
  let unregister: () => void;

  beforeAll(async () => {
    temp = createTempDir('ipc-errors');
    engine = new FramelineEngine({ dataDirectory: temp.path });
    unregister = registerIpcHandlers(engine, (url) => url === electron.frameUrl, () => electron.sender as never);
    api = fromPreload(electron.exposed.get('frameline') as PreloadApi);
    const bytes = await exportBytes(fixtureLog(), 'json', noRedaction);
    ({ sessionId: importedId } = await api.importCapture({ kind: 'content', fileName: 'bug.frameline.json', base64: bytes.toString('base64') }));
  });

  afterAll(async () => {
    unregister?.();
    await engine?.dispose();
    temp?.remove();
  });

  it('answers every command as plain data, which contextBridge passes whole, never as a thrown error', async () => {
    const preload = electron.exposed.get('frameline') as PreloadApi;
    const answer = await preload.getRecord('no-such-session', 0);
    expect(answer).toEqual({ ok: false, error: { message: 'no session no-such-session', i18n: { key: 'sessions:error.noSession', values: { id: 'no-such-session' } } } });
    expect(JSON.parse(JSON.stringify(answer))).toEqual(answer);
    expect(await preload.listSessions()).toMatchObject({ ok: true, result: [{ id: importedId }] });
  });

  it('words a record that does not exist', async () => {
    const count = (await api.listSessions())[0]!.counts.records;
    expect(await failureInChinese(api.getRecord(importedId, 99_999))).toBe(`记录 99999 不存在（该会话共有 ${count} 条）`);
  });

  it('words a send on an imported capture as read-only', async () => {
    expect(await failureInChinese(api.send(importedId, { type: 'text', data: 'hi' }))).toBe('这个会话是导入的抓包，是只读的');
  });

  it('words an unknown session', async () => {
    expect(await failureInChinese(api.getHandshake('gone'))).toBe('没有会话 gone');
  });

  it('words an argument the contract’s schema refuses, with its field as written', async () => {
    expect(await failureInChinese(api.openSession({ url: 'http://example.test/' } as never))).toBe('0.url：URL 必须以 ws:// 或 wss:// 开头并写明主机');
    expect(await failureInChinese(api.getRecords(importedId, -1, 10))).toBe('1：不能小于 0');
  });

  it('keeps the English and the field on the error for logs', async () => {
    const error = (await api.getRecords(importedId, -1, 10).catch((failure: unknown) => failure)) as Error & { field?: string };
    expect(error.message).toBe('getRecords: must be at least 0 (1)');
    expect(error.field).toBe('1');
  });

  it('refuses a frame that is not our page outright', async () => {
    const handler = electron.handlers.get('frameline:listSessions')!;
    await expect(async () => handler({ sender: electron.sender, senderFrame: { parent: {}, url: electron.frameUrl } })).rejects.toThrow('refused');
  });
});
