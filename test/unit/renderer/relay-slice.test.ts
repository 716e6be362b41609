import { describe, expect, it } from 'vitest';
import { relayInterceptionSchema } from '../../../shared/contract/relay-interception.js';
import { relaySettingsSchema } from '../../../shared/contract/api-relay.js';
import type { FramelineApi } from '../../../shared/contract/api.js';
import { createAppStore } from '../../../renderer/store/app-store.js';
import { RELAY_FORM } from '../../../renderer/store/settings-slice.js';
import { fakeApi } from './fake-api.js';

/** Saved relay settings whose upstream connection differs from every default the drawer starts with. */
const saved = relaySettingsSchema.parse({
  options: {
    port: 9555,
    upstreamUrl: 'ws://127.0.0.1:8181/chat',
    mode: 'message',
    connection: {
      headers: [['X-Team', 'blue']],
      httpVersion: '1.0',
      proxy: { kind: 'http-connect', host: '127.0.0.1', port: 3128 },
      connectTimeoutMs: 4321,
      limits: { handshakeTimeoutMs: 2500 },
    },
  },
  interception: relayInterceptionSchema.parse({}),
  savedAt: 1,
});

function storeWithSaved(overrides: Partial<FramelineApi> = {}) {
  const { api } = fakeApi({ value: 0 });
  return createAppStore({ ...api, loadRelaySettings: async () => ({ settings: saved, problem: null }), listRelays: async () => [], ...overrides });
}

describe('loading the saved relay settings', () => {
  it('fills the settings drawer with the saved upstream connection settings, not only the relay bar', async () => {
    const store = storeWithSaved();
    store.getState().workspace.showView('relay');
    store.getState().settings.updateOptions((options) => ({ ...options, subprotocols: ['chat.v1'] }));
    await store.getState().relay.load();
    expect(store.getState().relay.form).toEqual({ host: '127.0.0.1', port: '9555', upstreamUrl: 'ws://127.0.0.1:8181/chat', mode: 'message' });
    const drawer = store.getState().settings.forms[RELAY_FORM]!;
    expect(drawer.options).toMatchObject({
      headers: [['X-Team', 'blue']],
      httpVersion: '1.0',
      proxy: { kind: 'http-connect', host: '127.0.0.1', port: 3128 },
      connectTimeoutMs: 4321,
      limits: { handshakeTimeoutMs: 2500 },
    });
    // What the client's own request decides is not in the saved connection: the drawer keeps it.
    expect(drawer.options.subprotocols).toEqual(['chat.v1']);
    expect(drawer.url).toBe('ws://127.0.0.1:8181/chat');
  });

  it('starts a relay with exactly the connection settings it loaded', async () => {
    let started: unknown = null;
    const store = storeWithSaved({
      startRelay: async (options) => {
        started = options;
        return { relayId: 'r1', host: '127.0.0.1', port: 9555, url: 'ws://127.0.0.1:9555/chat', upstreamUrl: options.upstreamUrl ?? null, mode: 'message' };
      },
      saveRelaySettings: async (settings) => relaySettingsSchema.parse(settings),
    });
    await store.getState().relay.load();
    await store.getState().relay.start();
    expect(started).toMatchObject({ connection: saved.options.connection });
  });
});
