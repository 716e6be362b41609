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

describe("the Doctor form's notices", () => {
  it('refuse a bad idle limit and listen port in the window language, without starting a run', async () => {
    const store = createAppStore(fakeApi({ value: 0 }).api);
    store.getState().doctor.setForm({ idleLimitSeconds: '0' });
    await store.getState().doctor.start();
    expect(shown(store.getState().sessions.notice, 'en')).toBe('Idle limit: a whole number of seconds from 1 to 600');
    expect(shown(store.getState().sessions.notice, 'zh-CN')).toBe('空闲时限：请填写 1 到 600 之间的整数秒数');

    store.getState().doctor.setForm({ idleLimitSeconds: '30', isPathTest: true, listenPort: '70000' });
    await store.getState().doctor.start();
    expect(shown(store.getState().sessions.notice, 'en')).toBe('Listen port: a whole number from 1 to 65535');
    expect(shown(store.getState().sessions.notice, 'zh-CN')).toBe('监听端口：请填写 1 到 65535 之间的整数');
    expect(store.getState().doctor.run).toBeNull();
  });

  it('check the heartbeat probe’s namespace and keep-alive with the contract’s schema, then send them with the run', async () => {
    const { api } = fakeApi({ value: 0 });
    const runs: unknown[][] = [];
    const store = createAppStore({ ...api, runDiagnosis: async (...args) => (runs.push(args), { diagnosisId: 'diagnosis-1' }) });
    store.getState().settings.setUrl('ws://127.0.0.1:9/socket.io/?EIO=4&transport=websocket');
    store.getState().doctor.setForm({ isLivenessProbeEnabled: true, livenessNamespace: 'chat' });
    await store.getState().doctor.start();
    expect(shown(store.getState().sessions.notice, 'en')).toBe('namespace: a Socket.IO namespace starts with / and has no spaces, commas, ? or #');
    expect(shown(store.getState().sessions.notice, 'zh-CN')).toBe('命名空间：Socket.IO 命名空间以 / 开头，且不能含空格、逗号、? 或 #');
    store.getState().doctor.setForm({ livenessNamespace: '/chat', livenessKeepAliveSeconds: 'soon' });
    await store.getState().doctor.start();
    expect(shown(store.getState().sessions.notice, 'en')).toMatch(/^keep-alive s: /);
    expect(runs).toEqual([]);

    store.getState().doctor.setForm({ livenessKeepAliveSeconds: ' 2 ' });
    await store.getState().doctor.start();
    expect(runs[0]?.[1]).toMatchObject({ isLivenessProbeEnabled: true, livenessProtocol: { namespace: '/chat', keepAliveSeconds: 2 } });
    // Off, the fields are neither checked nor sent.
    store.getState().doctor.setForm({ isLivenessProbeEnabled: false, livenessNamespace: 'bad' });
    store.getState().doctor.applyFinished({ diagnosisId: 'diagnosis-1', outcome: 'cancelled', report: null });
    await store.getState().doctor.start();
    expect(runs[1]?.[1]).not.toHaveProperty('livenessProtocol');
  });

  it('check the heartbeat probe’s limit with the contract’s schema, then send it in ms; empty leaves the wait to the idle limit', async () => {
    const { api } = fakeApi({ value: 0 });
    const runs: unknown[][] = [];
    const store = createAppStore({ ...api, runDiagnosis: async (...args) => (runs.push(args), { diagnosisId: `diagnosis-${runs.length}` }) });
    const { doctor } = store.getState();
    const finish = (): void => doctor.applyFinished({ diagnosisId: `diagnosis-${runs.length}`, outcome: 'cancelled', report: null });
    store.getState().settings.setUrl('ws://127.0.0.1:9/');
    doctor.setForm({ isLivenessProbeEnabled: true, idleLimitSeconds: '60', livenessLimitSeconds: '0.5' });
    await doctor.start();
    expect(shown(store.getState().sessions.notice, 'en')).toBe('limit s: must be at least 1');
    expect(shown(store.getState().sessions.notice, 'zh-CN')).toBe('时限秒数：不能小于 1');
    doctor.setForm({ livenessLimitSeconds: '601' });
    await doctor.start();
    expect(shown(store.getState().sessions.notice, 'en')).toBe('limit s: must be at most 600');
    doctor.setForm({ livenessLimitSeconds: 'soon' });
    await doctor.start();
    expect(shown(store.getState().sessions.notice, 'en')).toMatch(/^limit s: /);
    expect(runs).toEqual([]);

    doctor.setForm({ livenessLimitSeconds: ' 2.5 ' });
    await doctor.start();
    expect(runs[0]?.[1]).toMatchObject({ isLivenessProbeEnabled: true, livenessLimitMs: 2_500, idleLimitMs: 60_000 });
    finish();
    // Empty: the run carries no limit of its own, so the engine waits as long as the idle probe.
    doctor.setForm({ livenessLimitSeconds: '' });
    await doctor.start();
    expect(runs[1]?.[1]).toMatchObject({ idleLimitMs: 60_000, livenessLimitMs: null });
    finish();
    // Off, the limit is neither checked nor sent.
    doctor.setForm({ isLivenessProbeEnabled: false, livenessLimitSeconds: 'bad' });
    await doctor.start();
    expect(runs[2]?.[1]).not.toHaveProperty('livenessLimitMs');
  });
});
