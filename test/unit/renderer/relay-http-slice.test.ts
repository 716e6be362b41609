import { describe, expect, it } from 'vitest';
import { httpExchangeSchema, type HttpExchange } from '../../../shared/contract/relay-http-exchange.js';
import type { CommandArgs, FramelineApi } from '../../../shared/contract/api.js';
import { relaySettingsSchema } from '../../../shared/contract/api-relay.js';
import { createI18n } from '../../../shared/i18n/create-i18n.js';
import { connectEvents, createAppStore } from '../../../renderer/store/app-store.js';
import { textOf } from '../../../renderer/lib/text.js';
import { fakeApi } from './fake-api.js';

const t = createI18n('en').t;

function exchange(exchangeId: number, isOver: boolean): HttpExchange {
  return httpExchangeSchema.parse({
    exchangeId,
    peer: '127.0.0.1:50000',
    method: 'GET',
    url: `http://127.0.0.1:8000/socket.io/?EIO=4&transport=polling&t=${exchangeId}`,
    httpVersion: '1.1',
    requestHeaders: [['Host', '127.0.0.1:9080']],
    requestBody: { byteLength: 0, start: '', isTruncated: false, isComplete: true },
    response: isOver ? { httpVersion: '1.1', statusCode: 200, reason: 'OK', headers: [], body: { byteLength: 2, start: 'MHs=', isTruncated: false, isComplete: true } } : null,
    responseProblem: null,
    startedAtMs: 1_000 + exchangeId,
    durationMs: isOver ? 3 : null,
    end: isOver ? { kind: 'completed' } : { kind: 'open' },
  });
}

