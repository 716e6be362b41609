import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../../renderer/store/app-store.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { isMessage, renderMessage } from '../../../shared/i18n/message.js';
import type { Notice } from '../../../renderer/store/sessions-slice.js';
import { fakeApi } from './fake-api.js';

const shown = (notice: Notice | null, language: 'en' | 'zh-CN'): string => {
  if (notice === null || !isMessage(notice.message)) throw new Error(`expected a catalogue message, got ${JSON.stringify(notice)}`);
  return renderMessage(createTranslate(language), notice.message);
};

describe("the Fan-out form's notices", () => {
  it('refuse counts out of range in the window language, without starting a run', async () => {
    const store = createAppStore(fakeApi({ value: 0 }).api);
    store.getState().workspace.showView('fanout');
    store.getState().settings.setUrl('ws://127.0.0.1:9/');
    store.getState().fanout.setForm({ clients: '2001' });
    await store.getState().fanout.start();
    expect(shown(store.getState().sessions.notice, 'en')).toBe('Clients: a whole number from 1 to 2000');
    expect(shown(store.getState().sessions.notice, 'zh-CN')).toBe('客户端数：1 到 2000 之间的整数');

    store.getState().fanout.setForm({ clients: '10', killPercent: '150' });
    await store.getState().fanout.start();
    expect(shown(store.getState().sessions.notice, 'en')).toBe('Storm: a percentage from 0 to 100');
    expect(shown(store.getState().sessions.notice, 'zh-CN')).toBe('风暴：0 到 100 之间的百分比');
    expect(store.getState().fanout.run).toBeNull();
  });

  it('runs every client in the chosen protocol, numbered messages sent to the chosen event or topic', async () => {
    const { api } = fakeApi({ value: 0 });
    const runs: unknown[][] = [];
    const store = createAppStore({ ...api, runFanout: async (...args) => (runs.push(args), { fanoutId: 'fanout-1' }) });
    store.getState().settings.setUrl('ws://127.0.0.1:9/mqtt');
    store.getState().fanout.setForm({ protocol: 'mqtt', channel: ' sensors/t ' });
    await store.getState().fanout.start();
    expect(runs).toHaveLength(1);
    expect(runs[0]?.[1]).toMatchObject({ protocol: 'mqtt', channel: 'sensors/t', clients: 10 });
    expect(store.getState().fanout.run?.id).toBe('fanout-1');
  });

  it('runs graphql-ws clients without senders, with the GraphQL document', async () => {
    const { api } = fakeApi({ value: 0 });
    const runs: unknown[][] = [];
    const store = createAppStore({ ...api, runFanout: async (...args) => (runs.push(args), { fanoutId: 'fanout-1' }) });
    store.getState().settings.setUrl('ws://127.0.0.1:9/graphql');
    store.getState().fanout.setForm({ protocol: 'graphql-ws', document: 'subscription { tick(count: 3) }', senders: 'none' });
    await store.getState().fanout.start();
    expect(runs[0]?.[1]).toMatchObject({ protocol: 'graphql-ws', senders: 0, document: 'subscription { tick(count: 3) }' });
    expect(runs[0]?.[1]).not.toHaveProperty('mutation');
  });

  it('runs graphql-ws senders when a mutation is typed, with the senders, messages and rate of the form', async () => {
    const { api } = fakeApi({ value: 0 });
    const runs: unknown[][] = [];
    const store = createAppStore({ ...api, runFanout: async (...args) => (runs.push(args), { fanoutId: 'fanout-1' }) });
    store.getState().settings.setUrl('ws://127.0.0.1:9/graphql');
    const mutation = 'mutation($message: String!) { publish(message: $message) }';
    store.getState().fanout.setForm({ protocol: 'graphql-ws', document: 'subscription { messages }', mutation, senders: '2', messages: '30', rate: '15' });
    await store.getState().fanout.start();
    expect(runs[0]?.[1]).toMatchObject({ protocol: 'graphql-ws', senders: 2, messages: 30, ratePerSecond: 15, document: 'subscription { messages }', mutation });
  });
});
