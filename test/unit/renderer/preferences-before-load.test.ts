import { describe, expect, it } from 'vitest';
import type { FramelineApi } from '../../../shared/contract/api.js';
import { preferencesSchema, type UserData, type UserDataPart } from '../../../shared/contract/user-data.js';
import { createAppStore, installAppStore } from '../../../renderer/store/app-store.js';
import { fakeApi } from './fake-api.js';

describe('a preference chosen before the first load answers', () => {
  it('is replayed on what the load brings, and nothing is saved until then (the defaults never overwrite the file)', async () => {
    const saved: UserDataPart[] = [];
    let answer: (data: UserData) => void = () => undefined;
    const api: FramelineApi = {
      ...fakeApi({ value: 0 }).api,
      loadUserData: () => new Promise<UserData>((resolve) => (answer = resolve)),
      saveUserData: async (part) => (saved.push(part as UserDataPart), null),
    };
    const store = createAppStore(api);
    installAppStore(store);
    const { preferences } = store.getState();
    const loading = preferences.load();
    preferences.update((values) => ({ ...values, timeFormat: 'sinceStart' }));
    await store.getState().preferences.flush();
    expect(saved, 'saved while the load was on its way').toEqual([]);
    const stored = preferencesSchema.parse({ language: 'zh-CN', timelineUnit: 'messages', timeFormat: 'clock' });
    answer({ preferences: stored, snippets: [], history: [], problems: [] });
    await loading;
    const values = store.getState().preferences.values;
    expect(values.timeFormat, 'the choice made before the load').toBe('sinceStart');
    expect([values.language, values.timelineUnit], 'what the file held').toEqual(['zh-CN', 'messages']);
    await store.getState().preferences.flush();
    expect(saved).toEqual([{ kind: 'preferences', preferences: values }]);
  });
});
