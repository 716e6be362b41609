import { describe, expect, it } from 'vitest';
import type { CommandArgs, FramelineApi } from '../../../shared/contract/api.js';
import type { SessionSummary } from '../../../shared/contract/api-session.js';
import { defaultSessionOptions } from '../../../shared/contract/session-options.js';
import { createAppStore } from '../../../renderer/store/app-store.js';
import { tabIds } from '../../../renderer/store/sessions-slice.js';
import { currentForm, DOCTOR_FORM } from '../../../renderer/store/settings-slice.js';
import { sessionEnd } from '../../../renderer/features/sessions/use-live-text.js';
import { fakeApi, settle } from './fake-api.js';

function summary(id: string, change: Partial<SessionSummary> = {}): SessionSummary {
  return { id, url: `ws://${id}.example.test/feed`, state: 'open', openedAt: 1000, counts: { records: 10, framesIn: 4, framesOut: 4 }, statusCode: 101, readOnly: false, ...change };
}

/** A store over a fake API that records the tab commands it was given. */
function setup(ids: readonly string[], changes: Record<string, Partial<SessionSummary>> = {}) {
  const calls: { command: string; args: unknown[] }[] = [];
  let next = 1;
  const api: FramelineApi = {
    ...fakeApi({ value: 10 }).api,
    listSessions: async () => ids.map((id) => summary(id, changes[id])),
    forgetSession: async (...args) => (calls.push({ command: 'forgetSession', args }), null),
    updateSession: async (...args) => (calls.push({ command: 'updateSession', args }), null),
    closeSession: async (...args) => (calls.push({ command: 'closeSession', args }), null),
    getSessionOptions: async (id) => ({ ...defaultSessionOptions(`ws://${id}.example.test/feed`), headers: [['X-Tab', id]] }),
    openSession: async (...args: CommandArgs<'openSession'>) => (calls.push({ command: 'openSession', args }), { sessionId: `new${next++}` }),
    reconnectSession: async (...args: CommandArgs<'reconnectSession'>) => (calls.push({ command: 'reconnectSession', args }), { sessionId: `new${next++}` }),
  };
  const store = createAppStore(api);
  return { store, calls };
}

describe('closing tabs', () => {
  it('closes one tab: main forgets it, and its neighbour is shown', async () => {
    const { store, calls } = setup(['a', 'b', 'c']);
    await store.getState().sessions.refresh();
    store.getState().sessions.select('b');
    await store.getState().sessions.close(['b']);
    expect(calls).toEqual([{ command: 'forgetSession', args: ['b'] }]);
    expect(tabIds(store.getState())).toEqual(['a', 'c']);
    expect(store.getState().sessions.activeId).toBe('c');
    expect(store.getState().timeline.sessionId).toBe('c');
  });

  it('closes the others, the ended ones, or all', async () => {
    const { store, calls } = setup(['a', 'b', 'c', 'd'], { b: { state: 'closed' }, d: { state: 'closed', readOnly: true } });
    await store.getState().sessions.refresh();
    await store.getState().sessions.closeEnded();
    expect(tabIds(store.getState())).toEqual(['a', 'c']);
    await store.getState().sessions.closeOthers('a');
    expect(tabIds(store.getState())).toEqual(['a']);
    await store.getState().sessions.closeAll();
    expect(tabIds(store.getState())).toEqual([]);
    expect(store.getState().sessions.activeId).toBeNull();
    expect(calls.map((call) => call.args[0])).toEqual(['b', 'd', 'c', 'a']);
  });

  it('drops a session main forgot (another window closed it)', async () => {
    const { store } = setup(['a', 'b']);
    await store.getState().sessions.refresh();
    store.getState().sessions.remove('a');
    expect(store.getState().sessions.order).toEqual(['b']);
    expect(store.getState().sessions.byId.a).toBeUndefined();
  });
});

