import { describe, expect, it } from 'vitest';
import type { FramelineApi } from '../../../shared/contract/api.js';
import type { ListenerInfo, ListenerOptionsInput } from '../../../shared/contract/api-listen.js';
import { textOf } from '../../../renderer/lib/text.js';
import { createAppStore } from '../../../renderer/store/app-store.js';
import { createI18n } from '../../../shared/i18n/create-i18n.js';
import { fakeApi } from './fake-api.js';

/** A store whose startListener records what the Listen form asked for. */
function listenStore() {
  const started: ListenerOptionsInput[] = [];
  const { api } = fakeApi({ value: 0 });
  const startListener: FramelineApi['startListener'] = async (options) => {
    started.push(options);
    return { listenerId: 'l1', host: '127.0.0.1', port: 9000, url: 'ws://127.0.0.1:9000/', echo: true, respondStatus: null, subprotocols: [], acceptDeflate: false, pingIntervalMs: options.pingIntervalMs ?? 0, pongTimeoutMs: options.pongTimeoutMs ?? 0 } satisfies ListenerInfo;
  };
  return { store: createAppStore({ ...api, startListener }), started };
}

/** The error notice the form left, in both languages. */
function refusal(store: ReturnType<typeof createAppStore>): { en: string; zh: string } {
  const notice = store.getState().sessions.notice;
  if (notice?.kind !== 'error') throw new Error(`expected an error notice, got ${JSON.stringify(notice)}`);
  return { en: textOf(notice.message, createI18n('en').t), zh: textOf(notice.message, createI18n('zh-CN').t) };
}

describe("the Listen form's heartbeat", () => {
  it('starts the listener with the ping interval and pong timeout typed, in ms; empty is off', async () => {
    const { store, started } = listenStore();
    store.getState().listen.setForm({ pingIntervalMs: ' 500 ', pongTimeoutMs: '1500' });
    await store.getState().listen.start();
    store.getState().listen.setForm({ pingIntervalMs: '', pongTimeoutMs: '' });
    await store.getState().listen.start();
    expect(started.map(({ pingIntervalMs, pongTimeoutMs }) => [pingIntervalMs, pongTimeoutMs])).toEqual([[500, 1500], [0, 0]]);
    expect(store.getState().listen.listeners[0]).toMatchObject({ pingIntervalMs: 500, pongTimeoutMs: 1500 });
  });

  it.each([
    ['a fraction', { pingIntervalMs: '1.5' }, 'Ping interval (ms, 0 = off): expected a whole number', 'Ping 间隔（毫秒，0 为关闭）：应为整数'],
    ['a negative', { pingIntervalMs: '-1' }, 'Ping interval (ms, 0 = off): must be at least 0', 'Ping 间隔（毫秒，0 为关闭）：不能小于 0'],
    ['text', { pingIntervalMs: '2s' }, 'Ping interval (ms, 0 = off): expected a number', 'Ping 间隔（毫秒，0 为关闭）：应为数字'],
    ['past the contract’s hour', { pingIntervalMs: '1000', pongTimeoutMs: '3600001' }, 'Pong timeout (ms, 0 = off): must be at most 3600000', 'Pong 超时（毫秒，0 为关闭）：不能大于 3600000'],
    ['a pong timeout without a ping', { pingIntervalMs: '0', pongTimeoutMs: '1000' }, 'Pong timeout needs a ping interval: the wait for a pong starts at a ping', 'Pong 超时需要配合 ping 间隔：等待 pong 从发出 ping 时开始计时'],
  ])('refuses %s in the reader’s language and starts nothing', async (_name, change, english, chinese) => {
    const { store, started } = listenStore();
    store.getState().listen.setForm(change);
    await store.getState().listen.start();
    const shown = refusal(store);
    expect(shown.en).toBe(english);
    expect(shown.zh).toBe(chinese);
    expect(started).toEqual([]);
  });
});
