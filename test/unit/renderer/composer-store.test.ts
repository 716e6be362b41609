import { describe, expect, it } from 'vitest';
import type { FramelineApi } from '../../../shared/contract/api.js';
import type { SendRequest } from '../../../shared/contract/api-send.js';
import type { UserDataPart } from '../../../shared/contract/user-data.js';
import { createAppStore } from '../../../renderer/store/app-store.js';
import { textOf } from '../../../renderer/lib/text.js';
import { createI18n } from '../../../shared/i18n/create-i18n.js';
import { fakeApi, settle } from './fake-api.js';

const t = createI18n('en').t;
const bytes = (base64: string | undefined): string => Buffer.from(base64 ?? '', 'base64').toString('latin1');

function setup() {
  const sent: SendRequest[] = [];
  const saved: UserDataPart[] = [];
  const api: FramelineApi = {
    ...fakeApi({ value: 0 }).api,
    send: async (_id, request) => (sent.push(request), null),
    saveUserData: async (part) => (saved.push(part as UserDataPart), null),
    loadUserData: async () => ({
      preferences: { timeFormat: 'sinceStart', timelineUnit: 'frames', columns: {}, panes: {} },
      snippets: [{ name: 'hello', mode: 'json', text: '{"op":"hello"}', encoding: 'text' }],
      history: [{ mode: 'text', text: 'earlier', encoding: 'text' }],
      problems: [{ fileName: 'snippets.json', message: 'snippets.json: not valid JSON', keptAs: 'snippets.json.corrupt-1' }],
    }),
  };
  const store = createAppStore(api);
  store.getState().sessions.upsert({ id: 's1', url: 'ws://example.test/', state: 'open', openedAt: 0, statusCode: 101, readOnly: false, counts: { records: 0, framesIn: 0, framesOut: 0 } });
  store.getState().sessions.select('s1');
  return { store, sent, saved };
}

describe('control frame payloads', () => {
  it('send ping text as text, and hex or base64 decoded, each mode with its own encoding', async () => {
    const { store, sent } = setup();
    const { composer } = store.getState();
    composer.setMode('binary');
    composer.setEncoding('base64');
    composer.setMode('ping');
    expect(store.getState().composer.encodings.ping).toBe('text');
    composer.setDraft('70696e67');
    await store.getState().composer.send();
    composer.setEncoding('hex');
    await store.getState().composer.send();
    expect(sent.map((request) => (request.type === 'ping' ? bytes(request.base64) : ''))).toEqual(['70696e67', 'ping']);
    expect(store.getState().composer.encodings.binary).toBe('base64');
  });

  it('sends a close with code and reason, or raw close bytes typed as hex', async () => {
    const { store, sent } = setup();
    const { composer } = store.getState();
    composer.setMode('close');
    composer.update({ closeCode: '4000', closeReason: 'done' });
    await store.getState().composer.send();
    composer.setEncoding('hex');
    composer.setDraft('03 e8 ff');
    await store.getState().composer.send();
    expect(sent[0]).toEqual({ type: 'close', code: 4000, reason: 'done' });
    expect(sent[1]).toMatchObject({ type: 'frame', opcode: 8, fin: true });
    expect(sent[1]?.type === 'frame' ? [...Buffer.from(sent[1].payload, 'base64')] : []).toEqual([0x03, 0xe8, 0xff]);
  });

  it('§5.1: a crafted frame goes masked from a client session and unmasked on a listened connection, unless the user chose the mask', async () => {
    const { store, sent } = setup();
    store.getState().sessions.upsert({ id: 's2', url: 'ws://127.0.0.1:9000/', state: 'open', openedAt: 0, statusCode: 101, readOnly: false, counts: { records: 0, framesIn: 0, framesOut: 0 }, origin: { kind: 'listen', listenerId: 'l1', connection: 1, peer: '127.0.0.1:50000' } });
    const { composer } = store.getState();
    composer.setMode('close');
    composer.setEncoding('hex');
    composer.setDraft('0f a0');
    await store.getState().composer.send();
    store.getState().sessions.select('s2');
    await store.getState().composer.send();
    composer.updateAdvanced({ isEnabled: true, mask: 'random' });
    composer.setMode('text');
    composer.setDraft('masked on purpose');
    await store.getState().composer.send();
    expect(sent.map((request) => (request.type === 'frame' ? request.mask : request.type))).toEqual(['random', 'none', 'random']);
  });
});

describe('JSON mode', () => {
  it('warns before sending invalid JSON and sends it as typed when asked again', async () => {
    const { store, sent } = setup();
    store.getState().composer.setMode('json');
    store.getState().composer.setDraft('{"op": 1,');
    await store.getState().composer.send();
    expect(sent).toEqual([]);
    expect(store.getState().composer.jsonWarning).toMatch(/JSON/);
    await store.getState().composer.send();
    expect(sent).toEqual([{ type: 'text', data: '{"op": 1,' }]);
    expect(store.getState().composer.jsonWarning).toBeNull();
  });

  it('sends valid JSON at once, never re-serialised', async () => {
    const { store, sent } = setup();
    store.getState().composer.setMode('json');
    store.getState().composer.setDraft('{ "big": 12345678901234567890 }');
    await store.getState().composer.send();
    expect(sent).toEqual([{ type: 'text', data: '{ "big": 12345678901234567890 }' }]);
  });
});

describe('snippets and history kept by main', () => {
  it('restores them at start and reports a file main had to set aside', async () => {
    const { store } = setup();
    await store.getState().preferences.load();
    expect(store.getState().composer.snippets.map((snippet) => snippet.name)).toEqual(['hello']);
    expect(store.getState().composer.history).toEqual([{ mode: 'text', text: 'earlier', encoding: 'text' }]);
    expect(store.getState().preferences.values.timeFormat).toBe('sinceStart');
    expect(textOf(store.getState().sessions.notice!.message, t)).toBe('A settings file could not be loaded and defaults are used: snippets.json: not valid JSON (the file was kept as snippets.json.corrupt-1)');
  });

  it('saves a snippet through main at once, and history shortly after a send', async () => {
    const { store, saved } = setup();
    store.getState().composer.setDraft('to keep');
    store.getState().composer.saveSnippet('keep');
    expect(saved.at(-1)).toEqual({ kind: 'snippets', snippets: [{ name: 'keep', mode: 'text', text: 'to keep', encoding: 'text' }] });
    await store.getState().composer.send();
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(saved.at(-1)).toEqual({ kind: 'history', history: [{ mode: 'text', text: 'to keep', encoding: 'text' }] });
  });

  it('loads a snippet and asks for the editor focus, so Ctrl/Cmd+Enter sends it', async () => {
    const { store } = setup();
    await store.getState().preferences.load();
    await settle();
    const before = store.getState().composer.focusRequest;
    store.getState().composer.loadSnippet('hello');
    expect(store.getState().composer).toMatchObject({ mode: 'json', focusRequest: before + 1 });
    expect(store.getState().composer.drafts.json).toBe('{"op":"hello"}');
  });
});