describe('renaming and moving tabs', () => {
  it('renames (empty clears) and tells main', async () => {
    const { store, calls } = setup(['a']);
    await store.getState().sessions.refresh();
    await store.getState().sessions.rename('a', '  prices  ');
    expect(store.getState().sessions.byId.a?.name).toBe('prices');
    await store.getState().sessions.rename('a', '');
    expect(store.getState().sessions.byId.a?.name).toBeUndefined();
    expect(calls.map((call) => call.args)).toEqual([['a', { name: 'prices' }], ['a', { name: null }]]);
  });

  it('moves a tab among the tabs, skipping Doctor probe sessions in main\'s order', async () => {
    const { store, calls } = setup(['a', 'probe', 'b', 'c'], { probe: { origin: { kind: 'doctor', diagnosisId: 'd1', probe: 'handshake' } } });
    await store.getState().sessions.refresh();
    expect(tabIds(store.getState())).toEqual(['a', 'b', 'c']);
    await store.getState().sessions.move('c', 0);
    expect(tabIds(store.getState())).toEqual(['c', 'a', 'b']);
    expect(calls.at(-1)?.args).toEqual(['c', { index: 0 }]);
    await store.getState().sessions.move('c', 2);
    expect(tabIds(store.getState())).toEqual(['a', 'b', 'c']);
    expect(store.getState().sessions.order).toEqual(['a', 'probe', 'b', 'c']);
  });

  it('moves to the next and previous tab, wrapping around', async () => {
    const { store } = setup(['a', 'b', 'c']);
    await store.getState().sessions.refresh();
    expect(store.getState().sessions.activeId).toBe('c');
    store.getState().sessions.selectRelative(1);
    expect(store.getState().sessions.activeId).toBe('a');
    store.getState().sessions.selectRelative(-1);
    expect(store.getState().sessions.activeId).toBe('c');
  });
});

describe('URL and settings per tab', () => {
  it("shows each tab's own URL and settings, and keeps an edit with its tab", async () => {
    const { store } = setup(['a', 'b']);
    await store.getState().sessions.refresh();
    store.getState().sessions.select('a');
    await settle();
    expect(currentForm(store.getState()).url).toBe('ws://a.example.test/feed');
    expect(currentForm(store.getState()).options.headers).toEqual([['X-Tab', 'a']]);
    store.getState().settings.setUrl('ws://a.example.test/edited');
    store.getState().sessions.select('b');
    await settle();
    expect(currentForm(store.getState()).url).toBe('ws://b.example.test/feed');
    store.getState().sessions.select('a');
    expect(currentForm(store.getState()).url).toBe('ws://a.example.test/edited');
  });

  it('reconnects a tab with its edited settings as a new session placed after it, and the old tab keeps its own', async () => {
    const { store, calls } = setup(['a', 'b']);
    await store.getState().sessions.refresh();
    store.getState().sessions.select('a');
    await settle();
    store.getState().settings.setUrl('ws://a.example.test/v2');
    await store.getState().sessions.reconnect();
    // An open session is closed normally before its replacement opens.
    expect(calls.map((call) => call.command)).toEqual(['closeSession', 'reconnectSession']);
    const [id, options] = calls[1]!.args as CommandArgs<'reconnectSession'>;
    expect(id).toBe('a');
    expect(options).toMatchObject({ url: 'ws://a.example.test/v2', headers: [['X-Tab', 'a']] });
    expect(tabIds(store.getState())).toEqual(['a', 'new1', 'b']);
    expect(store.getState().sessions.activeId).toBe('new1');
    expect(store.getState().sessions.byId.new1?.previousSessionId).toBe('a');
    expect(currentForm(store.getState()).url).toBe('ws://a.example.test/v2');
    store.getState().sessions.select('a');
    expect(currentForm(store.getState()).url).toBe('ws://a.example.test/feed');
  });

  it('gives the Doctor its own URL: diagnosing does not change the shown tab', async () => {
    const { store } = setup(['a']);
    await store.getState().sessions.refresh();
    await settle();
    store.getState().workspace.showView('doctor');
    store.getState().settings.setUrl('ws://doctor.example.test/');
    expect(store.getState().settings.forms[DOCTOR_FORM]?.url).toBe('ws://doctor.example.test/');
    store.getState().workspace.showView('inspect');
    expect(currentForm(store.getState()).url).toBe('ws://a.example.test/feed');
  });
});

describe('elapsed time', () => {
  it("stops at an imported capture's recorded end, and at a close", () => {
    expect(sessionEnd(summary('imported', { state: 'closed', readOnly: true, endedAt: 5000 }))).toBe(5000);
    expect(sessionEnd(summary('closed', { state: 'closed', closed: { at: 7000, by: 'server', how: 'close-frame' } }))).toBe(7000);
    expect(sessionEnd(summary('live'))).toBeNull();
  });
});