describe('the Relay view\'s HTTP exchanges', () => {
  it('merges the pulled list with what main pushed meanwhile: one entry per exchange, the finished one kept, in id order', async () => {
    let answer!: (list: HttpExchange[]) => void;
    const { api } = fakeApi({ value: 0 });
    const store = createAppStore({ ...api, listHttpExchanges: () => new Promise((resolve) => (answer = resolve)) });
    const loading = store.getState().relayHttp.load('relay-1');
    store.getState().relayHttp.apply({ relayId: 'relay-1', exchange: exchange(2, false) });
    store.getState().relayHttp.apply({ relayId: 'relay-1', exchange: exchange(2, true) });
    answer([exchange(1, true), exchange(2, false)]);
    await loading;
    const listed = store.getState().relayHttp.byRelay['relay-1']!;
    expect(listed.map((each) => [each.exchangeId, each.end.kind])).toEqual([[1, 'completed'], [2, 'completed']]);
    // A second load of the same relay asks main nothing more.
    await store.getState().relayHttp.load('relay-1');
    expect(store.getState().relayHttp.byRelay['relay-1']).toBe(listed);
  });

  it("keeps a stopped relay's list and its Export HAR source until main releases it with the relay history", async () => {
    const { api, emit } = fakeApi({ value: 0 });
    const relay = { relayId: 'relay-1', host: '127.0.0.1', port: 9080, url: 'ws://127.0.0.1:9080/', upstreamUrl: 'ws://127.0.0.1:8000/', mode: 'frame-exact' as const };
    const quiet = { ...relay, relayId: 'relay-2', port: 9081 };
    const store = createAppStore({ ...api, startRelay: async () => relay, stopRelay: async () => null });
    connectEvents(store);
    store.setState((state) => ({ relay: { ...state.relay, relays: [relay, quiet] } }));
    emit('relayHttpExchange', { relayId: 'relay-1', exchange: exchange(1, true) });
    store.getState().relayHttp.select({ relayId: 'relay-1', exchangeId: 1 });
    await store.getState().relay.stop('relay-1');
    await store.getState().relay.stop('relay-2');
    expect(store.getState().relay.relays).toEqual([]);
    // Only the relay that passed something through is kept: main keeps nothing of the other to release later.
    expect(store.getState().relayHttp.stoppedRelays).toEqual([relay]);
    expect(store.getState().relayHttp.byRelay['relay-1']).toHaveLength(1);
    emit('relayHttpExchangesReleased', { relayId: 'relay-1' });
    expect(store.getState().relayHttp.stoppedRelays).toEqual([]);
    expect(store.getState().relayHttp.byRelay['relay-1']).toBeUndefined();
    expect(store.getState().relayHttp.selected).toBeNull();
  });

  it("after a reload, lists a stopped relay's kept exchanges from main's list of relays, apart from the running ones, until main releases them", async () => {
    const { api, emit } = fakeApi({ value: 0 });
    const running = { relayId: 'relay-2', host: '127.0.0.1', port: 9081, url: 'ws://127.0.0.1:9081/', upstreamUrl: 'ws://127.0.0.1:8000/', mode: 'frame-exact' as const };
    const stopped = { ...running, relayId: 'relay-1', port: 9080, url: 'ws://127.0.0.1:9080/' };
    const store = createAppStore({
      ...api,
      loadRelaySettings: async () => ({ settings: relaySettingsSchema.parse({ options: { port: 9080 }, interception: {} }), problem: null }),
      listRelays: async () => [{ ...running, isStopped: false }, { ...stopped, isStopped: true }],
      listHttpExchanges: async (relayId) => (relayId === 'relay-1' ? [exchange(1, true)] : []),
    });
    connectEvents(store);
    await store.getState().relay.load();
    expect(store.getState().relay.relays).toEqual([running]);
    expect(store.getState().relayHttp.stoppedRelays).toEqual([stopped]);
    await store.getState().relayHttp.load('relay-1');
    expect(store.getState().relayHttp.byRelay['relay-1']).toEqual([exchange(1, true)]);
    emit('relayHttpExchangesReleased', { relayId: 'relay-1' });
    expect(store.getState().relayHttp.stoppedRelays).toEqual([]);
    expect(store.getState().relayHttp.byRelay['relay-1']).toBeUndefined();
  });

  it('forgets, without an error, a listed stopped relay that main released before its exchanges were asked for', async () => {
    const { api } = fakeApi({ value: 0 });
    const stopped = { relayId: 'relay-1', host: '127.0.0.1', port: 9080, url: 'ws://127.0.0.1:9080/', upstreamUrl: null, mode: 'frame-exact' as const };
    const store = createAppStore({
      ...api,
      listHttpExchanges: async () => {
        throw new Error('listHttpExchanges: no relay relay-1');
      },
    });
    store.getState().relayHttp.listStopped([stopped]);
    await store.getState().relayHttp.load('relay-1');
    expect(store.getState().relayHttp.stoppedRelays).toEqual([]);
    expect(store.getState().relayHttp.loadedRelayIds).toEqual([]);
    expect(store.getState().sessions.notice).toBeNull();
  });

  it('keeps the newest 500 of a relay', () => {
    const { api } = fakeApi({ value: 0 });
    const store = createAppStore(api);
    for (let id = 1; id <= 520; id++) store.getState().relayHttp.apply({ relayId: 'relay-1', exchange: exchange(id, true) });
    const listed = store.getState().relayHttp.byRelay['relay-1']!;
    expect(listed).toHaveLength(500);
    expect(listed[0]?.exchangeId).toBe(21);
  });

  it('exports a relay as HAR with the export menu\'s extra names and patterns, a download in the browser, nothing said when cancelled, the error when it fails', async () => {
    const asked: CommandArgs<'exportRelayHar'>[] = [];
    const results = [
      async () => ({ kind: 'download' as const, downloadId: 'd1', suggestedName: '127.0.0.1_9080-http-20261130-101200-redacted.har', byteLength: 10 }),
      async () => ({ kind: 'cancelled' as const }),
      async (): Promise<never> => {
        throw new Error('exportRelayHar: no relay relay-1');
      },
    ];
    const downloads: [string, string][] = [];
    const api: FramelineApi = {
      ...fakeApi({ value: 0 }).api,
      exportRelayHar: async (...args) => {
        asked.push(args);
        return results[asked.length - 1]!();
      },
    };
    const store = createAppStore(api, { download: (id, name) => downloads.push([id, name]), copyText: async () => undefined });
    store.getState().capture.setExtraHeaderNames('X-Team, X-Other');
    store.getState().capture.setPayloadPatterns('sid\\w+');
    await store.getState().relayHttp.exportHar('relay-1');
    expect(asked[0]).toEqual(['relay-1', { extraHeaderNames: ['X-Team', 'X-Other'], payloadPatterns: ['sid\\w+'] }]);
    expect(downloads).toEqual([['d1', '127.0.0.1_9080-http-20261130-101200-redacted.har']]);
    expect(textOf(store.getState().sessions.notice!.message, t)).toBe('Downloading the HTTP exchanges as HAR (secrets redacted): 127.0.0.1_9080-http-20261130-101200-redacted.har');
    store.getState().sessions.showNotice(null);
    await store.getState().relayHttp.exportHar('relay-1');
    expect(store.getState().sessions.notice).toBeNull();
    await store.getState().relayHttp.exportHar('relay-1');
    expect(textOf(store.getState().sessions.notice!.message, t)).toBe('The HTTP exchanges could not be exported: no relay relay-1');
    expect(store.getState().relayHttp.exportingRelayId).toBeNull();
  });

  it('follows relays another window starts and stops: listed as running, then with their kept exchanges, or gone when nothing was kept', async () => {
    const { api, emit } = fakeApi({ value: 0 });
    const relay = { relayId: 'relay-1', host: '127.0.0.1', port: 9080, url: 'ws://127.0.0.1:9080/', upstreamUrl: 'ws://127.0.0.1:8000/', mode: 'frame-exact' as const };
    const quiet = { ...relay, relayId: 'relay-2', port: 9081, url: 'ws://127.0.0.1:9081/' };
    const store = createAppStore({ ...api, startRelay: async () => relay, stopRelay: async () => null, saveRelaySettings: async (settings) => relaySettingsSchema.parse(settings) });
    connectEvents(store);
    emit('relayStarted', quiet);
    emit('relayStarted', quiet);
    expect(store.getState().relay.relays).toEqual([quiet]);
    // This window's own start: main's event and the answer list it once.
    emit('relayStarted', relay);
    await store.getState().relay.start();
    expect(store.getState().relay.relays).toEqual([quiet, relay]);
    emit('relayStopped', { relayId: 'relay-1', isKept: true });
    emit('relayStopped', { relayId: 'relay-2', isKept: false });
    expect(store.getState().relay.relays).toEqual([]);
    // Kept although this window never loaded its exchanges: main keeps them, so they are listed.
    expect(store.getState().relayHttp.stoppedRelays).toEqual([relay]);
    // The answer to this window's own stop, after main's event, changes nothing more.
    await store.getState().relay.stop('relay-1');
    expect(store.getState().relayHttp.stoppedRelays).toEqual([relay]);
    emit('relayHttpExchangesReleased', { relayId: 'relay-1' });
    expect(store.getState().relayHttp.stoppedRelays).toEqual([]);
  });
});
